package org.convlab.bench;

import java.util.Arrays;
import java.util.Random;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.parallel.Parallel;

/**
 * Prints the SGEMM GFLOP/s of {@link Kernels#gemm()} without JMH: warm-up, then the median of 9
 * timed repeats per shape, for quick comparisons with {@code bench/scripts/openblas_gemm.py}
 * on the same shapes. GFLOP/s = 2 m n k / seconds / 1e9.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.convlab.bench.GemmThroughput [--threads N] [SHAPE ...]</pre>
 */
public final class GemmThroughput {
    static final String[] SHAPES = {"256x256x256", "512x512x512", "1024x1024x1024", "64x100x3072:NT",
        "64x4000x3072:NT", "16x1024x288", "32x256x144"};

    /** Products run before timing. */
    static final long WARM_UP_NANOS = 2_000_000_000L;

    private GemmThroughput() {
    }

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int first = 0;
        if (args.length >= 2 && args[0].equals("--threads")) {
            threads = Integer.parseInt(args[1]);
            first = 2;
        }
        Parallel.setThreads(threads);
        String[] shapes = args.length > first ? Arrays.copyOfRange(args, first, args.length) : SHAPES;
        Gemm gemm = Kernels.gemm();
        System.out.printf("%s, %d thread(s), %s %s%n", gemm.getClass().getSimpleName(), threads,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (String spec : shapes) {
            GemmShape s = GemmShape.parse(spec);
            double[] gflops = measure(gemm, s, 9);
            System.out.printf("%-18s %7.1f GFLOP/s  (best %.1f)%n", spec, gflops[gflops.length / 2], gflops[gflops.length - 1]);
        }
    }

    /**
     * Sorted GFLOP/s of {@code repeats} timed runs of about 0.1 s each at 100 GFLOP/s, after
     * {@link #WARM_UP_NANOS} of products: the JIT needs about a second (a loop of 1024³ products
     * reads 15-28 GFLOP/s in its first second and 80-100 after it, Zen 4 at 256 bits), where the
     * three products this warm-up was before take 60 ms.
     */
    static double[] measure(Gemm gemm, GemmShape s, int repeats) {
        Random r = new Random(7);
        float[] a = GemmBenchmark.random(r, s.m() * s.k());
        float[] b = GemmBenchmark.random(r, s.k() * s.n());
        float[] c = new float[s.m() * s.n()];
        int reps = (int) Math.max(1, 1e10 / s.flops());
        long warmUp = System.nanoTime();
        while (System.nanoTime() - warmUp < WARM_UP_NANOS) {
            run(gemm, s, a, b, c);
        }
        double[] gflops = new double[repeats];
        for (int t = 0; t < repeats; t++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                run(gemm, s, a, b, c);
            }
            gflops[t] = s.flops() * reps / (System.nanoTime() - t0);
        }
        Arrays.sort(gflops);
        return gflops;
    }

    private static void run(Gemm gemm, GemmShape s, float[] a, float[] b, float[] c) {
        gemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n());
    }
}
