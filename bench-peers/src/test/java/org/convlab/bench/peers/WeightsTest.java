package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void namesShapesAndBoundsFollowPyTorchsDefaults() {
        Model m = Model.parse("cnn-1x28x28");
        Weights w = Weights.generate(m, 7);
        assertThat(w.tensors().keySet()).containsExactly(
                "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias");
        assertThat(w.weight("fc").shape().dims()).containsExactly(10, 16 * 28 * 28);
        for (Layer l : m.layers()) {
            double bound = 1 / Math.sqrt(l.fanIn());
            for (Tensor t : new Tensor[] {w.weight(l.name()), w.bias(l.name())}) {
                double max = Comparison.maxAbs(t.data());
                assertThat(max).as(l.name()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOthers() {
        Model m = Model.parse("mlp-784-100");
        assertThat(Weights.generate(m, 7).weight("fc2").data()).containsExactly(Weights.generate(m, 7).weight("fc2").data());
        assertThat(Weights.generate(m, 8).weight("fc2").data()).isNotEqualTo(Weights.generate(m, 7).weight("fc2").data());
    }

    @Test
    void batchHasLabelsInRangeAndNormalPixels() {
        Batch b = Batch.generate(Model.parse("cnn-3x32x32"), 64, 8);
        assertThat(b.x().shape().dims()).containsExactly(64, 3, 32, 32);
        assertThat(java.util.Arrays.stream(b.labels()).boxed().toList()).hasSize(64).allSatisfy(l -> assertThat(l).isBetween(0, 9));
        double mean = 0;
        double sq = 0;
        for (float v : b.x().data()) {
            mean += v;
            sq += v * v;
        }
        mean /= b.x().size();
        assertThat(mean).isBetween(-0.05, 0.05);
        assertThat(sq / b.x().size()).isBetween(0.95, 1.05);
    }
}
