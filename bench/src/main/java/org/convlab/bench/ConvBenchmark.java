package org.convlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convlab.algebra.ConvGeometry;
import org.convlab.tensor.kernels.ConvKernels;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.Workspace;
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
 * Convolution kernels of {@link Kernels#conv()} on the notebook's layers, batch 64, in GFLOP/s
 * (the {@code gflop} counter adds {@code 2 n F (C/g) kH kW OH OW / 1e9} per pass):
 * {@code conv1} is ThreeLayerConvNet's 3->32 5x5 pad 2 on 32x32, {@code conv2} its 32->16 3x3
 * pad 1, {@code mnist1} the 1->32 5x5 layer on 28x28 (the awkward 1-channel input gradient),
 * {@code mnist2} the 32->16 3x3 layer on 28x28 (rows of 14 Winograd tiles: the masked edges).
 * The 3x3 layers run in Winograd's form, whose GFLOP/s are direct-equivalent (it needs 2.25 times
 * fewer multiply-adds); {@code -jvmArgsAppend -Dconvlab.winograd=false} times the direct kernels,
 * {@code -jvmArgsAppend "-Dconvlab.vector.bits=256 -XX:UseAVX=2"} the tiles for AVX2's 16 vector
 * registers (Winograd's {@code products4} and {@code k4x2Rows}) on a CPU with AVX-512.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"conv1", "conv2", "mnist1", "mnist2"})
    String layer;

    @Param({"forward", "inputGrad", "weightGrad"})
    String pass;

    @Param({"1", "2"})
    int threads;

    ConvPlan plan;
    ConvKernels conv;
    float[] x;
    float[] w;
    float[] bias;
    float[] y;
    float[] dy;
    float[] dx;
    float[] dw;
    Workspace ws;
    double gflop;
    static final int BATCH = 64;

    @Setup(Level.Trial)
    public void setUp() {
        ConvGeometry g = switch (layer) {
            case "conv1" -> ConvGeometry.builder().inChannels(3).outChannels(32).size(32, 32).kernel(5).padding(2).build();
            case "conv2" -> ConvGeometry.builder().inChannels(32).outChannels(16).size(32, 32).kernel(3).padding(1).build();
            case "mnist2" -> ConvGeometry.builder().inChannels(32).outChannels(16).size(28, 28).kernel(3).padding(1).build();
            default -> ConvGeometry.builder().inChannels(1).outChannels(32).size(28, 28).kernel(5).padding(2).build();
        };
        plan = ConvPlan.of(g);
        conv = Kernels.conv();
        Random r = new Random(7);
        x = GemmBenchmark.random(r, BATCH * plan.inputSize());
        w = GemmBenchmark.random(r, plan.weightSize());
        bias = GemmBenchmark.random(r, plan.filters);
        y = new float[BATCH * plan.outputSize()];
        dy = GemmBenchmark.random(r, BATCH * plan.outputSize());
        dx = new float[BATCH * plan.inputSize()];
        dw = new float[plan.weightSize()];
        ws = new Workspace();
        gflop = 2.0 * BATCH * plan.outputSize() * plan.taps() * 1e-9;
        Parallel.setThreads(threads);
    }

    @Benchmark
    public Object run(Gflops flops) {
        switch (pass) {
            case "forward" -> conv.forward(plan, BATCH, x, w, bias, y, ws);
            case "inputGrad" -> conv.backward(plan, BATCH, x, w, dy, dx, null, null, ws);
            default -> conv.backward(plan, BATCH, x, w, dy, null, dw, null, ws);
        }
        flops.gflop += gflop;
        return y;
    }
}
