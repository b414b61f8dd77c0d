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
 * The bias gradient the weight-gradient pass sums from the transposed output gradient
 * ({@link DirectWeightGrad#channelSums}) is, bit for bit, each channel plane's sum in its fixed
 * order, at every width (this class runs in the 128- and 512-bit executions too).
 */
class ChannelSumsTest {
    /**
     * Output gradients of 1 to 40 channels (partial vectors and several channel blocks at every
     * width), planes of 1 to 117 positions (with and without a tail past a multiple of 8), height
     * stride 1 (padded coordinates in the transpose) and 2, masked by a rectifier's output or not.
     */
    static Stream<Arguments> biasShapes() {
        Random r = new Random(7);
        int[] channels = {1, 3, 10, 16, 17, 32, 33, 40};
        return IntStream.range(0, 32).mapToObj(i -> Arguments.of(i, channels[i % channels.length],
                1 + r.nextInt(9), 1 + r.nextInt(13), 1 + r.nextInt(3), 1 + r.nextInt(2), r.nextBoolean()));
    }

    @ParameterizedTest(name = "#{0}: F={1} out {2}x{3} k={4} sh={5} rectified={6}")
    @MethodSource("biasShapes")
    void biasGradientIsEachPlanesSumInItsFixedOrder(int seed, int f, int outH, int outW, int k, int sh,
                                                    boolean rectified) {
        Random r = new Random(seed);
        int images = 1 + seed % 3;
        int c = 2;
        int h = (outH - 1) * sh + k;
        int w = outW + k - 1;
        Correlation g = new Correlation(c, h, w, 0, 0, PaddingMode.ZEROS, f, outH, outW, k, k, 1, 1, sh);
        int plane = outH * outW;
        float[] x = SimdGemmTest.random(r, images * c * h * w);
        float[] dy = SimdGemmTest.random(r, images * f * plane);
        float[] output = rectified ? SimdGemmTest.random(r, images * f * plane) : null;
        float[] start = SimdGemmTest.random(r, f);
        float[] expected = start.clone();
        for (int n = 0; n < images; n++) {
            for (int o = 0; o < f; o++) {
                // Position p into partial sum p mod 8, the eight in order, then the tail.
                float[] partial = new float[8];
                int base = (n * f + o) * plane;
                int bound = plane - plane % 8;
                for (int p = 0; p < bound; p++) {
                    partial[p % 8] += gradient(dy, output, base + p);
                }
                float sum = partial[0] + partial[1] + partial[2] + partial[3] + partial[4] + partial[5]
                        + partial[6] + partial[7];
                for (int p = bound; p < plane; p++) {
                    sum += gradient(dy, output, base + p);
                }
                expected[o] += sum;
            }
        }

        float[] sums = start.clone();
        DirectWeightGrad.images(g, 0, images, x, c * h * w, 0, dy, output, f * plane, 0, new float[g.paddedSize()],
                new float[DirectWeightGrad.channelsLastSize(g)], new float[DirectWeightGrad.transposedSize(g)],
                new float[f * plane],
                new float[DirectWeightGrad.tilesSize(g)], sums);

        assertThat(sums).isEqualTo(expected);
    }

    private static float gradient(float[] dy, float[] output, int i) {
        return output == null || output[i] > 0f ? dy[i] : 0f;
    }
}
