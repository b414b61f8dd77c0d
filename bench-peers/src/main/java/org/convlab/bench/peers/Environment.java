package org.convlab.bench.peers;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts a figure needs next to it: JDK, JVM flags, the peers' switches, the date. */
final class Environment {
    private Environment() {
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The facts, with the load average measured at the start of the run and now (at its end). */
    static Map<String, String> describe(String loadAtStart) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("load_average_start", loadAtStart);
        m.put("load_average_end", loadAverage());
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        m.put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("vectors", "convlab's kernels: " + org.convlab.tensor.kernels.Kernels.vectorDescription());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        for (String key : new String[] {"ai.djl.offline", "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            m.put(key, String.valueOf(System.getProperty(key)));
        }
        for (String key : new String[] {"OPT_OUT_TRACKING", "PYTORCH_VERSION", "DJL_CACHE_DIR", "OMP_NUM_THREADS"}) {
            m.put("env " + key, String.valueOf(System.getenv(key)));
        }
        for (String key : HeldIsa.AVX2_VARIABLES.keySet()) {
            m.put("env " + key, String.valueOf(System.getenv(key)));
        }
        m.put("isa", HeldIsa.problemHere() == null ? HeldIsa.AVX2 : HeldIsa.NATIVE);
        return m;
    }
}
