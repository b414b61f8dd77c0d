package org.convlab.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convlab.data.Batch;
import org.convlab.data.Batcher;
import org.convlab.data.DataSet;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.LoadOptions;
import org.convlab.data.io.IdxReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Loading Fashion-MNIST as Debian installs it ({@code apt-get install dataset-fashion-mnist}):
 * the full training set (60,000 images, 47 MB decompressed from 26 MB of gzip, and the labels)
 * with every check of the validated reader; the whole data set with splits and normalisation;
 * and one epoch of batches converted from bytes to normalised floats. Sample mode: JMH reports
 * the median (p0.50) per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class FashionMnistLoadBenchmark {
    private static final Path DIR = LoadOptions.DEBIAN_DATASETS.resolve(DataSets.FASHION_MNIST_DIR);

    private Batcher batcher;
    private Batch batch;

    @Setup
    public void setUp() {
        if (!DataSets.fashionMnistInstalled(LoadOptions.DEBIAN_DATASETS)) {
            throw new IllegalStateException("Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
        }
        DataSet d = DataSets.load(DataSpec.parse("fashion-mnist"));
        batcher = Batcher.shuffled(d.train(), d.normalization(), 64, 7);
        batch = batcher.newBatch();
    }

    /** The full training set: images and labels read, decompressed and validated. */
    @Benchmark
    public void trainingSet(Blackhole bh) {
        bh.consume(IdxReader.readImages(DIR.resolve("train-images-idx3-ubyte.gz")));
        bh.consume(IdxReader.readLabels(DIR.resolve("train-labels-idx1-ubyte.gz"), 10));
    }

    /** All four files, split 59,000 / 1,000 / 10,000, mean and std computed on the training split. */
    @Benchmark
    public DataSet wholeDataSet() {
        return DataSets.load(DataSpec.parse("fashion-mnist"));
    }

    /** One shuffled epoch of 922 batches of 64 converted to normalised floats (N, 1, 28, 28). */
    @Benchmark
    public float epochOfBatches() {
        float s = 0;
        for (Batch b : batcher.epoch(0, batch)) {
            s += b.images().data()[0];
        }
        return s;
    }
}
