package org.convlab.bench;

import java.util.concurrent.TimeUnit;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One SGD training step (forward, cross-entropy, backward, update) of the notebook's models,
 * batch 64, in images/s (the {@code images} counter adds 64 per step): ThreeLayerConvNet
 * (32 and 16 channels) on 3x32x32 and 1x28x28, and the MLP 3072 -> 4000 -> 4000 -> 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class TrainingBenchmark {
    @Param({"cnn-3x32x32", "cnn-1x28x28", "mlp-3072-4000"})
    String model;

    @Param({"1", "2"})
    int threads;

    static final int BATCH = 64;
    Module net;
    Tensor x;
    int[] labels;
    CrossEntropyLoss loss;
    SGD sgd;

    /** The image counter: JMH reports its rate, i.e. images/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Images {
        public long images;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(7);
        switch (model) {
            case "cnn-3x32x32" -> {
                net = new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, rng);
                x = Tensor.zeros(BATCH, 3, 32, 32);
            }
            case "cnn-1x28x28" -> {
                net = new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, rng);
                x = Tensor.zeros(BATCH, 1, 28, 28);
            }
            default -> {
                net = new ThreeLayerMLP(3072, 4000, 10, rng);
                x = Tensor.zeros(BATCH, 3072);
            }
        }
        net.setInputGradient(false);
        float[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.uniform(-1, 1);
        }
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 10;
        }
        loss = new CrossEntropyLoss();
        sgd = new SGD(net.parameters(), 3e-3);
        Parallel.setThreads(threads);
    }

    @Benchmark
    public float step(Images counter) {
        sgd.zeroGrad();
        float l = loss.forward(net.forward(x), labels);
        net.backward(loss.backward());
        sgd.step();
        counter.images += BATCH;
        return l;
    }
}
