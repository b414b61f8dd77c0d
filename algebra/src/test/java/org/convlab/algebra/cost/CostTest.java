package org.convlab.algebra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.Padding;
import org.convlab.algebra.RandomGeometry;
import org.convlab.algebra.SameMode;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CostTest {

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void worksheetImageLayer() {
        ConvGeometry g = ConvGeometry.builder().inChannels(3).outChannels(32).size(256, 256).kernel(5).stride(2)
                .build();
        ConvCost c = ConvCost.of(g, true);
        assertThat(c.weights()).isEqualTo(big(2400));
        assertThat(c.biases()).isEqualTo(big(32));
        assertThat(c.parameters()).isEqualTo(big(2432));
        assertThat(c.outputElements()).isEqualTo(big(508_032));
        assertThat(c.inputElements()).isEqualTo(big(196_608));
        assertThat(c.macs()).isEqualTo(big(38_102_400));
        assertThat(c.macsWithBias()).isEqualTo(big(38_610_432));
        assertThat(c.denseWeights()).isEqualTo(big(99_883_155_456L));
        assertThat(c.denseBiases()).isEqualTo(big(508_032));
        assertThat(c.localWeights()).isEqualTo(big(38_102_400));
        assertThat(c.localWeightsOnInput()).isEqualTo(big(38_102_400));
        assertThat(c.localBiases()).isEqualTo(big(508_032));
        assertThat(ConvCost.of(g, false).macsWithBias()).isEqualTo(big(38_102_400));
        assertThat(ConvCost.of(g, false).parameters()).isEqualTo(big(2400));
    }

    @Test
    void worksheetOneDimensionalLayers() {
        ConvCost valid = ConvCost.of(ConvGeometry.builder().size(9).kernel(3).build(), false);
        assertThat(valid.weights()).isEqualTo(big(3));
        assertThat(valid.localWeights()).isEqualTo(big(21));
        assertThat(valid.denseWeights()).isEqualTo(big(63));
        ConvCost same = ConvCost.of(ConvGeometry.builder().size(9).kernel(3).padding(new Padding.Same()).build(), false);
        assertThat(same.localWeights()).isEqualTo(big(27));
        assertThat(same.localWeightsOnInput()).isEqualTo(big(25));
        assertThat(same.macsOnInput()).isEqualTo(big(25));
    }

    @Test
    void denseCountsPastLongRangeStayExact() {
        ConvGeometry g = ConvGeometry.builder().inChannels(64).outChannels(64).size(100_000, 100_000).kernel(3)
                .padding(new Padding.Same()).build();
        // X * Y = (64 * 10^10)^2 = 4.096 * 10^23
        assertThat(ConvCost.of(g, true).denseWeights()).isEqualTo(new BigInteger("409600000000000000000000"));
    }

    static IntStream seeds() {
        return IntStream.range(0, 100);
    }

    /** The counts agree with the matrices: shared weights, unshared weights on real inputs, structural taps. */
    @ParameterizedTest
    @MethodSource("seeds")
    void countsAgreeWithTheMatrices(int seed) {
        ConvGeometry g = RandomGeometry.draw(new Random(40_000 + seed));
        ConvCost c = ConvCost.of(g, true);
        assertThat(c.weights()).isEqualTo(big(ConvMatrix.shared(g).weightCount()));
        assertThat(c.localWeightsOnInput()).isEqualTo(big(ConvMatrix.unshared(g).weightCount()));
        assertThat(c.outputElements()).isEqualTo(big(ConvMatrix.shared(g).rows()));
        assertThat(c.denseWeights()).isEqualTo(ConvMatrix.shared(g).denseEntries());
    }

    private static List<ReceptiveField> field(String stack) {
        List<LayerStack.Layer> layers = LayerStack.analyse(null, LayerSpec.parseStack("--stack", stack), null, true,
                SameMode.TORCH);
        return layers.get(layers.size() - 1).field();
    }

    @Test
    void receptiveFieldHandCases() {
        assertThat(field("k5s1,k3s1").get(0)).isEqualTo(new ReceptiveField(7, 1, 0L));
        assertThat(field("k3,k3").get(0).size()).isEqualTo(5);
        assertThat(field("k3,k3,k3").get(0).size()).isEqualTo(7);
        assertThat(field("k3s2,k3s2").get(0)).isEqualTo(new ReceptiveField(7, 4, 0L));
        // ResNet's stem: conv 7x7/2 pad 3, then max-pool 3x3/2 pad 1
        assertThat(field("k7s2p3,k3s2p1").get(0)).isEqualTo(new ReceptiveField(11, 4, -5L));
        // dilations 1, 2, 4 (WaveNet-like) grow the field to 1 + 2 + 4 + 8
        assertThat(field("k3d1,k3d2,k3d4").get(0).size()).isEqualTo(15);
        // 'same' pads d(k-1)/2 before: the field is centred on the output
        assertThat(field("k3psame,k3psame").get(0)).isEqualTo(new ReceptiveField(5, 1, -2L));
        // per-axis kernels
        List<ReceptiveField> f = field("k3x1,k1x3");
        assertThat(f).extracting(ReceptiveField::size).containsExactly(3L, 3L);
    }

    @Test
    void stackWithAnInputChainsShapesAndCosts() {
        List<LayerStack.Layer> layers = LayerStack.analyse(null, LayerSpec.parseStack("--stack", "k5p2f32,k3p1f16"),
                Dims.parse("--input", "3x32x32"), true, SameMode.TORCH);
        assertThat(layers.get(0).geometry().outputShape()).containsExactly(32, 32, 32);
        assertThat(layers.get(1).geometry().outputShape()).containsExactly(16, 32, 32);
        // the worksheet's notebook CNN: 3*32*25 + 32 and 32*16*9 + 16
        assertThat(layers.get(0).cost().parameters()).isEqualTo(big(2432));
        assertThat(layers.get(1).cost().parameters()).isEqualTo(big(4624));
        assertThat(layers.get(1).field().get(0)).isEqualTo(new ReceptiveField(7, 1, -3L));
    }

    @Test
    void tensorflowSameWithoutAnInputLeavesThePositionOpen() {
        List<LayerStack.Layer> layers = LayerStack.analyse(null, LayerSpec.parseStack("--stack", "k3s2psame"), null,
                true, SameMode.TF);
        assertThat(layers.get(0).field().get(0)).isEqualTo(new ReceptiveField(3, 2, null));
    }

    @Test
    void badStacksNameTheLayer() {
        assertThatThrownBy(() -> LayerSpec.parseStack("--stack", "k3,x3")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("--stack: expected layers like");
        assertThatThrownBy(() -> LayerSpec.parseStack("--stack", "s2")).hasMessageContaining("a kernel (k)");
        assertThatThrownBy(() -> LayerSpec.parseStack("--stack", "k3k5")).hasMessageContaining("k twice");
        assertThatThrownBy(() -> LayerSpec.parseStack("--stack", "k0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> LayerStack.analyse(null, LayerSpec.parseStack("--stack", "k3,k9"),
                Dims.parse("--input", "8"), true, SameMode.TORCH))
                .hasMessageStartingWith("stack: layer 2 'k9': kernel:");
    }
}
