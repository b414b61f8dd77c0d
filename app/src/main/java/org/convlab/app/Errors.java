package org.convlab.app;

import java.util.Arrays;
import org.convlab.core.ConvlabException;
import org.convlab.core.StrictNumbers;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error and an exit code: 2 for usage errors,
 * 1 for runtime failures. A stack trace appears only with {@code --debug}. A bad parameter is
 * named by the command's option for it ({@link OptionNames}).
 */
final class Errors {
    private Errors() {
    }

    /** Picocli could not parse the arguments (unknown option, non-number, missing value): exit 2. */
    static int onBadArguments(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        Throwable cause = ex.getCause();
        String message = shortenQuoted(cause instanceof ConvlabException c
                ? OptionNames.message(cmd.getCommandSpec(), c) : ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && u.getUnmatched().get(0).startsWith("@")) {
            message = "'" + StrictNumbers.prefix(u.getUnmatched().get(0)) + "': argument files (@FILE) are not read;"
                    + " give the options themselves";
        }
        cmd.getErr().println(prefix(cmd) + message + " (see: ./" + cmd.getCommandSpec().qualifiedName() + " --help)");
        if (Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(cmd.getErr());
        }
        return ConvlabException.EXIT_USAGE;
    }

    /** A command failed while running: a {@link ConvlabException} is the user's to fix, anything else is a bug. */
    static int onFailure(Exception ex, CommandLine cmd, ParseResult parsed) {
        boolean debug = parsed.expandedArgs().contains("--debug");
        if (ex instanceof ConvlabException c) {
            cmd.getErr().println(prefix(cmd) + OptionNames.message(cmd.getCommandSpec(), c));
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            }
            return c.exitCode();
        }
        cmd.getErr().println(prefix(cmd) + "internal error: " + ex
                + (debug ? "" : " (run again with --debug for the stack trace, and please report it)"));
        if (debug) {
            ex.printStackTrace(cmd.getErr());
        }
        return ConvlabException.EXIT_RUNTIME;
    }

    /** Cuts every quoted value longer than {@link StrictNumbers#ECHO_LIMIT} to a short prefix. */
    static String shortenQuoted(String message) {
        if (message == null) {
            return "";
        }
        return LONG_QUOTED.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1).endsWith(" characters)") ? m.group() : "'" + StrictNumbers.prefix(m.group(1)) + "'"));
    }

    private static final java.util.regex.Pattern LONG_QUOTED =
            java.util.regex.Pattern.compile("(?<=^|[\\s:(])'([^']{" + (StrictNumbers.ECHO_LIMIT + 1)
                    + ",}?)'(?=[\\s,.;:)]|$)");

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
