package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Measures the floating-point peak of the calling thread's core: 12 independent 8-lane FMA
 * chains with no memory traffic, i.e. {@code 2 FMA pipes x 8 lanes x 2 flops} per cycle on
 * AVX2. Dividing a kernel's GFLOP/s by this figure gives its fraction of the machine's limit
 * at the clock the core actually ran (boost included).
 */
public final class FmaPeak {
    private FmaPeak() {
    }

    /**
     * GFLOP/s of the fastest of the runs of 20,000 loop trips (12 FMAs each, about 0.2 ms once
     * compiled) made during {@code seconds}; the first runs, before the JIT has compiled the
     * loop, are slow, so give it a second or so.
     */
    public static double measure(double seconds) {
        int iterations = 20_000;
        double best = 0;
        float[] sink = new float[Lanes.L];
        long start = System.nanoTime();
        do {
            long t0 = System.nanoTime();
            chains(iterations, sink);
            long dt = System.nanoTime() - t0;
            best = Math.max(best, 12.0 * 2 * Lanes.L * iterations / dt);
        } while (System.nanoTime() - start < seconds * 1e9);
        return best;
    }

    private static void chains(int iterations, float[] sink) {
        FloatVector m = FloatVector.broadcast(Lanes.F, 0.999999f);
        FloatVector a = FloatVector.broadcast(Lanes.F, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(Lanes.F, 1f);
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
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .intoArray(sink, 0);
    }
}
