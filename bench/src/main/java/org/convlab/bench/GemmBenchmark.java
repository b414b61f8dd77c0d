package org.convlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.convlab.tensor.simd.SimdGemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM speed of {@link SimdGemm}, in GFLOP/s: the {@code gflop} counter (a JMH secondary result,
 * rate per second) adds {@code 2 m n k / 1e9} per multiply. Shapes: squares and the notebook's
 * layers — a Linear forward {@code 64x100x3072:NT}, the MLP's {@code 64x4000x3072:NT} and its
 * backward products ({@code 64x3072x4000} for the input gradient, {@code 4000x3072x64:TN} for the
 * weight gradient: their grids on two threads differ, see {@code GemmChunks}), a conv forward per
 * image {@code 16x1024x288} (16 filters, 3x3x32 patches, 32x32 outputs).
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar GemmBenchmark -p threads=1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "64x100x3072:NT", "64x4000x3072:NT",
            "64x3072x4000", "4000x3072x64:TN", "16x1024x288", "32x256x144"})
    String shape;

    @Param({"1", "2"})
    int threads;

    @Param({"simd"})
    String kernel;

    GemmShape s;
    float[] a;
    float[] b;
    float[] c;
    Gemm gemm;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.parse(shape);
        Random r = new Random(7);
        a = random(r, s.m() * s.k());
        b = random(r, s.k() * s.n());
        c = new float[s.m() * s.n()];
        gemm = "reference".equals(kernel) ? new ReferenceGemm() : new SimdGemm();
        Parallel.setThreads(threads);
    }

    @Benchmark
    public float[] sgemm(Gflops flops) {
        gemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n());
        flops.gflop += s.flops() * 1e-9;
        return c;
    }

    static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() - 0.5f;
        }
        return x;
    }
}
