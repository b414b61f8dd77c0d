package org.convlab.bench.peers;

import java.util.SplittableRandom;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;

/** convlab's own {@code sgemm} ({@link Kernels#gemm()}: the Vector API kernel, or its reference twin). */
final class ConvlabGemmPeak implements GemmPeak {
    static final int REFERENCE_SIZE = 256;
    private final Gemm gemm = Kernels.gemm();
    private float[] a;
    private float[] b;
    private float[] c;
    private int n;
    private int threads;

    @Override
    public String name() {
        return "convlab sgemm (" + gemm.getClass().getSimpleName() + ")";
    }

    /** The reference twin runs at well under 1 GFLOP/s: it gets at most {@value #REFERENCE_SIZE}. */
    @Override
    public int size(int requested) {
        return gemm instanceof ReferenceGemm ? Math.min(requested, REFERENCE_SIZE) : requested;
    }

    @Override
    public void prepare(int n, int threads) {
        this.n = n;
        this.threads = threads;
        SplittableRandom r = new SplittableRandom(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * r.nextDouble() - 1);
            b[i] = (float) (2 * r.nextDouble() - 1);
        }
    }

    /**
     * Times {@code calls} multiplies on {@code threads} threads. The pool exists only while
     * convlab runs: an idle {@link Parallel} pool keeps waking up to spin, which would take CPU
     * from the peers' repetitions in between.
     */
    @Override
    public double time(int calls) {
        Parallel.setThreads(threads);
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            }
            return (System.nanoTime() - t0) * 1e-9;
        } finally {
            Parallel.setThreads(1);
        }
    }

    @Override
    public void close() {
        a = b = c = null;
    }
}
