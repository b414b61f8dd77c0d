package org.convlab.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;

/** Hand-computed cases: the worksheet's figures and the edges of the formula. */
class GeometryTest {

    private static ConvGeometry conv1d(int n, int k, int s, String padding) {
        return ConvGeometry.builder().size(n).kernel(k).stride(s).padding(Padding.parse(padding, 1)).build();
    }

    @Test
    void worksheetNineInputsKernelThree() {
        assertThat(conv1d(9, 3, 1, "valid").outputSpatial()).containsExactly(7);
        assertThat(conv1d(9, 3, 1, "same").outputSpatial()).containsExactly(9);
        assertThat(conv1d(9, 3, 1, "full").outputSpatial()).containsExactly(11);
    }

    @Test
    void worksheetRgbImageStrideTwoDropsTheLastColumn() {
        ConvGeometry g = ConvGeometry.builder().inChannels(3).outChannels(32).size(256, 256).kernel(5).stride(2)
                .build();
        assertThat(g.outputShape()).containsExactly(32, 126, 126);
        assertThat(g.weightShape()).containsExactly(32, 3, 5, 5);
        assertThat(g.axis(1).unreadRanges()).singleElement().satisfies(r -> assertThat(r).containsExactly(255, 255));
        assertThat(g.axis(1).droppedTail()).isEqualTo(1);
    }

    @Test
    void torchSamePutsTheOddPaddingAfter() {
        ConvGeometry g = conv1d(10, 4, 1, "same");
        assertThat(g.axis(0).padBefore()).isEqualTo(1);
        assertThat(g.axis(0).padAfter()).isEqualTo(2);
        assertThat(g.outputSpatial()).containsExactly(10);
    }

    @Test
    void torchSameRefusesStrideWithPyTorchsReason() {
        assertThatThrownBy(() -> conv1d(10, 3, 2, "same"))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("padding='same' is not supported for strided convolutions");
    }

    @Test
    void tfSameKeepsCeilOfSizeOverStride() {
        ConvGeometry g = ConvGeometry.builder().size(10).kernel(3).stride(2).padding(new Padding.Same())
                .sameMode(SameMode.TF).build();
        // out = ceil(10/2) = 5; total = max((5-1)*2 + 3 - 10, 0) = 1 -> 0 before, 1 after
        assertThat(g.outputSpatial()).containsExactly(5);
        assertThat(g.axis(0).padBefore()).isZero();
        assertThat(g.axis(0).padAfter()).isEqualTo(1);
    }

    @Test
    void dilationAndStrideCanSkipInputsInTheMiddle() {
        // taps at o*3 + {0, 3}: only multiples of 3 are ever read
        Axis a = new Axis(7, 2, 3, 3, 0, 0);
        assertThat(a.output()).isEqualTo(2);
        assertThat(a.unreadRanges()).extracting(r -> r[0] + ".." + r[1]).containsExactly("1..2", "4..5");
    }

    @Test
    void strideLargerThanInputGivesOneOutput() {
        assertThat(conv1d(3, 2, 5, "valid").outputSpatial()).containsExactly(1);
    }

    @Test
    void explicitAsymmetricPaddingIn2d() {
        ConvGeometry g = ConvGeometry.builder().size(5, 6).kernel(3).padding(Padding.parse("1,0,2,3", 2)).build();
        // H: 5+1+0-2 = 4; W: 6+2+3-2 = 9
        assertThat(g.outputSpatial()).containsExactly(4, 9);
        assertThat(Padding.parse("1,2", 2)).isEqualTo(new Padding.Explicit(new int[] {1, 2}, new int[] {1, 2}));
        assertThat(Padding.parse("1,2", 1)).isEqualTo(new Padding.Explicit(new int[] {1}, new int[] {2}));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertThatThrownBy(() -> conv1d(9, 3, 0, "valid")).hasMessage("stride: expected a positive integer, got 0");
        assertThatThrownBy(() -> conv1d(2, 3, 1, "valid")).hasMessageStartingWith("kernel:");
        assertThatThrownBy(() -> Padding.parse("-1", 1)).hasMessageStartingWith("padding:");
        assertThatThrownBy(() -> Padding.parse("1,2,3", 2)).hasMessageStartingWith("padding:");
        assertThatThrownBy(() -> ConvGeometry.builder().inChannels(3).groups(2).size(4).kernel(1).build())
                .hasMessageStartingWith("groups:");
        assertThatThrownBy(() -> ConvGeometry.builder().size(4).kernel(1).padding(4)
                .paddingMode(PaddingMode.REFLECT).build()).hasMessageContaining("reflect padding");
        assertThatThrownBy(() -> ConvGeometry.builder().size(4).kernel(3).dilation(Integer.MAX_VALUE).build())
                .hasMessageStartingWith("dilation:");
        assertThatThrownBy(() -> Dims.parse("--input", "28y28")).hasMessageStartingWith("--input:");
    }

    @Test
    void paddingModesNameTheInputTheyCopy() {
        // n = 3: x0 x1 x2
        assertThat(PaddingMode.REFLECT.sourceIndex(-1, 3)).isEqualTo(1);
        assertThat(PaddingMode.REFLECT.sourceIndex(-2, 3)).isEqualTo(2);
        assertThat(PaddingMode.REFLECT.sourceIndex(3, 3)).isEqualTo(1);
        assertThat(PaddingMode.REPLICATE.sourceIndex(-2, 3)).isZero();
        assertThat(PaddingMode.REPLICATE.sourceIndex(4, 3)).isEqualTo(2);
        assertThat(PaddingMode.CIRCULAR.sourceIndex(-1, 3)).isEqualTo(2);
        assertThat(PaddingMode.CIRCULAR.sourceIndex(3, 3)).isZero();
        assertThat(PaddingMode.ZEROS.sourceIndex(-1, 3)).isEqualTo(-1);
    }

    @Test
    void inChannelsPutChannelsInFrontOfALengthOrAnImage() {
        Dims oneD = Dims.parse("input", "21").withInChannels(3);
        assertThat(oneD.channels()).isEqualTo(3);
        assertThat(oneD.spatial()).containsExactly(21);
        assertThat(oneD.channelsWritten()).isTrue();
        assertThat(oneD.toString()).isEqualTo("3x21");
        assertThat(Dims.parse("input", "28x30").withInChannels(2).spatial()).containsExactly(28, 30);
        assertThat(Dims.parse("input", "3x5x5").withInChannels(3)).isEqualTo(Dims.parse("input", "3x5x5"));
        assertThatThrownBy(() -> Dims.parse("input", "3x5x5").withInChannels(4))
                .hasMessage("inChannels: expected the channels the input 3x5x5 already gives (3), or an input "
                        + "without channels (L or HxW), got 4");
        assertThatThrownBy(() -> Dims.parse("input", "5").withInChannels(0)).hasMessageStartingWith("inChannels:");
        assertThat(Dims.parse("input", "3x21").readAsImage()).isTrue();
        assertThat(Dims.parse("input", "21").readAsImage()).isFalse();
        assertThat(Dims.parse("input", "21").withInChannels(1).readAsImage()).isFalse();
    }
}
