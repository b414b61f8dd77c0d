package org.convlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToleranceTest {
    @Test
    void reportsTheLargestDifferenceAndWhereItIs() {
        float[] expected = {1, 2, 3, 4, 5, 6};
        float[] actual = {1, 2, 3, 4.01f, 5, 6};
        assertThatThrownBy(() -> Tolerance.F32.assertClose("y", Shape.of(2, 3), expected, actual))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("y: 1 of 6 elements outside float32")
                .hasMessageContaining("max abs difference 0.0100 at [1, 0] (expected 4.0, got 4.0")
                .hasMessageContaining("max|expected| 6.000");
    }

    @Test
    void smallDifferencesPassAndNaNNeverDoes() {
        Difference d = Tolerance.F32.compare(new float[] {100, 0}, new float[] {100.0005f, 0.0008f});
        assertThat(d.passes()).isTrue();
        assertThat(d.maxAbs()).isCloseTo(0.0008, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Tolerance.F32.compare(new float[] {1}, new float[] {Float.NaN}).passes()).isFalse();
        assertThat(Tolerance.F32.compare(new float[] {1}, new float[] {1, 2}).passes()).isFalse();
    }
}
