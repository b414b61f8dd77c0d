package org.convlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convlab.algebra.ConvGeometry;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.LocalKernels;
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
 * The locally connected layer of {@link Kernels#local()} on the lab's sharing study, batch 64, in
 * GFLOP/s (the {@code gflop} counter adds {@code 2 n F C kH kW OH OW / 1e9} per pass, the FLOPs of
 * the convolution of the same shape): {@code lc1} is LocallyConnectedNet's 1->32 5x5 pad 2 on
 * 28x28, {@code lc2} its 32->16 3x3 pad 1. The passes: the forward, the input gradient, and the
 * weight and bias gradients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LocalBenchmark {
    @Param({"lc1", "lc2"})
    String layer;

    @Param({"forward", "inputGrad", "weightGrad"})
    String pass;

    @Param({"1", "2"})
    int threads;

    ConvPlan plan;
    LocalKernels local;
    float[] x;
    float[] w;
    float[] bias;
    float[] y;
    float[] dy;
    float[] dx;
    float[] dw;
    float[] db;
    Workspace ws;
    double gflop;
    static final int BATCH = 64;

    @Setup(Level.Trial)
    public void setUp() {
        ConvGeometry g = layer.equals("lc1")
                ? ConvGeometry.builder().inChannels(1).outChannels(32).size(28, 28).kernel(5).padding(2).build()
                : ConvGeometry.builder().inChannels(32).outChannels(16).size(28, 28).kernel(3).padding(1).build();
        plan = ConvPlan.of(g);
        local = Kernels.local();
        Random r = new Random(7);
        int weights = (int) LocalKernels.weightSize(plan);
        x = GemmBenchmark.random(r, BATCH * plan.inputSize());
        w = GemmBenchmark.random(r, weights);
        bias = GemmBenchmark.random(r, plan.filters * plan.outputPlane());
        y = new float[BATCH * plan.outputSize()];
        dy = GemmBenchmark.random(r, BATCH * plan.outputSize());
        dx = new float[BATCH * plan.inputSize()];
        dw = new float[weights];
        db = new float[bias.length];
        ws = new Workspace();
        gflop = 2.0 * BATCH * plan.outputSize() * plan.taps() * 1e-9;
        Parallel.setThreads(threads);
    }

    @Benchmark
    public Object run(Gflops flops) {
        switch (pass) {
            case "forward" -> local.forward(plan, BATCH, x, w, bias, y, ws);
            case "inputGrad" -> local.backward(plan, BATCH, x, w, dy, dx, null, null, ws);
            default -> local.backward(plan, BATCH, x, w, dy, null, dw, db, ws);
        }
        flops.gflop += gflop;
        return y;
    }
}
