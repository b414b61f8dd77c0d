package org.convlab.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point of {@code ./convlab}: runs one command and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line {@code args}, writing to {@code out} and {@code err}.
     *
     * @return the exit code: 0 success, 1 runtime failure, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // what no estimate foresaw: one line, the heap it had, and how to give it more
            cli.getErr().println("convlab: out of memory: these arguments need more than the "
                    + org.convlab.core.MemoryBudget.size(Runtime.getRuntime().maxMemory())
                    + " of heap this JVM has; choose smaller values, or give Java more memory,"
                    + " e.g. CONVLAB_JAVA_OPTS=-Xmx8g");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(cli.getErr());
            }
            return org.convlab.core.ConvlabException.EXIT_RUNTIME;
        }
    }

    /** The command tree with convlab's error handling installed. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ConvlabCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // "@file" arguments are plain text: expanding them would read any path (a directory, a
        // device, a FIFO that blocks forever) before a single option is checked.
        cli.setExpandAtFiles(false);
        NumberConverters.install(cli);
        cli.setParameterExceptionHandler(Errors::onBadArguments);
        cli.setExecutionExceptionHandler(Errors::onFailure);
        return cli;
    }
}
