package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    private static final Offset<Float> TIGHT = Offset.offset(1e-6f);

    @Test
    void handComputedMeanAndStdPerChannel() {
        // Two images of 2 channels x 1 x 2: channel 0 holds 0, 255, 0, 255; channel 1 is constant 51.
        byte[] pixels = {0, (byte) 255, 51, 51, 0, (byte) 255, 51, 51};
        ImageSet set = ImageSet.of(pixels, new byte[] {0, 1}, 2, 1, 2, List.of("a", "b"));
        Normalization n = Normalization.compute(set, "test");
        assertThat(n.mean()[0]).isCloseTo(0.5f, TIGHT);
        assertThat(n.std()[0]).isCloseTo(0.5f, TIGHT);
        assertThat(n.mean()[1]).isCloseTo(0.2f, TIGHT);
        assertThat(n.std()[1]).isEqualTo(1f); // constant channel: std 1 instead of 0
        assertThat(n.apply(0, 255)).isCloseTo(1f, TIGHT);
        assertThat(n.apply(0, 0)).isCloseTo(-1f, TIGHT);
    }

    @Test
    void valuesAreTorchvisionsFloat32Formula() {
        Normalization n = Normalization.of(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2023f, 0.1994f, 0.2010f});
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 256; p++) {
                float expected = ((float) p / 255f - n.mean()[c]) / n.std()[c];
                assertThat(n.apply(c, p)).isEqualTo(expected);
            }
        }
        assertThat(n.toString()).isEqualTo("mean (0.4914, 0.4822, 0.4465), std (0.2023, 0.1994, 0.2010) (given)");
    }

    @Test
    void computedOnAViewUsesOnlyThatView() {
        byte[] pixels = new byte[40];
        new Random(3).nextBytes(pixels);
        ImageSet all = ImageSet.of(pixels, new byte[10], 1, 2, 2, List.of("x"));
        ImageSet tail = all.range(6, 10);
        double sum = 0;
        for (int i = 24; i < 40; i++) {
            sum += pixels[i] & 0xff;
        }
        assertThat(Normalization.compute(tail, "t").mean()[0]).isCloseTo((float) (sum / 16 / 255), TIGHT);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> Normalization.of(new float[] {0.5f}, new float[] {0f}))
                .hasMessageStartingWith("std: expected positive finite values");
        assertThatThrownBy(() -> Normalization.of(new float[] {0.5f, 0.1f}, new float[] {1f}))
                .hasMessageStartingWith("std: expected one value per channel");
        assertThatThrownBy(() -> Normalization.of(new float[] {Float.NaN}, new float[] {1f}))
                .hasMessageStartingWith("mean: expected finite values");
    }
}
