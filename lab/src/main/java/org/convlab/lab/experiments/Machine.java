package org.convlab.lab.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This machine's CPU as the reference script names it: the {@code model name} of {@code /proc/cpuinfo}. */
public final class Machine {
    private Machine() {
    }

    /** The CPU model, e.g. {@code AMD EPYC}, or the JVM's architecture when /proc/cpuinfo is not there. */
    public static String cpu() {
        try {
            Optional<String> line = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst();
            if (line.isPresent() && line.get().contains(":")) {
                return line.get().substring(line.get().indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** Logical cores. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
