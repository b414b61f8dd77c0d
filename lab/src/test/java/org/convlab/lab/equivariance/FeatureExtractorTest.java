package org.convlab.lab.equivariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.convlab.algebra.Axis;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureExtractorTest {
    /** conv 3x3 pad 1 -> ReLU -> max-pool 2x2 -> conv 3x3 pad 1 -> ReLU -> flatten -> fc: total stride 2. */
    static Sequential pooledNet(int side, long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("conv1", Conv2d.builder(1, 3, 3).padding(1).build(rng))
                .add("relu1", new ReLU())
                .add("pool", new MaxPool2d(2))
                .add("conv2", Conv2d.builder(3, 2, 3).padding(1).build(rng))
                .add("relu2", new ReLU())
                .add("flatten", new Flatten())
                .add("fc", new Linear(2 * (side / 2) * (side / 2), 10, rng));
    }

    /** A canvas of 1 x side x side with no zero pixel, so that a window reading padding differs. */
    static Tensor canvas(long seed, int side) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(1, 1, side, side);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = 0.5f + r.nextFloat();
        }
        return t;
    }

    @Test
    void theLabsCnnHasStrideOneAndTheMarginOfItsFiveByFiveAndThreeByThree() {
        FeatureExtractor f = FeatureExtractor.of(new ThreeLayerConvNet(1, 4, 3, 10, 56, 56, new Rng(1)), 1, 56, 56);
        assertThat(f.names()).containsExactly("conv1", "relu1", "conv2", "relu2");
        assertThat(f.strideY()).isEqualTo(1);
        assertThat(f.strideX()).isEqualTo(1);
        assertThat(f.margin()).isEqualTo(3); // radius 2 of the 5x5 plus 1 of the 3x3
        assertThat(f.featureShape()).containsExactly(3, 56, 56);
    }

    @Test
    void poolingHalvesTheGridAndTheMarginIsCountedOnIt() {
        FeatureExtractor f = FeatureExtractor.of(pooledNet(56, 2), 1, 56, 56);
        assertThat(f.names()).containsExactly("conv1", "relu1", "pool", "conv2", "relu2");
        assertThat(f.strideY()).isEqualTo(2);
        assertThat(f.featureShape()).containsExactly(2, 28, 28);
        // conv1 clean on [1, 54]; the pool keeps [1, 26] of 28; conv2 [2, 25]: margin 2
        assertThat(f.margin()).isEqualTo(2);
    }

    @Test
    void cleanIntervalsByHand() {
        // kernel 3 stride 1 pad 1 on 10: outputs 1..8 read only 0..9
        assertThat(FeatureExtractor.clean(new int[] {0, 9}, Axis.of(10, 3, 1, 1, 1))).containsExactly(1, 8);
        // kernel 2 stride 2 pad 0 on 10 from clean [1, 8]: output 0 reads 0 (not clean), 4 reads 8..9 (9 is not)
        assertThat(FeatureExtractor.clean(new int[] {1, 8}, Axis.of(10, 2, 2, 1, 0))).containsExactly(1, 3);
        // dilation 2, kernel 3, pad 2: reach 4
        assertThat(FeatureExtractor.clean(new int[] {0, 9}, Axis.of(10, 3, 1, 2, 2))).containsExactly(2, 7);
    }

    @ParameterizedTest(name = "seed {0}: shift ({1}, {2})")
    @CsvSource({"1, 4, 8", "2, 0, 4", "3, 8, 0", "4, 12, 24", "5, 2, 6", "6, -4, 2"})
    void shiftsThatAreMultiplesOfTheStrideAreExactlyEquivariantInTheInterior(long seed, int dy, int dx) {
        FeatureExtractor f = FeatureExtractor.of(pooledNet(56, seed), 1, 56, 56);
        Tensor x = canvas(seed, 56);
        Tensor fx = f.forward(x);
        Tensor fTx = f.forward(EquivarianceError.shift(x, dy, dx));
        FeatureExtractor.Measured m = f.measure(fx, fTx, dy, dx);
        assertThat(m.aligned()).isTrue();
        assertThat(m.dy()).isEqualTo(dy / 2);
        assertThat(m.dx()).isEqualTo(dx / 2);
        assertThat(m.interior()).isLessThan(1e-6);
        // the whole grid counts the border, where the shift's zero fill is not what the net outputs
        assertThat(m.whole()).isGreaterThan(1e-3);
        // one pixel less margin takes in feature pixels whose windows read padding: the error shows
        EquivarianceError.Result thinner = EquivarianceError.measure(fx, fTx, dy / 2, dx / 2, f.margin() - 1);
        assertThat(thinner.interior()).isGreaterThan(1e-4);
    }

    @ParameterizedTest(name = "shift ({0}, {1})")
    @CsvSource({"1, 0", "0, 3", "4, 5"})
    void aShiftThatIsNotAMultipleOfTheStrideIsNotMeasured(int dy, int dx) {
        FeatureExtractor f = FeatureExtractor.of(pooledNet(56, 1), 1, 56, 56);
        Tensor x = canvas(1, 56);
        FeatureExtractor.Measured m = f.measure(f.forward(x), f.forward(EquivarianceError.shift(x, dy, dx)), dy, dx);
        assertThat(m.aligned()).isFalse();
        assertThat(m.interior()).isNaN();
    }

    @Test
    void forwardLeavesTheFeaturesOfAnEarlierCallAlone() {
        FeatureExtractor f = FeatureExtractor.of(pooledNet(56, 3), 1, 56, 56);
        Tensor a = f.forward(canvas(1, 56));
        float first = a.data()[a.size() / 2 + 5];
        f.forward(canvas(2, 56));
        assertThat(a.data()[a.size() / 2 + 5]).isEqualTo(first);
    }

    @Test
    void anMlpHasNoFeatureExtractor() {
        assertThatThrownBy(() -> FeatureExtractor.of(new ThreeLayerMLP(56 * 56, 8, 10, new Rng(1)), 1, 56, 56))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("model: has no convolutional feature extractor: no 2-D convolution comes "
                        + "before its first other layer, ");
    }

    @Test
    void aLocallyConnectedNetHasNone() {
        assertThatThrownBy(() -> FeatureExtractor.of(new LocallyConnectedNet(1, 2, 2, 10, 28, 28, new Rng(1)), 1, 56, 56))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("has no convolutional feature extractor")
                .hasMessageContaining("LocallyConnected2d");
    }

    @Test
    void threeInputChannelsDoNotTakeAGreyCanvas() {
        assertThatThrownBy(() -> FeatureExtractor.of(new ThreeLayerConvNet(3, 4, 3, 10, 32, 32, new Rng(1)), 1, 56, 56))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("model: its first convolution takes 3 input channels, the input here has 1");
    }

    @Test
    void anInputTooSmallForTheLayersIsNamed() {
        Sequential net = new Sequential().add("conv1", Conv2d.builder(1, 2, 7).build(new Rng(1)));
        assertThatThrownBy(() -> FeatureExtractor.of(net, 1, 5, 5))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("model: conv1 does not take the 1x5x5 it receives from a 1x5x5 input: ");
    }
}
