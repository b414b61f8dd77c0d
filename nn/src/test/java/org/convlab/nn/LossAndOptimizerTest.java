package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossAndOptimizerTest {
    @Test
    void crossEntropyOfUniformLogitsIsLogK() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float loss = ce.forward(Tensor.zeros(2, 4), new int[] {0, 3});
        assertThat((double) loss).isCloseTo(Math.log(4), within(1e-6));
        // (1/4 - 1) / 2 at the label, (1/4) / 2 elsewhere
        assertThat(ce.backward().data()).containsExactly(-0.375f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f,
                -0.375f);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float loss = ce.forward(Tensor.wrap(new float[] {1000, 0}, 2), new int[] {1});
        assertThat(loss).isEqualTo(1000f);
        assertThat(ce.backward().data()).containsExactly(1, -1);
    }

    @Test
    void crossEntropyRefusesBadLabels() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertThatThrownBy(() -> ce.forward(Tensor.zeros(2, 3), new int[] {0, 3}))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("cross-entropy labels: expected class indices in 0..2, got 'label 3 at position 1'");
        assertThatThrownBy(() -> ce.forward(Tensor.zeros(2, 3), new int[] {0}))
                .hasMessageContaining("2 labels for logits (2, 3)");
    }

    private static Parameter param(float value, float grad) {
        Parameter p = new Parameter("p", 1);
        p.value().data()[0] = value;
        p.grad().data()[0] = grad;
        return p;
    }

    @Test
    void sgdWithMomentumNesterovAndWeightDecayFollowsPyTorchsRule() {
        Parameter p = param(1f, 0.5f);
        SGD sgd = new SGD(List.of(p), 0.1).momentum(0.9).nesterov(true).weightDecay(0.1);
        sgd.step();
        // d = 0.5 + 0.1*1 = 0.6; b = 0.6; d = 0.6 + 0.9*0.6 = 1.14; p = 1 - 0.114 = 0.886
        assertThat((double) p.value().data()[0]).isCloseTo(0.886, within(1e-6));
        sgd.step();
        // d = 0.5 + 0.0886 = 0.5886; b = 0.9*0.6 + 0.5886 = 1.1286; d = 0.5886 + 0.9*1.1286 = 1.60434
        assertThat((double) p.value().data()[0]).isCloseTo(0.886 - 0.160434, within(1e-6));
        assertThat(sgd.stateDict().tensors()).containsKey("0.momentum_buffer");
        assertThatThrownBy(() -> new SGD(List.of(p), 0.1).nesterov(true)).hasMessageStartingWith("nesterov:");
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        Parameter p = param(1f, 0.25f);
        Adam adam = new Adam(List.of(p), 0.01);
        adam.step();
        // m = 0.025, v = 0.0000625; m/(1-0.9) = 0.25, sqrt(v/(1-0.999)) = 0.25: step = lr * 0.25/(0.25+1e-8)
        assertThat((double) p.value().data()[0]).isCloseTo(1 - 0.01, within(1e-6));
    }

    @Test
    void frozenParametersAreLeftAlone() {
        Parameter p = param(1f, 1f);
        p.setFrozen(true);
        new SGD(List.of(p), 0.1).momentum(0.5).step();
        new Adam(List.of(p), 0.1).step();
        assertThat(p.value().data()[0]).isEqualTo(1f);
    }
}
