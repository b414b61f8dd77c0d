package org.convlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.PackedWeights;
import org.convlab.tensor.parallel.Parallel;
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
 * The linear layer of {@link Kernels#dense()}, batch 64, in GFLOP/s: forward then backward (input
 * and weight gradients, {@code 3 x 2 n in out} per iteration), and the forward alone with the
 * weight as it is and {@link DenseKernels#pack packed} once (inference, {@code 2 n in out}):
 * {@code 3072x4000} is the MLP's first layer, {@code 16384x10} ThreeLayerConvNet's classifier,
 * {@code 784x100} and {@code 100x10} the MLP-784's first layer (a last strip of 4 columns at 512
 * bits) and classifier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBenchmark {
    @Param({"3072x4000", "16384x10", "784x100", "100x10"})
    String layer;

    @Param({"1", "2"})
    int threads;

    int in;
    int out;
    float[] x;
    float[] w;
    float[] bias;
    float[] y;
    float[] dy;
    float[] dx;
    float[] dw;
    float[] db;
    DenseKernels dense;
    PackedWeights packed;
    double gflop;
    static final int BATCH = 64;

    @Setup(Level.Trial)
    public void setUp() {
        String[] d = layer.split("x");
        in = Integer.parseInt(d[0]);
        out = Integer.parseInt(d[1]);
        Random r = new Random(7);
        x = GemmBenchmark.random(r, BATCH * in);
        w = GemmBenchmark.random(r, out * in);
        bias = GemmBenchmark.random(r, out);
        y = new float[BATCH * out];
        dy = GemmBenchmark.random(r, BATCH * out);
        dx = new float[BATCH * in];
        dw = new float[out * in];
        db = new float[out];
        dense = Kernels.dense();
        gflop = 3 * 2.0 * BATCH * in * out * 1e-9;
        packed = dense.pack(in, out, w);
        Parallel.setThreads(threads);
    }

    @Benchmark
    public Object forward(Gflops flops) {
        dense.forward(BATCH, in, out, x, w, bias, y);
        flops.gflop += gflop / 3;
        return y;
    }

    @Benchmark
    public Object forwardPacked(Gflops flops) {
        dense.forward(BATCH, x, packed, bias, y);
        flops.gflop += gflop / 3;
        return y;
    }

    @Benchmark
    public Object forwardBackward(Gflops flops) {
        dense.forward(BATCH, in, out, x, w, bias, y);
        dense.backward(BATCH, in, out, x, w, dy, dx, dw, db);
        flops.gflop += gflop;
        return dx;
    }
}
