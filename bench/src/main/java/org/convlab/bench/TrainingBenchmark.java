package org.convlab.bench;

import java.util.concurrent.TimeUnit;
import org.convlab.lab.bench.TrainingStep;
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
 * (32 and 16 channels) on 3x32x32 and 1x28x28, and the MLP 3072 -> 4000 -> 4000 -> 10. The step is
 * the lab's {@link TrainingStep}, the one {@code ./convlab bench} and the peers' convlab engine time.
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

    TrainingStep step;

    /** The image counter: JMH reports its rate, i.e. images/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Images {
        public long images;
    }

    @Setup(Level.Trial)
    public void setUp() {
        step = TrainingStep.notebook(model);
        Parallel.setThreads(threads);
    }

    @Benchmark
    public float step(Images counter) {
        float l = step.run();
        counter.images += step.images();
        return l;
    }
}
