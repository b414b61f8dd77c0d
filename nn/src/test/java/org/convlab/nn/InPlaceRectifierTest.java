package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ReLU(inplace=True)}: written over its input, alone and fused into a convolution's pass. */
class InPlaceRectifierTest {

    /** The notebook's ConvNet as {@link ThreeLayerConvNet} builds it (same parameters from the same seed), its rectifiers in place or not. */
    static Sequential notebookNet(int in, int c1, int c2, int size, long seed, boolean inplace) {
        Rng rng = new Rng(seed);
        Conv2d conv1 = Conv2d.builder(in, c1, 5).padding(2).build(rng);
        Conv2d conv2 = Conv2d.builder(c1, c2, 3).padding(1).build(rng);
        Linear fc = new Linear(c2 * size * size, 10, rng);
        return new Sequential().add("conv1", conv1).add("relu1", new ReLU(inplace)).add("conv2", conv2)
                .add("relu2", new ReLU(inplace)).add("flatten", new Flatten()).add("fc", fc);
    }

    private static Tensor uniform(Rng r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.uniform(-1, 1);
        }
        return t;
    }

    @Test
    void anInPlaceRectifierReturnsItsInputRectifiedAndBackPropagatesAsTheOther() {
        Tensor x = Tensor.wrap(new float[] {-2, 0, 3, Float.NaN, -0.5f, 7}, 2, 3);
        ReLU inPlace = new ReLU(true);
        ReLU apart = new ReLU();
        Tensor expected = apart.forward(x.copy());
        Tensor y = inPlace.forward(x);
        assertThat(y).isSameAs(x);
        assertThat(x.data()).containsExactly(0f, 0f, 3f, Float.NaN, 0f, 7f);
        assertThat(y.data()).isEqualTo(expected.data());
        Tensor dy = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(inPlace.backward(dy).data()).isEqualTo(apart.backward(dy).data());
        assertThat(inPlace).hasToString("ReLU(inplace=True)");
        assertThat(apart).hasToString("ReLU()");
        assertThat(new ThreeLayerConvNet(1, 4, 4, 10, 8, 8, new Rng(1)).get(1)).hasToString("ReLU(inplace=True)");
    }

    /**
     * Three SGD steps of the notebook's ConvNet with in-place rectifiers give the weights, losses
     * and logits of the same net with rectifiers of their own, bit for bit: the bench's 1x28x28
     * model (its first layer's few-tap pass, its second in Winograd's form), a 3x16x16 one on the
     * direct kernels, and a small one on the reference paths.
     */
    @ParameterizedTest(name = "in {0}, channels {1} and {2}, {3}x{3}, batch {4}")
    @CsvSource({"1, 32, 16, 28, 8", "3, 16, 8, 16, 8", "2, 3, 2, 6, 2"})
    void trainingWithInPlaceRectifiersGivesTheSameBits(int in, int c1, int c2, int size, int batch) {
        Sequential inPlace = notebookNet(in, c1, c2, size, 11, true);
        Sequential apart = notebookNet(in, c1, c2, size, 11, false);
        Rng data = new Rng(12);
        SGD sgdInPlace = new SGD(inPlace.parameters(), 0.05);
        SGD sgdApart = new SGD(apart.parameters(), 0.05);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int step = 0; step < 3; step++) {
            Tensor x = uniform(data, batch, in, size, size);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = (int) (data.uniform(0, 1) * 10) % 10;
            }
            Tensor logitsApart = apart.forward(x).copy();
            float lossApart = ce.forward(logitsApart, labels);
            sgdApart.zeroGrad();
            apart.backward(ce.backward());
            sgdApart.step();

            Tensor logits = inPlace.forward(x);
            assertThat(logits.data()).as("logits, step %d", step).isEqualTo(logitsApart.data());
            // Each convolution's recorded output is its rectifier's: the tensor relu returned.
            assertThat(inPlace.output(0)).isSameAs(inPlace.output(1));
            assertThat(inPlace.output(0).data()).isEqualTo(apart.output(1).data());
            assertThat(inPlace.output(2).data()).isEqualTo(apart.output(3).data());
            float loss = ce.forward(logits, labels);
            assertThat(loss).as("loss, step %d", step).isEqualTo(lossApart);
            sgdInPlace.zeroGrad();
            inPlace.backward(ce.backward());
            sgdInPlace.step();
            for (String name : apart.namedParameters().keySet()) {
                assertThat(inPlace.namedParameters().get(name).value().data()).as("%s after step %d", name, step)
                        .isEqualTo(apart.namedParameters().get(name).value().data());
            }
        }
        assertThat(inPlace.get(0).fusesForward(inPlace.get(1))).isTrue();
    }

    /**
     * Applies a convolution (channels, kernel, padding, size as {@code args}) to its own output
     * through an in-place rectifier and prints whether that equals the separate passes: the
     * convolution's input is then its own output buffer.
     */
    public static final class SelfApplication {
        public static void main(String[] args) {
            System.out.println(sameAsSeparatePasses(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Integer.parseInt(args[3])));
        }

        static boolean sameAsSeparatePasses(int channels, int kernel, int padding, int size) {
            Conv2d conv = Conv2d.builder(channels, channels, kernel).padding(padding).build(new Rng(3));
            Sequential twice = new Sequential().add("conv", conv).add("relu", new ReLU(true)).add("again", conv);
            Tensor x = uniform(new Rng(4), 2, channels, size, size);
            Conv2d same = Conv2d.builder(channels, channels, kernel).padding(padding).build(new Rng(3));
            Tensor expected = same.forward(new ReLU().forward(same.forward(x)).copy()).copy();
            return java.util.Arrays.equals(twice.forward(x).data(), expected.data());
        }
    }

    /**
     * A convolution applied to its own output reads a copy of it. The Vector API kernels read
     * each image before they write its output, so they would not need it; the plain-Java kernels
     * ({@code -Dconvlab.simd=false}, in a JVM of their own) compute a 1x1 layer straight from the
     * input into the output, and failed this without the copy.
     */
    @ParameterizedTest(name = "{0} channels, {1}x{1}, padding {2}, {3}x{3}")
    @CsvSource({"4, 1, 0, 8", "8, 5, 2, 16"})
    void aConvolutionAppliedToItsOwnOutputThroughAnInPlaceRectifierReadsACopyOfIt(int channels, int kernel,
                                                                                  int padding, int size) {
        assertThat(SelfApplication.sameAsSeparatePasses(channels, kernel, padding, size)).as("these kernels").isTrue();
        java.util.Optional<String> plain = org.convlab.core.ChildJvm.output(SelfApplication.class.getName(),
                java.util.List.of("-Dconvlab.simd=false"), java.util.List.of(String.valueOf(channels),
                        String.valueOf(kernel), String.valueOf(padding), String.valueOf(size)), 120);
        assertThat(plain).as("the plain-Java kernels' child JVM").hasValueSatisfying(
                out -> assertThat(out.strip()).isEqualTo("true"));
    }
}
