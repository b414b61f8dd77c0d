package org.convlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convlab.nn.Inference;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Tensor;
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
 * The notebook's models' forward pass through an {@link Inference} (weights fixed and prepared
 * once, the path {@code bench --peers} times against ONNX Runtime), batch 64, in images/s (the
 * {@code images} counter of {@link TrainingBenchmark} adds 64 per pass): on one thread the
 * ConvNets' batches run in micro-batches, the MLPs' whole; on two every model but the MLP-3072
 * (65 MB of weights) runs as one share of 32 images a thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class InferenceBenchmark {
    @Param({"cnn-3x32x32", "cnn-1x28x28", "mlp-784-100", "mlp-3072-4000"})
    String model;

    @Param({"1", "2"})
    int threads;

    Inference inference;
    Tensor x;
    static final int BATCH = 64;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(7);
        switch (model) {
            case "cnn-3x32x32" -> prepare(new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, rng), 3, 32, 32);
            case "cnn-1x28x28" -> prepare(new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, rng), 1, 28, 28);
            case "mlp-784-100" -> prepare(new ThreeLayerMLP(784, 100, 10, rng), 784);
            case "mlp-3072-4000" -> prepare(new ThreeLayerMLP(3072, 4000, 10, rng), 3072);
            default -> throw new IllegalArgumentException("unknown model " + model);
        }
        Parallel.setThreads(threads);
    }

    /** The inference of {@code m} and a batch of uniform(-1, 1) inputs of shape {@code sample}. */
    private void prepare(Module m, int... sample) {
        int[] dims = new int[sample.length + 1];
        dims[0] = BATCH;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        x = Tensor.zeros(dims);
        System.arraycopy(GemmBenchmark.random(new Random(8), x.size()), 0, x.data(), 0, x.size());
        inference = Inference.of(m);
    }

    @Benchmark
    public Tensor forward(TrainingBenchmark.Images counter) {
        Tensor y = inference.forward(x);
        counter.images += BATCH;
        return y;
    }
}
