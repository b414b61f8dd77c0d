package org.convlab.tensor.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import org.convlab.tensor.kernels.VectorWidth;

/**
 * The vector widths that matter to a speed figure: the one the kernels use, the widest the JVM
 * compiles ({@code FloatVector.SPECIES_MAX}; a JVM may cap it below the hardware's, e.g. with
 * {@code -XX:MaxVectorSize}) and the widest the CPU reports.
 */
public final class VectorWidths {
    private VectorWidths() {
    }

    /** The width of the kernels' vectors, in bits. */
    public static int inUse() {
        return Lanes.F.vectorBitSize();
    }

    /** The widest float vector the JVM offers, in bits. */
    public static int jvmWidest() {
        return FloatVector.SPECIES_MAX.vectorBitSize();
    }

    /**
     * The widest vector registers the CPU reports, in bits, from the instruction-set flags of
     * {@code /proc/cpuinfo} (x86: AVX-512F 512, AVX 256, SSE2 128; ARM: NEON 128); 0 when unknown
     * (not Linux, or an ARM core with SVE, whose width the flags do not give).
     */
    public static int cpuWidest() {
        return cpuWidest(cpuFlags());
    }

    static int cpuWidest(String flags) {
        String f = " " + flags + " ";
        if (f.contains(" sve ")) {
            return 0;
        }
        if (f.contains(" avx512f ")) {
            return 512;
        }
        if (f.contains(" avx ") || f.contains(" avx2 ")) {
            return 256;
        }
        if (f.contains(" sse2 ") || f.contains(" asimd ")) {
            return 128;
        }
        return 0;
    }

    /** E.g. {@code "256-bit vectors in use (8 lanes); JVM's widest 256-bit; CPU's widest 256-bit"}. */
    public static String describe() {
        int cpu = cpuWidest();
        String capped = inUse() < jvmWidest() && VectorWidth.requestedBits() == 0
                ? String.format(Locale.ROOT, " (%d-bit kernels need JDK %d or later, or JDK %d with -XX:+UnlockDiagnosticVMOptions -XX:+%s)",
                        jvmWidest(), VectorWidth.FULL_WIDTH_JDK, VectorWidth.CLEANUP_MEASURED_JDK, VectorWidth.CLEANUP_FLAG)
                : "";
        return String.format(Locale.ROOT, "%d-bit vectors in use (%d lanes)%s; JVM's widest %d-bit; CPU's widest %s",
                inUse(), Lanes.L, capped, jvmWidest(), cpu == 0 ? "unknown" : cpu + "-bit");
    }

    private static String cpuFlags() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                String[] kv = line.split(":", 2);
                String key = kv[0].trim();
                if (kv.length == 2 && (key.equals("flags") || key.equals("Features"))) {
                    return kv[1].trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: unknown.
        }
        return "";
    }
}
