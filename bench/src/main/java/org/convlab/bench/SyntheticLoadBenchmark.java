package org.convlab.bench;

import java.util.concurrent.TimeUnit;
import org.convlab.data.ImageSet;
import org.convlab.data.synthetic.SyntheticImages;
import org.convlab.data.synthetic.SyntheticOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generating the synthetic glyphs: 10,000 images (grey 28x28 or RGB 32x32), seed 1, on all
 * threads of {@code Parallel}. The default data set is 25,000 grey images (21,000 + 4,000).
 * Sample mode: JMH reports the median (p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class SyntheticLoadBenchmark {
    @Param({"grey", "rgb"})
    String kind;

    @Benchmark
    public ImageSet tenThousandImages() {
        return SyntheticImages.train(SyntheticOptions.parse(kind + ",train=10000,test=1"));
    }
}
