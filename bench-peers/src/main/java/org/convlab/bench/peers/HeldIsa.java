package org.convlab.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every engine held to AVX2 on a CPU with wider vectors (a stand-in for an AVX2 machine): the
 * environment variables through which PyTorch's libraries take the limit at start-up, read by
 * Debian's PyTorch and by DJL's libtorch alike (so they must be set before the JVM starts:
 * {@code bench/peers.sh --isa avx2} sets them, pins convlab to 256 bits and holds the JIT to AVX2
 * with {@code -XX:UseAVX=2}). ONNX Runtime reads no such variable: its kernels keep the CPU's widest.
 *
 * <p>The JIT's limit matters for convlab's 256-bit kernels: with AVX-512 the JIT allocates 32
 * vector registers even to 256-bit vectors, with AVX2 16, so a kernel that fits 32 but spills at
 * 16 runs fast on the wide CPU and slow on a real AVX2 core; {@code -XX:UseAVX=2} gives the JIT
 * an AVX2 core's 16.
 */
final class HeldIsa {
    private HeldIsa() {
    }

    /** The names of {@code --isa}: each engine's widest, or AVX2. */
    static final String NATIVE = "native";
    static final String AVX2 = "avx2";

    /** convlab's vector width under {@code --isa avx2}. */
    static final int AVX2_BITS = 256;

    /** The HotSpot option that holds the JIT's instructions (and its 16 vector registers) to AVX2, and its value. */
    static final String JIT_OPTION = "UseAVX";
    static final int JIT_AVX2 = 2;

    /**
     * The variables and their values: ATen's kernels, oneDNN's (both names it has read), MKL's
     * (DJL's libtorch), OpenBLAS's (Debian's PyTorch).
     */
    static final Map<String, String> AVX2_VARIABLES = variables();

    private static Map<String, String> variables() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ATEN_CPU_CAPABILITY", "avx2");
        m.put("ONEDNN_MAX_CPU_ISA", "AVX2");
        m.put("DNNL_MAX_CPU_ISA", "AVX2");
        m.put("MKL_ENABLE_INSTRUCTIONS", "AVX2");
        m.put("OPENBLAS_CORETYPE", "Haswell");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The first of {@link #AVX2_VARIABLES} that {@code env} does not set to its value, or {@code null}. */
    static String unset(Map<String, String> env) {
        for (Map.Entry<String, String> v : AVX2_VARIABLES.entrySet()) {
            if (!v.getValue().equals(env.get(v.getKey()))) {
                return v.getKey();
            }
        }
        return null;
    }

    /**
     * Why {@code --isa avx2} cannot run in this process ({@code env}, convlab's vector width
     * {@code bits}, the JIT's {@code UseAVX} level or {@code null} where the JVM has no such
     * option), or {@code null} when every engine that can be held is.
     */
    static String problem(Map<String, String> env, int bits, Integer useAvx) {
        String missing = unset(env);
        if (missing != null) {
            return "--isa avx2: " + missing + " is not " + AVX2_VARIABLES.get(missing)
                    + " in the environment (bench/peers.sh --isa avx2, which ./convlab bench --peers runs, sets it)";
        }
        if (bits != AVX2_BITS) {
            return "--isa avx2: convlab's kernels use " + bits + "-bit vectors, not " + AVX2_BITS
                    + " (-Dconvlab.vector.bits=256, which bench/peers.sh --isa avx2 passes)";
        }
        if (useAvx != null && useAvx > JIT_AVX2) {
            return "--isa avx2: the JIT uses AVX-512 (" + JIT_OPTION + "=" + useAvx + "), with 32 vector registers "
                    + "where an AVX2 core has 16 (-XX:UseAVX=2, which bench/peers.sh --isa avx2 passes)";
        }
        return null;
    }

    /** {@link #problem} for this process: its environment, convlab's vector width and the JIT's level. */
    static String problemHere() {
        return problem(System.getenv(), org.convlab.tensor.kernels.Kernels.vectorBits(), jitAvxLevel());
    }

    /** This JVM's {@code UseAVX} (HotSpot on x86), or {@code null} where it has none. */
    static Integer jitAvxLevel() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : Integer.valueOf(bean.getVMOption(JIT_OPTION).getValue());
        } catch (IllegalArgumentException e) { // no such option (not x86), or not a number
            return null;
        }
    }

    /**
     * The line the report prints for a run whose environment ({@link Environment#describe}) is
     * {@code environment}: what was held, which of the variables were set where not every engine
     * was held, or {@code null} when none was set.
     */
    static String describe(Map<String, String> environment) {
        if (AVX2.equals(environment.get("isa"))) {
            StringBuilder s = new StringBuilder("every engine held to AVX2 but ONNX Runtime (no run-time switch: its "
                    + "kernels keep the CPU's widest): convlab at " + AVX2_BITS + " bits with the JIT at -XX:UseAVX=2 "
                    + "(an AVX2 core's 16 vector registers), PyTorch through");
            AVX2_VARIABLES.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
            return s.toString();
        }
        StringBuilder set = new StringBuilder();
        for (String k : AVX2_VARIABLES.keySet()) {
            String v = environment.get("env " + k);
            if (v != null && !"null".equals(v)) {
                set.append(' ').append(k).append('=').append(v);
            }
        }
        return set.length() == 0 ? null : "each engine's widest, but set in the environment (PyTorch reads them):" + set;
    }
}
