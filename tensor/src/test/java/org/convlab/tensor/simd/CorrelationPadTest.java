package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.algebra.PaddingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Correlation#pad} against its definition, for rows narrower and wider than a vector, every
 * mode; and zero padding with borders wider than a vector and rows cropped on either side.
 */
class CorrelationPadTest {
    static Stream<Arguments> images() {
        Random r = new Random(11);
        return IntStream.range(0, 60).mapToObj(i -> Arguments.of(i, 1 + r.nextInt(3), 1 + r.nextInt(6), 1 + r.nextInt(40),
                r.nextInt(3), r.nextInt(3), PaddingMode.values()[r.nextInt(PaddingMode.values().length)]));
    }

    @ParameterizedTest(name = "#{0}: {1} x {2} x {3}, pad {4},{5}, {6}")
    @MethodSource("images")
    void padsAsTheModeSays(int seed, int channels, int h, int w, int padTop, int padLeft, PaddingMode mode) {
        int k = 3;
        int outH = h + 2 * padTop - k + 1;
        int outW = w + 2 * padLeft - k + 1;
        if (outH < 1 || outW < 1 || mode != PaddingMode.ZEROS && (padTop >= h || padLeft >= w)) {
            return; // no output, or more padding than a reflection allows
        }
        Correlation g = new Correlation(channels, h, w, padTop, padLeft, mode, 1, outH, outW, k, k, 1, 1, 1);
        Random r = new Random(seed);
        float[] x = new float[5 + channels * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        assertPadded(g, x, channels, h, w, padTop, padLeft, mode);
        assertPaddedAgain(g, x, new Random(seed + 1));
    }

    /**
     * Geometries a convolution can have: the padded rows start at most {@code padLeft} before
     * the image (a negative one crops it) and reach past it by any width (up to 60 columns).
     */
    static Stream<Arguments> wideZeroBorders() {
        Random r = new Random(12);
        return IntStream.range(0, 80).mapToObj(i -> {
            int kH = 1 + r.nextInt(3);
            int kW = 1 + r.nextInt(9);
            int outH = 1 + r.nextInt(4);
            int outW = 1 + r.nextInt(60);
            int paddedH = outH + kH - 1;
            int paddedW = outW + kW - 1;
            return Arguments.of(i, 1 + r.nextInt(3), 1 + r.nextInt(5), 1 + r.nextInt(50),
                    r.nextInt(paddedH + 2) - 2, r.nextInt(Math.min(45, paddedW + 4)) - 4, outH, outW, kH, kW);
        });
    }

    @ParameterizedTest(name = "#{0}: {1} x {2} x {3}, pad {4},{5}, out {6} x {7}, kernel {8} x {9}")
    @MethodSource("wideZeroBorders")
    void zeroBordersOfAnyWidth(int seed, int channels, int h, int w, int padTop, int padLeft, int outH, int outW,
                               int kH, int kW) {
        Correlation g = new Correlation(channels, h, w, padTop, padLeft, PaddingMode.ZEROS, 1, outH, outW, kH, kW, 1, 1, 1);
        float[] x = SimdGemmTest.random(new Random(seed), 5 + channels * h * w);
        assertPadded(g, x, channels, h, w, padTop, padLeft, PaddingMode.ZEROS);
        assertPaddedAgain(g, x, new Random(seed + 1));
    }

    /**
     * {@link Correlation#padded} of {@code x} and then of another image gives {@link Correlation#pad}'s
     * floats for the second, slack included: with zero padding only the interior is written into the
     * thread's own buffer, and the first image must leave nothing behind.
     */
    private static void assertPaddedAgain(Correlation g, float[] x, Random r) {
        float[] scratch = new float[g.paddedSize()];
        java.util.Arrays.fill(scratch, Float.NaN);
        g.padded(x, 5, scratch);
        float[] second = SimdGemmTest.random(r, x.length);
        float[] actual = g.padded(second, 5, scratch);
        float[] expected = new float[g.paddedSize()];
        g.pad(second, 5, expected);
        assertThat(java.util.Arrays.copyOf(actual, g.paddedSize())).containsExactly(expected);
        assertThat(actual == scratch).as("scratch used").isEqualTo(g.mode != PaddingMode.ZEROS);
    }

    /** Pads {@code x} from index 5 into a NaN-filled buffer at 3 and checks every float and the slack. */
    private static void assertPadded(Correlation g, float[] x, int channels, int h, int w, int padTop, int padLeft,
                                     PaddingMode mode) {
        float[] xpad = new float[g.paddedSize() + 3];
        java.util.Arrays.fill(xpad, Float.NaN);
        g.pad(x, 5, xpad, 3);
        assertThat(java.util.Arrays.copyOf(xpad, 3)).as("before the padded image").containsOnly(Float.NaN);
        for (int c = 0; c < channels; c++) {
            for (int pr = 0; pr < g.paddedH; pr++) {
                for (int pc = 0; pc < g.paddedW; pc++) {
                    int sr = mode.sourceIndex(pr - padTop, h);
                    int sc = mode.sourceIndex(pc - padLeft, w);
                    float expected = sr < 0 || sc < 0 ? 0f : x[5 + (c * h + sr) * w + sc];
                    assertThat(xpad[3 + (c * g.paddedH + pr) * g.paddedW + pc]).as("c %d row %d col %d", c, pr, pc)
                            .isEqualTo(expected);
                }
            }
        }
        for (int s = 0; s < Correlation.SLACK; s++) {
            assertThat(xpad[3 + channels * g.paddedH * g.paddedW + s]).as("slack").isZero();
        }
    }
}
