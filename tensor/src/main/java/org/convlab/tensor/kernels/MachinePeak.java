package org.convlab.tensor.kernels;

import org.convlab.core.BadParameterException;

/**
 * The machine's floating-point peak as measured, the yardstick of every "% of peak": the FMA
 * peak of {@code threads} threads measuring at the same time, each running independent FMA
 * chains with no memory traffic at every vector width the JVM offers and keeping its best (see
 * the SIMD package's {@code FmaPeak}). Measured, never assumed from the instruction set: the
 * widest FMA is not always the fastest (AMD Zen 4 splits 512-bit FMAs in two halves).
 */
public final class MachinePeak {
    private MachinePeak() {
    }

    /**
     * The sum of the FMA peaks of {@code threads} threads measuring at the same time, in GFLOP/s;
     * {@code NaN} when the Vector API kernels are not in use (the reference kernels have no peak
     * to compare with).
     *
     * @param threads how many threads measure together (1 or more)
     * @param seconds about how long each thread measures
     */
    public static double gflops(int threads, double seconds) {
        if (threads < 1) {
            throw new BadParameterException("threads", "1 or more", String.valueOf(threads));
        }
        FastKernels fast = Kernels.fast();
        if (fast == null) {
            return Double.NaN;
        }
        double[] each = new double[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int id = i;
            workers[i] = new Thread(() -> each[id] = fast.fmaPeak(seconds), "fma-peak-" + i);
            workers[i].start();
        }
        double sum = 0;
        for (int i = 0; i < threads; i++) {
            try {
                workers[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            sum += each[i];
        }
        return sum;
    }
}
