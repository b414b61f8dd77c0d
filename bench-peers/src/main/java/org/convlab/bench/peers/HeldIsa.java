package org.convlab.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every engine held to AVX2 on a CPU with wider vectors (a stand-in for an AVX2 machine): the
 * environment variables through which PyTorch's libraries take the limit at start-up, read by
 * Debian's PyTorch and by DJL's libtorch alike (so they must be set before the JVM starts:
 * {@code bench/peers.sh --isa avx2} sets them and pins convlab to 256 bits). ONNX Runtime reads
 * no such variable: its kernels keep the CPU's widest.
 */
final class HeldIsa {
    private HeldIsa() {
    }

    /** The names of {@code --isa}: each engine's widest, or AVX2. */
    static final String NATIVE = "native";
    static final String AVX2 = "avx2";

    /** convlab's vector width under {@code --isa avx2}. */
    static final int AVX2_BITS = 256;

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
     * {@code bits}), or {@code null} when every engine that can be held is.
     */
    static String problem(Map<String, String> env, int bits) {
        String missing = unset(env);
        if (missing != null) {
            return "--isa avx2: " + missing + " is not " + AVX2_VARIABLES.get(missing)
                    + " in the environment (bench/peers.sh --isa avx2, which ./convlab bench --peers runs, sets it)";
        }
        if (bits != AVX2_BITS) {
            return "--isa avx2: convlab's kernels use " + bits + "-bit vectors, not " + AVX2_BITS
                    + " (-Dconvlab.vector.bits=256, which bench/peers.sh --isa avx2 passes)";
        }
        return null;
    }

    /** {@link #problem} for this process: its environment and convlab's vector width. */
    static String problemHere() {
        return problem(System.getenv(), org.convlab.tensor.kernels.Kernels.vectorBits());
    }

    /**
     * The line the report prints for a run whose environment ({@link Environment#describe}) is
     * {@code environment}: what was held, which of the variables were set where not every engine
     * was held, or {@code null} when none was set.
     */
    static String describe(Map<String, String> environment) {
        if (AVX2.equals(environment.get("isa"))) {
            StringBuilder s = new StringBuilder("every engine held to AVX2 but ONNX Runtime (no run-time switch: its "
                    + "kernels keep the CPU's widest): convlab at " + AVX2_BITS + " bits, PyTorch through");
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
