package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.convlab.core.BadParameterException;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class InferenceTest {
    static Stream<Arguments> models() {
        return Stream.of(
                // hidden layers wider than 32 outputs go through the GEMM (packed weights), the
                // classifiers through SimdDense's in-place kernels (a copy)
                Arguments.of("MLP 784-100-100-10", new ThreeLayerMLP(784, 100, 10, new Rng(1)), new int[] {64, 784}),
                Arguments.of("MLP 300-700 odd batch", new ThreeLayerMLP(300, 700, 10, new Rng(2)), new int[] {37, 300}),
                Arguments.of("ConvNet 1x28x28", new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, new Rng(3)), new int[] {5, 1, 28, 28}),
                Arguments.of("ConvNet 3x16x16, 40 classes", new ThreeLayerConvNet(3, 8, 4, 40, 16, 16, new Rng(4)), new int[] {3, 3, 16, 16}),
                Arguments.of("locally connected", new LocallyConnectedNet(1, 4, 2, 10, 12, 12, new Rng(5)), new int[] {2, 1, 12, 12}),
                // wide layers rectified in their epilogue, in place or not; a rectifier after a classifier
                Arguments.of("linear layers and rectifiers", new Sequential()
                        .add("fc1", new Linear(50, 70, new Rng(6))).add("act1", new ReLU(true))
                        .add("fc2", new Linear(70, 40, new Rng(7))).add("act2", new ReLU())
                        .add("fc3", new Linear(40, 5, new Rng(8))).add("act3", new ReLU()), new int[] {19, 50}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void givesTheBitsOfTheModelsForwardPass(String name, Module model, int[] input) {
        Tensor x = DeterminismTest.random(new Rng(7), input);
        float[] expected = model.forward(x).copy().data();
        Inference inference = Inference.of(model);
        // containsExactly compares floats bit for bit (Float.equals)
        assertThat(inference.forward(x).data()).containsExactly(expected);
        // a second pass through the same buffers, and the model itself untouched
        assertThat(inference.forward(x).data()).containsExactly(expected);
        assertThat(model.forward(x).data()).containsExactly(expected);
    }

    static Stream<Arguments> largeBatches() {
        return Stream.of(
                // 32 x 28 x 28 floats after the first layer (100 KB an image): 8 images fit 1 MiB
                Arguments.of("ConvNet 1x28x28", new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, new Rng(3)), new int[] {64, 1, 28, 28}, 8, 2, 8),
                Arguments.of("ConvNet 1x28x28, 48 images", new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, new Rng(3)), new int[] {48, 1, 28, 28}, 6, 2, 6),
                Arguments.of("ConvNet 3x32x32", new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, new Rng(4)), new int[] {16, 3, 32, 32}, 8, 2, 8),
                Arguments.of("locally connected", new LocallyConnectedNet(1, 32, 4, 10, 28, 28, new Rng(5)), new int[] {16, 1, 28, 28}, 8, 2, 8),
                // odd batches are not split into micro-batches (on two threads, into shares of 31 and 32
                // images)
                Arguments.of("ConvNet 1x28x28, 63 images", new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, new Rng(3)), new int[] {63, 1, 28, 28}, 63, 2, 31),
                // small activations stay whole on one thread; on two, shares of 32 x 89,610 multiply-adds
                Arguments.of("MLP 784-100-100-10", new ThreeLayerMLP(784, 100, 10, new Rng(1)), new int[] {64, 784}, 64, 2, 32),
                Arguments.of("MLP 784-100-100-10, 7 images", new ThreeLayerMLP(784, 100, 10, new Rng(1)), new int[] {7, 784}, 7, 2, 3),
                // shares of 2 x 89,610 multiply-adds: whole on two threads as well
                Arguments.of("MLP 784-100-100-10, 4 images", new ThreeLayerMLP(784, 100, 10, new Rng(1)), new int[] {4, 784}, 4, 1, 4),
                // 54 MB of weights: micro-batches on one thread, but no copy per thread on two
                Arguments.of("MLP 1500-3000, 320 images", new ThreeLayerMLP(1500, 3000, 10, new Rng(6)), new int[] {320, 1500}, 80, 1, 320));
    }

    /**
     * On one thread a batch whose activations exceed {@link Inference#ACTIVATION_BUDGET_BYTES}
     * runs in equal micro-batches (the first call for a shape runs it whole and plans): the bits
     * of the model's forward pass on every call. On two threads it runs as one share per thread,
     * each through its own copy of the model in micro-batches: the same bits again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largeBatches")
    void runsLargeBatchesInMicroBatchesAndSharesWithTheSameBits(String name, Module model, int[] input, int micro,
                                                                int sharesOnTwo, int microOnTwo) {
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor x = DeterminismTest.random(new Rng(8), input);
            float[] expected = model.forward(x).copy().data();
            Inference inference = Inference.of(model);
            assertThat(inference.forward(x).data()).containsExactly(expected);
            assertThat(inference.microBatch()).isEqualTo(micro);
            assertThat(inference.forward(x).data()).containsExactly(expected);
            assertThat(inference.forward(x).shape()).isEqualTo(model.forward(x).shape());
            Parallel.setThreads(2);
            assertThat(inference.forward(x).data()).containsExactly(expected);
            assertThat(inference.forward(x).data()).containsExactly(expected);
            assertThat(inference.shares()).isEqualTo(sharesOnTwo);
            assertThat(inference.microBatch()).isEqualTo(microOnTwo);
            Parallel.setThreads(1);
            assertThat(inference.forward(x).data()).containsExactly(expected);
            assertThat(inference.microBatch()).isEqualTo(micro);
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void keepsTheParametersItWasMadeWithAndANewOneSeesTheirChange() {
        ThreeLayerMLP model = new ThreeLayerMLP(50, 64, 10, new Rng(11));
        Tensor x = DeterminismTest.random(new Rng(12), 8, 50);
        float[] before = model.forward(x).copy().data();
        Inference inference = Inference.of(model);
        for (Parameter p : model.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * 0.5f + 0.01f;
            }
        }
        float[] after = model.forward(x).copy().data();
        assertThat(after).isNotEqualTo(before);
        assertThat(inference.forward(x).data()).containsExactly(before);
        assertThat(Inference.of(model).forward(x).data()).containsExactly(after);
    }

    @Test
    void aModuleACheckpointCannotRecordIsNamed() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dy) {
                return dy;
            }
        };
        Sequential model = new Sequential().add("fc", new Linear(4, 3, new Rng(1))).add("act", new ReLU())
                .add("mine", custom);
        assertThatThrownBy(() -> Inference.of(model))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("mine");
    }
}
