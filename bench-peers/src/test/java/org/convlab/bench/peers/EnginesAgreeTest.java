package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peers load the shared weights the way PyTorch lays them out: their logits equal the
 * plain-loop oracle's, their loss is the oracle's cross-entropy, and the two PyTorch set-ups
 * take the same SGD step. Small models with a non-square image catch H/W swaps and NCHW
 * flatten order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnginesAgreeTest {
    private static final float LR = 0.1f;
    private PyTorchDjlEngine djl;
    private OnnxRuntimeEngine ort;

    @BeforeAll
    void open() {
        djl = new PyTorchDjlEngine();
        ort = new OnnxRuntimeEngine();
    }

    @AfterAll
    void close() throws Exception {
        djl.close();
        ort.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-2x6x5", "mlp-20-7", "cnn-1x4x4"})
    void logitsEqualTheOracle(String name) throws Exception {
        Model m = Model.parse(name);
        Weights w = Weights.generate(m, 3);
        Batch b = Batch.generate(m, 5, 4);
        float[] expected = ReferenceModel.logits(m, w, b.x());
        djl.prepare(m, w, b, LR, 1);
        ort.prepare(m, w, b, LR, 1);
        Close.assertClose(djl.logits(), expected, Close.F32, name + " pytorch-djl");
        Close.assertClose(ort.logits(), expected, Close.F32, name + " onnxruntime");
    }

    @Test
    void djlTrainStepReturnsTheOraclesLossAndLowersIt() throws Exception {
        Model m = Model.parse("cnn-2x6x5");
        Weights w = Weights.generate(m, 3);
        Batch b = Batch.generate(m, 8, 4);
        djl.prepare(m, w, b, LR, 1);
        double expected = ReferenceModel.crossEntropy(ReferenceModel.logits(m, w, b.x()), b.labels());
        float first = djl.trainStep();
        assertThat((double) first).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        float second = djl.trainStep();
        assertThat(second).as("loss after one SGD step on the same batch").isLessThan(first);
        assertThat(Comparison.maxDiff(djl.logits(), ReferenceModel.logits(m, w, b.x()))).isGreaterThan(1e-4);
    }

    @Test
    void bothPyTorchSetUpsTakeTheSameStep() throws Exception {
        assumeThat(Files.isExecutable(Path.of(PythonWorker.PYTHON))).as("Debian's python3 with torch").isTrue();
        for (String name : new String[] {"cnn-2x6x5", "mlp-20-7"}) {
            Model m = Model.parse(name);
            Weights w = Weights.generate(m, 3);
            Batch b = Batch.generate(m, 8, 4);
            try (PythonTorchEngine py = new PythonTorchEngine()) {
                py.prepare(m, w, b, LR, 1);
                djl.prepare(m, w, b, LR, 1);
                Close.assertClose(py.logits(), djl.logits(), Close.F32, name + " logits");
                assertThat((double) py.trainStep()).as(name + " loss").isCloseTo(djl.trainStep(), org.assertj.core.data.Offset.offset(1e-5));
                Close.assertClose(py.logits(), djl.logits(), Close.F32, name + " logits after one step");
                assertThat(py.hello().path("blas_libraries").toString()).contains("openblas");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-2x6x5", "mlp-20-7"})
    void convlabTakesPyTorchsStep(String name) throws Exception {
        Model m = Model.parse(name);
        Weights w = Weights.generate(m, 3);
        Batch b = Batch.generate(m, 8, 4);
        try (ConvlabEngine convlab = new ConvlabEngine()) {
            convlab.prepare(m, w, b, LR, 2);
            djl.prepare(m, w, b, LR, 1);
            Close.assertClose(convlab.logits(), ReferenceModel.logits(m, w, b.x()), Close.F32, name + " convlab logits");
            assertThat((double) convlab.trainStep()).as(name + " loss").isCloseTo(djl.trainStep(), org.assertj.core.data.Offset.offset(1e-5));
            Close.assertClose(convlab.logits(), djl.logits(), Close.F32, name + " logits after one step");
            assertThat(convlab.timeTrain(2)).isPositive();
            assertThat(convlab.onJavaHeap()).isTrue();
            assertThat(convlab.describe()).startsWith("convlab (pure Java");
        }
    }

    @Test
    void peakPathsMultiply() throws Exception {
        try (GemmPeak p = djl.gemmPeak(); GemmPeak c = new ConvlabGemmPeak()) {
            p.prepare(64, 1);
            c.prepare(64, 1);
            assertThat(p.time(2)).isPositive();
            assertThat(c.time(1)).isPositive();
            assertThat(c.size(4096)).isLessThanOrEqualTo(4096);
        }
    }
}
