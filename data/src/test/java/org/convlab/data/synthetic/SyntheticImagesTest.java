package org.convlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.convlab.data.ImageSet;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;

class SyntheticImagesTest {
    private static final SyntheticOptions SMALL = new SyntheticOptions(1, 28, 600, 200, 5);

    @Test
    void sameSeedSameBytesWhateverTheCountOrThreads() {
        ImageSet a = SyntheticImages.train(SMALL);
        int threads = Parallel.threads();
        Parallel.setThreads(1);
        ImageSet b;
        try {
            b = SyntheticImages.train(new SyntheticOptions(1, 28, 300, 10, 5));
        } finally {
            Parallel.setThreads(threads);
        }
        for (int i = 0; i < 300; i++) {
            assertThat(b.image(i)).isEqualTo(a.image(i));
        }
        ImageSet other = SyntheticImages.train(new SyntheticOptions(1, 28, 600, 200, 6));
        assertThat(other.image(0)).isNotEqualTo(a.image(0));
        assertThat(SyntheticImages.test(SMALL).image(0)).isNotEqualTo(a.image(0));
    }

    @Test
    void balancedClassesNamedAfterTheGlyphs() {
        ImageSet a = SyntheticImages.train(SMALL);
        assertThat(a.classCounts()).containsOnly(60);
        assertThat(a.classNames()).hasSize(10).startsWith("ring", "disc");
        assertThat(a.label(13)).isEqualTo(3);
    }

    @Test
    void glyphsAreBrighterThanTheBackgroundAndMoveAround() {
        ImageSet a = SyntheticImages.train(SMALL);
        // Every image has a bright glyph on a darker background.
        long[] centreOfMassY = new long[a.size()];
        for (int i = 0; i < a.size(); i++) {
            int max = 0;
            long sum = 0;
            long wy = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int p = a.pixel(i, 0, y, x);
                    max = Math.max(max, p);
                    if (p > 110) {
                        sum += p;
                        wy += (long) p * y;
                    }
                }
            }
            assertThat(max).as("image %d", i).isGreaterThan(120);
            centreOfMassY[i] = sum == 0 ? 14 : wy / sum;
        }
        // Positions vary: glyph centres spread over many rows.
        assertThat(java.util.Arrays.stream(centreOfMassY).distinct().count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void rgbImagesHaveThreeChannelsAndColour() {
        SyntheticOptions rgb = new SyntheticOptions(3, 32, 50, 10, 1);
        ImageSet a = SyntheticImages.train(rgb);
        assertThat(a.imageShape()).containsExactly(3, 32, 32);
        boolean coloured = false;
        for (int i = 0; i < a.size() && !coloured; i++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int r = a.pixel(i, 0, y, x);
                    int g = a.pixel(i, 1, y, x);
                    coloured |= Math.abs(r - g) > 60;
                }
            }
        }
        assertThat(coloured).isTrue();
    }

    @Test
    void otherSizesWork() {
        ImageSet a = SyntheticImages.train(new SyntheticOptions(1, 12, 20, 10, 1));
        assertThat(a.height()).isEqualTo(12);
        ImageSet b = SyntheticImages.train(new SyntheticOptions(1, 64, 20, 10, 1));
        assertThat(b.width()).isEqualTo(64);
    }
}
