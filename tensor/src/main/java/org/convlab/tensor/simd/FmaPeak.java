package org.convlab.tensor.simd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the floating-point peak of the calling thread's core: 12 independent FMA chains with
 * no memory traffic, each step {@code c = m * a + c} (the chain's value the addend: one
 * {@code vfmadd231ps} a step; as {@code c * m + a}, C2 copied {@code a} into a register before
 * every FMA, and with AVX2's 16 vector registers kept chains on the stack, which read 0.5-0.9x the
 * peak on Zen 4 under {@code -XX:UseAVX=2}), at every vector width the JVM offers (128 bits up to
 * {@link VectorWidths#jvmWidest}), and reports the highest. Measured, not assumed: AMD Zen 4 runs
 * a 512-bit FMA as two halves, some Xeons have one 512-bit FMA port, and a JVM may cap its width
 * below the hardware's. Dividing a kernel's GFLOP/s by this figure gives its fraction of the
 * machine's limit at the clock the core actually ran (boost included).
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;

    private FmaPeak() {
    }

    /** The highest GFLOP/s of {@link #byWidth} over {@code seconds} in all. */
    public static double measure(double seconds) {
        return byWidth(seconds).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /**
     * GFLOP/s per width in bits, each the fastest of its runs (loops of 12 independent FMAs, 2 ms or more),
     * timed by the thread's CPU time where the JVM measures it (other processes then do not lower
     * the figure). Each width runs for its share of {@code seconds} and on until its best has not
     * improved by 1% for 20 runs (the first runs, before the JIT's C2 has compiled the loop, are
     * slow, and on a loaded machine the compiler threads wait too), but no longer than 20 shares.
     */
    public static Map<Integer, Double> byWidth(double seconds) {
        Map<Integer, Double> peaks = new LinkedHashMap<>();
        int widths = Integer.numberOfTrailingZeros(VectorWidths.jvmWidest() / 64);
        double share = seconds / Math.max(1, widths);
        for (int bits = 128; bits <= Math.max(128, VectorWidths.jvmWidest()); bits *= 2) {
            peaks.put(bits, atWidth(bits, share));
        }
        return peaks;
    }

    /** The GFLOP/s of {@code bits}-bit FMA chains, measured for about {@code seconds} as {@link #byWidth} does. */
    public static double atWidth(int bits, double seconds) {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        boolean cpuTime = clock.isCurrentThreadCpuTimeSupported();
        int iterations = 20_000;
        int lanes = bits / 32;
        double best = 0;
        int sinceImproved = 0;
        float[] sink = new float[lanes];
        long start = System.nanoTime();
        while (true) {
            // A run repeats the loop for at least 2 ms of the clock, whatever its granularity.
            long t0 = cpuTime ? clock.getCurrentThreadCpuTime() : System.nanoTime();
            long dt;
            int calls = 0;
            do {
                switch (bits) {
                    case 128 -> chains128(iterations, sink);
                    case 256 -> chains256(iterations, sink);
                    default -> chains512(iterations, sink);
                }
                calls++;
                dt = (cpuTime ? clock.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
            } while (dt < 2_000_000);
            double gflops = 12.0 * 2 * lanes * iterations * calls / dt;
            sinceImproved = gflops > best * 1.01 ? 0 : sinceImproved + 1;
            best = Math.max(best, gflops);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= 20 * seconds || elapsed >= seconds && sinceImproved >= 20) {
                return best;
            }
        }
    }

    // One method per width, each with its species a constant, so that C2 compiles it to vector FMAs.

    private static void chains128(int iterations, float[] sink) {
        FloatVector m = FloatVector.broadcast(S128, 0.999999f);
        FloatVector a = FloatVector.broadcast(S128, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S128, 1f);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
        }
        c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .intoArray(sink, 0);
    }

    private static void chains256(int iterations, float[] sink) {
        FloatVector m = FloatVector.broadcast(S256, 0.999999f);
        FloatVector a = FloatVector.broadcast(S256, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S256, 1f);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
        }
        c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .intoArray(sink, 0);
    }

    private static void chains512(int iterations, float[] sink) {
        FloatVector m = FloatVector.broadcast(S512, 0.999999f);
        FloatVector a = FloatVector.broadcast(S512, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S512, 1f);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
        }
        c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .intoArray(sink, 0);
    }
}
