package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-computed values, shapes (batched and unbatched), accumulation and error messages. */
class LayerBasicsTest {
    @Test
    void linearHandComputedAndGradientsAccumulate() {
        Linear fc = new Linear(2, 3, new Rng(1));
        System.arraycopy(new float[] {1, 0, 1, 1, 0, -1}, 0, fc.weight().value().data(), 0, 6);
        System.arraycopy(new float[] {0, 1, 2}, 0, fc.bias().value().data(), 0, 3);
        Tensor y = fc.forward(Tensor.wrap(new float[] {1, 2}, 2)); // unbatched (in)
        assertThat(y.shape().dims()).containsExactly(3);
        assertThat(y.data()).containsExactly(1, 4, 0);
        fc.zeroGrad();
        Tensor dx = fc.backward(Tensor.wrap(new float[] {1, 2, 3}, 3));
        assertThat(dx.data()).containsExactly(3, -1);
        fc.forward(Tensor.wrap(new float[] {1, 2}, 2));
        fc.backward(Tensor.wrap(new float[] {1, 2, 3}, 3));
        assertThat(fc.weight().grad().data()).containsExactly(2, 4, 4, 8, 6, 12);
        assertThat(fc.bias().grad().data()).containsExactly(2, 4, 6);
        fc.zeroGrad();
        assertThat(fc.bias().grad().data()).containsOnly(0f);
    }

    @Test
    void reluKeepsPositivesAndPassesTheirGradient() {
        ReLU relu = new ReLU();
        Tensor y = relu.forward(Tensor.wrap(new float[] {-1, 0, 2, Float.NaN}, 4));
        assertThat(y.data()[0]).isZero();
        assertThat(y.data()[2]).isEqualTo(2);
        assertThat(y.data()[3]).isNaN();
        assertThat(relu.backward(Tensor.wrap(new float[] {5, 5, 5, 5}, 4)).data()).containsExactly(0, 0, 5, 0);
    }

    @Test
    void convAcceptsBatchedAndUnbatchedInputAndReportsShapes() {
        Conv2d conv = Conv2d.builder(3, 4, 3).stride(2).padding(1).build(new Rng(2));
        assertThat(conv.forward(Tensor.zeros(2, 3, 9, 8)).shape().dims()).containsExactly(2, 4, 5, 4);
        assertThat(conv.forward(Tensor.zeros(3, 9, 8)).shape().dims()).containsExactly(4, 5, 4);
        conv.setName("conv1");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(2, 1, 9, 8)))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("conv1: Conv2d(3, 4, kernel_size=3, stride=2, padding=1): expected input of shape "
                        + "(N, 3, H, W) or (3, H, W), got (2, 1, 9, 8)");
        assertThatThrownBy(() -> conv.backward(Tensor.zeros(3, 4, 5, 4)))
                .hasMessageContaining("expected a gradient of the output's shape (4, 5, 4), got (3, 4, 5, 4)");
        Conv1d c1 = Conv1d.builder(2, 2, 5).build(new Rng(1));
        assertThatThrownBy(() -> c1.forward(Tensor.zeros(1, 2, 3)))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("Conv1d(2, 2, kernel_size=5, stride=1): input (1, 2, 3) does not fit: kernel:");
    }

    @Test
    void badHyperParametersAreRefusedAtConstruction() {
        assertThatThrownBy(() -> Conv2d.builder(3, 4, 3).groups(2).build(new Rng(1)))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("groups:");
        assertThatThrownBy(() -> Conv2d.builder(3, 4, 3).stride(2).padding("same").build(new Rng(1)))
                .hasMessageContaining("padding='same' is not supported for strided convolutions");
        assertThatThrownBy(() -> Conv2d.builder(3, 4, 0).build(new Rng(1))).hasMessageStartingWith("kernel:");
        assertThatThrownBy(() -> new Linear(0, 3, new Rng(1))).hasMessageStartingWith("in_features:");
        assertThatThrownBy(() -> MaxPool2d.builder(2).padding(2).build()).hasMessageStartingWith("padding:");
        assertThatThrownBy(() -> LocallyConnected2d.builder(1, 1, 3).build(new Rng(1))).hasMessageStartingWith("size:");
    }

    @Test
    void poolingShapesFollowPyTorch() {
        assertThat(new MaxPool2d(2).forward(Tensor.zeros(2, 3, 7, 9)).shape().dims()).containsExactly(2, 3, 3, 4);
        assertThat(AvgPool2d.builder(3).stride(2).padding(1).build().forward(Tensor.zeros(3, 8, 8)).shape().dims())
                .containsExactly(3, 4, 4);
    }

    @Test
    void flattenAndReshapeAreViews() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        Tensor f = new Flatten().forward(x);
        assertThat(f.shape().dims()).containsExactly(2, 60);
        assertThat(f.data()).isSameAs(x.data());
        Reshape r = new Reshape(1, 6, 10);
        assertThat(r.forward(f).shape().dims()).containsExactly(2, 1, 6, 10);
        assertThat(new Flatten(0, -1).forward(x).shape().dims()).containsExactly(120);
    }

    @Test
    void initialisationIsPyTorchsBoundAndBitIdenticalForASeed() {
        Conv2d a = Conv2d.builder(3, 8, 5).build(new Rng(7));
        Conv2d b = Conv2d.builder(3, 8, 5).build(new Rng(7));
        assertThat(a.weight().value().data()).isEqualTo(b.weight().value().data());
        double bound = 1 / Math.sqrt(3 * 25);
        float max = 0;
        for (float v : a.weight().value().data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat((double) max).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
        Conv2d grouped = Conv2d.builder(4, 4, 3).groups(2).build(new Rng(1));
        assertThat(grouped.fanIn()).isEqualTo(2 * 9);
        assertThat(grouped.weight().shape().dims()).containsExactly(4, 2, 3, 3);
    }

    @Test
    void frozenParametersGetNoGradient() {
        Conv2d conv = Conv2d.builder(1, 2, 3).build(new Rng(3));
        conv.freeze();
        conv.forward(Tensor.zeros(1, 1, 5, 5).fill(1));
        conv.backward(Tensor.zeros(1, 2, 3, 3).fill(1));
        assertThat(conv.weight().grad().data()).containsOnly(0f);
        assertThat(conv.trainableParameterCount()).isZero();
        assertThat(conv.parameterCount()).isEqualTo(2 * 9 + 2);
    }
}
