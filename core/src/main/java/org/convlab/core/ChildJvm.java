package org.convlab.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a new JVM like this one (the same {@code java}, JVM flags and
 * class path) and returns what it printed: for measurements that must not share this JVM's
 * compiled code and type profiles, nor leave theirs behind.
 *
 * <p>The child gets this JVM's flags without agents (a debugger's port, a coverage agent's file)
 * and without the shared archive that the launcher asks the JVM to write at exit (two JVMs would
 * write one file).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The standard output of {@code mainClass args} run in a child JVM, or empty when no child
     * could be started, it exited with another code than 0, or it ran past {@code timeoutSeconds}
     * (then it is stopped). Its standard error is discarded.
     */
    public static Optional<String> output(String mainClass, List<String> args, long timeoutSeconds) {
        return output(mainClass, List.of(), args, timeoutSeconds);
    }

    /**
     * {@link #output(String, List, long)} with {@code jvmOptions} after this JVM's flags (so a
     * {@code -Dname=value} there overrides one of them), e.g. {@code -Dconvlab.simd=false}.
     */
    public static Optional<String> output(String mainClass, List<String> jvmOptions, List<String> args,
                                          long timeoutSeconds) {
        // An application image's native launcher (jpackage's bin/convlab) is not a java command:
        // it would take the JVM's flags as the application's arguments.
        Optional<String> java = ProcessHandle.current().info().command().filter(ChildJvm::isJava);
        String classPath = System.getProperty("java.class.path", "");
        if (java.isEmpty() || classPath.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(arguments(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Process process = null;
        Path out = null;
        try {
            // The output goes to a file, so that a child printing more than a pipe holds is never
            // blocked while this JVM waits for it, and a child that hangs is given up on.
            out = Files.createTempFile("convlab-child", ".out");
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(out)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind: nothing the caller can do about it
                }
            }
        }
    }

    /** Whether {@code command} is a {@code java} launcher ({@code java}, {@code java.exe}). */
    static boolean isJava(String command) {
        Path name = Path.of(command).getFileName();
        return name != null && (name.toString().equals("java") || name.toString().equals("java.exe"));
    }

    /** The JVM arguments a child gets: {@code parent}'s, without agents and the shared archive. */
    public static List<String> arguments(List<String> parent) {
        List<String> kept = new ArrayList<>();
        for (String a : parent) {
            boolean agent = a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
                    || a.startsWith("-Xrunjdwp") || a.startsWith("-Xdebug");
            boolean archive = a.contains("SharedArchive") || a.startsWith("-Xshare");
            if (!agent && !archive) {
                kept.add(a);
            }
        }
        return kept;
    }
}
