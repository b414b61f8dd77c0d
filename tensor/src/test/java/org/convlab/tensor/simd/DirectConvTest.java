package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.FloatAssertions.assertClose;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.algebra.PaddingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DirectConvTest {

    @Test
    void sumsAThreeByThreeWindowByHand() {
        // One 3x3 input, one all-ones 3x3 filter, padding 1: each output is the sum of its
        // neighbourhood; the centre sees all nine values 1..9.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Correlation g = new Correlation(1, 3, 3, 1, 1, PaddingMode.ZEROS, 1, 3, 3, 3, 3, 1, 1, 1);
        float[] y = forward(g, x, w, new float[] {0.5f});
        assertThat(y).containsExactly(12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f);
    }

    static Stream<Arguments> shapes() {
        Random r = new Random(99);
        int[] channelCounts = {1, 2, 3, 4, 5, 7, 16};
        return IntStream.range(0, 120).mapToObj(i -> {
            int c = channelCounts[r.nextInt(channelCounts.length)];
            int f = channelCounts[r.nextInt(channelCounts.length)];
            return geometry(r, i, c, f, true);
        });
    }

    /**
     * Case {@code i}: {@code c} input and {@code f} output channels, a random kernel of 1-5 x 1-5,
     * dilations 1-2, an image it fits, a padding mode and its padding, and height stride 1-2 when
     * {@code strided} (else 1).
     */
    private static Arguments geometry(Random r, int i, int c, int f, boolean strided) {
        return geometry(r, i, c, f, strided, 0);
    }

    /** {@link #geometry(Random, int, int, int, boolean)} with {@code kw} columns in the kernel unless it is 0. */
    private static Arguments geometry(Random r, int i, int c, int f, boolean strided, int fixedKw) {
        PaddingMode[] modes = PaddingMode.values();
        int kh = 1 + r.nextInt(5);
        int drawnKw = 1 + r.nextInt(5);
        int kw = fixedKw > 0 ? fixedKw : drawnKw;
        int dh = 1 + r.nextInt(2);
        int dw = 1 + r.nextInt(2);
        int h = (kh - 1) * dh + 1 + r.nextInt(12);
        int w = (kw - 1) * dw + 1 + r.nextInt(20);
        PaddingMode mode = modes[r.nextInt(modes.length)];
        int maxPad = mode == PaddingMode.REFLECT ? Math.min(h, w) - 1 : 3;
        int pt = r.nextInt(maxPad + 1);
        int pl = r.nextInt(maxPad + 1);
        int sh = strided ? 1 + r.nextInt(2) : 1;
        return Arguments.of(i, c, f, h, w, kh, kw, dh, dw, sh, pt, pl, mode);
    }

    @ParameterizedTest(name = "#{0}: C={1} F={2} {3}x{4} k={5}x{6} d={7},{8} sh={9} pad={10},{11} {12}")
    @MethodSource("shapes")
    void forwardMatchesTheDirectLoops(int seed, int c, int f, int h, int w, int kh, int kw, int dh, int dw, int sh,
                                      int pt, int pl, PaddingMode mode) {
        Random r = new Random(seed);
        int outH = (h + 2 * pt - (kh - 1) * dh - 1) / sh + 1;
        int outW = w + 2 * pl - (kw - 1) * dw;
        float[] x = random(r, c * h * w);
        float[] wt = random(r, f * c * kh * kw);
        float[] bias = random(r, f);
        Correlation g = new Correlation(c, h, w, pt, pl, mode, f, outH, outW, kh, kw, dh, dw, sh);
        float[] expected = new float[f * outH * outW];
        for (int o = 0; o < f; o++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double s = bias[o];
                    for (int ci = 0; ci < c; ci++) {
                        for (int ki = 0; ki < kh; ki++) {
                            int iy = mode.sourceIndex(oy * sh + ki * dh - pt, h);
                            for (int kj = 0; kj < kw; kj++) {
                                int ix = mode.sourceIndex(ox + kj * dw - pl, w);
                                if (iy >= 0 && ix >= 0) {
                                    s += (double) wt[((o * c + ci) * kh + ki) * kw + kj] * x[(ci * h + iy) * w + ix];
                                }
                            }
                        }
                    }
                    expected[(o * outH + oy) * outW + ox] = (float) s;
                }
            }
        }
        assertClose(expected, forward(g, x, wt, bias), Tolerances.dot(c * kh * kw, 1f), "forward " + g.taps() + " taps");
    }

    @ParameterizedTest(name = "#{0}: C={1} F={2} {3}x{4} k={5}x{6} d={7},{8} pad={10},{11}")
    @MethodSource("shapes")
    void inputGradientMatchesTheDirectLoops(int seed, int c, int f, int h, int w, int kh, int kw, int dh, int dw, int sh,
                                            int pt, int pl, PaddingMode mode) {
        Random r = new Random(seed);
        int outH = h + 2 * pt - (kh - 1) * dh;
        int outW = w + 2 * pl - (kw - 1) * dw;
        float[] wt = random(r, f * c * kh * kw);
        float[] dy = random(r, f * outH * outW);
        double[] dx = new double[c * h * w];
        for (int o = 0; o < f; o++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int ci = 0; ci < c; ci++) {
                        for (int ki = 0; ki < kh; ki++) {
                            int iy = oy + ki * dh - pt;
                            for (int kj = 0; kj < kw; kj++) {
                                int ix = ox + kj * dw - pl;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    dx[(ci * h + iy) * w + ix] += (double) wt[((o * c + ci) * kh + ki) * kw + kj]
                                            * dy[(o * outH + oy) * outW + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] expected = new float[dx.length];
        for (int i = 0; i < dx.length; i++) {
            expected[i] = (float) dx[i];
        }
        Correlation g = new Correlation(f, outH, outW, (kh - 1) * dh - pt, (kw - 1) * dw - pl, PaddingMode.ZEROS,
                c, h, w, kh, kw, dh, dw, 1);
        float[] wp = new float[DirectConv.packedSize(g)];
        DirectConv.packFlippedFilters(g, wt, 0, wp, 0);
        float[] xpad = new float[g.paddedSize()];
        g.pad(dy, 0, xpad);
        float[] actual = new float[c * h * w];
        DirectConv.image(g, wp, 0, xpad, null, 0, actual, 0, new float[DirectConv.scratchSize(g)]);
        assertClose(expected, actual, Tolerances.dot(f * kh * kw, 1f), "input gradient " + g.taps() + " taps");
    }

    @ParameterizedTest(name = "#{0}: C={1} F={2} {3}x{4} k={5}x{6} d={7},{8} sh={9} pad={10},{11} {12}")
    @MethodSource("shapes")
    void weightGradientMatchesTheDirectLoops(int seed, int c, int f, int h, int w, int kh, int kw, int dh, int dw,
                                             int sh, int pt, int pl, PaddingMode mode) {
        Random r = new Random(seed);
        int images = 1 + seed % 3;
        Correlation g = correlation(c, f, h, w, kh, kw, dh, dw, sh, pt, pl, mode);
        float[] x = random(r, images * c * h * w);
        float[] dy = random(r, images * f * g.outPlane());
        float[] start = random(r, f * g.taps());
        float[] actual = weightGradient(g, DirectWeightGrad.inputChannelsInLanes(g), images, x, dy, start);
        assertClose(weightGradientByLoops(g, images, x, dy, start), actual,
                Tolerances.dot(images * g.outPlane(), 1f), "weight gradient");
    }

    /**
     * Layers of more than L output channels (two vectors of them, {@link WeightGradKernel#k2Lx4}
     * or, with a multiple of 5 taps and 32 registers, {@link WeightGradKernel#k2Lx5}; the sweep
     * above reaches them only at 128 and 256 bits): 1-3 input channels, half the cases with
     * 5-column kernels (5, 10, 15, ... taps).
     */
    static Stream<Arguments> wideOutputShapes() {
        Random r = new Random(23);
        int[] outputCounts = {17, 32, 33, 40};
        return IntStream.range(0, 24).mapToObj(i -> {
            int c = 1 + r.nextInt(3);
            int f = Math.max(outputCounts[r.nextInt(outputCounts.length)], Lanes.L + 1);
            return geometry(r, i, c, f, true, i % 2 == 1 ? 5 : 0);
        });
    }

    @ParameterizedTest(name = "#{0}: C={1} F={2} {3}x{4} k={5}x{6} d={7},{8} sh={9} pad={10},{11} {12}")
    @MethodSource("wideOutputShapes")
    void weightGradientOfTwoVectorsOfOutputChannelsMatchesTheDirectLoops(int seed, int c, int f, int h, int w, int kh,
                                                                         int kw, int dh, int dw, int sh, int pt, int pl,
                                                                         PaddingMode mode) {
        weightGradientMatchesTheDirectLoops(seed, c, f, h, w, kh, kw, dh, dw, sh, pt, pl, mode);
    }

    /** Layers of 2L, 4L or 6L input channels and at most L output channels, height stride 1. */
    static Stream<Arguments> inputLaneShapes() {
        Random r = new Random(17);
        int[] outputCounts = {1, 3, 8, 9, 12, 16};
        return IntStream.range(0, 40).mapToObj(i -> {
            int c = 2 * Lanes.L * (1 + r.nextInt(3));
            int f = Math.min(outputCounts[r.nextInt(outputCounts.length)], Lanes.L);
            return geometry(r, i, c, f, false);
        });
    }

    /**
     * The input channels in the lanes ({@link WeightGradKernel#k8x2Inputs}, 512 bits) give the bits
     * of the output channels in the lanes, and both the sums of the direct loops.
     */
    @ParameterizedTest(name = "#{0}: C={1} F={2} {3}x{4} k={5}x{6} d={7},{8} sh={9} pad={10},{11} {12}")
    @MethodSource("inputLaneShapes")
    void inputChannelsInTheLanesGiveTheSameBits(int seed, int c, int f, int h, int w, int kh, int kw, int dh, int dw,
                                                int sh, int pt, int pl, PaddingMode mode) {
        Correlation g = correlation(c, f, h, w, kh, kw, dh, dw, sh, pt, pl, mode);
        assumeTrue(Transpose16.available(), "16-lane vectors only");
        assertThat(DirectWeightGrad.inputChannelsInLanes(g) || g.paddedH * g.paddedW < 16).isTrue();
        assumeTrue(DirectWeightGrad.inputChannelsInLanes(g), "a padded plane of at least 16 positions");
        Random r = new Random(seed);
        int images = 1 + seed % 3;
        float[] x = random(r, images * c * h * w);
        float[] dy = random(r, images * f * g.outPlane());
        float[] start = random(r, f * g.taps());
        float[] inputLanes = weightGradient(g, true, images, x, dy, start);
        assertThat(inputLanes).isEqualTo(weightGradient(g, false, images, x, dy, start));
        assertClose(weightGradientByLoops(g, images, x, dy, start), inputLanes,
                Tolerances.dot(images * g.outPlane(), 1f), "weight gradient");
    }

    /**
     * The transposed padded input straight from the input is the padded copy transposed, float
     * for float: zero borders of 0-3, rows and columns the output does not reach cropped, the
     * border positions overwritten (the scratch is filled with garbage first).
     */
    @ParameterizedTest(name = "C={0} {1}x{2} k={3} d={4} pad={5},{6}")
    @CsvSource({
        "32, 28, 28, 3, 1, 1, 1", "32, 32, 32, 3, 1, 1, 1", "16, 16, 16, 1, 1, 0, 0", "48, 9, 17, 5, 1, 2, 0",
        "32, 7, 21, 3, 2, 3, 3", "64, 5, 16, 2, 1, 0, 1", "32, 12, 30, 4, 2, 1, 2",
    })
    void transposesTheUnpaddedInputAsThePaddedCopy(int c, int h, int w, int k, int d, int pt, int pl) {
        assumeTrue(Transpose16.available(), "16-lane vectors only");
        Correlation g = correlation(c, 8, h, w, k, k, d, d, 1, pt, pl, PaddingMode.ZEROS);
        assertThat(DirectWeightGrad.transposesUnpadded(g)).isTrue();
        Random r = new Random(c * 31 + h);
        int offset = 7;
        float[] x = random(r, offset + c * h * w);
        float[] xpad = new float[g.paddedSize()];
        g.pad(x, offset, xpad);
        int plane = g.paddedH * g.paddedW;
        float[] expected = new float[c * plane];
        for (int ci = 0; ci < c; ci++) {
            for (int p = 0; p < plane; p++) {
                expected[p * c + ci] = xpad[ci * plane + p];
            }
        }
        float[] actual = random(r, c * plane);
        DirectWeightGrad.transposePadded(g, x, offset, actual);
        assertThat(actual).containsExactly(expected);
    }

    private static Correlation correlation(int c, int f, int h, int w, int kh, int kw, int dh, int dw, int sh, int pt,
                                           int pl, PaddingMode mode) {
        int outH = (h + 2 * pt - (kh - 1) * dh - 1) / sh + 1;
        int outW = w + 2 * pl - (kw - 1) * dw;
        return new Correlation(c, h, w, pt, pl, mode, f, outH, outW, kh, kw, dh, dw, sh);
    }

    /** {@code start} plus the weight gradient of {@code images} images, through {@link DirectWeightGrad}. */
    private static float[] weightGradient(Correlation g, boolean inputLanes, int images, float[] x, float[] dy,
                                          float[] start) {
        int c = g.inChannels;
        int f = g.outChannels;
        float[] tiles = new float[DirectWeightGrad.tilesSize(g, inputLanes)];
        DirectWeightGrad.images(g, inputLanes, 0, images, x, c * g.inH * g.inW, 0, dy, null, f * g.outPlane(), 0,
                new float[g.paddedSize()], new float[inputLanes ? c * g.paddedH * g.paddedW : 0],
                new float[DirectWeightGrad.transposedSize(g)], null, tiles, null);
        float[] dw = start.clone();
        DirectWeightGrad.addTiles(g, inputLanes, tiles, dw, 0);
        return dw;
    }

    /** {@code start} plus the weight gradient, summed in double over the padded image's definition. */
    private static float[] weightGradientByLoops(Correlation g, int images, float[] x, float[] dy, float[] start) {
        int c = g.inChannels;
        int f = g.outChannels;
        int h = g.inH;
        int w = g.inW;
        int taps = g.taps();
        double[] sum = new double[f * taps];
        for (int n = 0; n < images; n++) {
            for (int o = 0; o < f; o++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        float d = dy[((n * f + o) * g.outH + oy) * g.outW + ox];
                        for (int ci = 0; ci < c; ci++) {
                            for (int ki = 0; ki < g.kernelH; ki++) {
                                int iy = g.mode.sourceIndex(oy * g.strideH + ki * g.dilationH - g.padTop, h);
                                for (int kj = 0; kj < g.kernelW; kj++) {
                                    int ix = g.mode.sourceIndex(ox + kj * g.dilationW - g.padLeft, w);
                                    if (iy >= 0 && ix >= 0) {
                                        sum[o * taps + (ci * g.kernelH + ki) * g.kernelW + kj] +=
                                                (double) d * x[((n * c + ci) * h + iy) * w + ix];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] expected = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            expected[i] = (float) (start[i] + sum[i]);
        }
        return expected;
    }

    private static float[] forward(Correlation g, float[] x, float[] w, float[] bias) {
        float[] wp = new float[DirectConv.packedSize(g)];
        DirectConv.packFilters(g, w, 0, wp, 0);
        float[] xpad = new float[g.paddedSize()];
        g.pad(x, 0, xpad);
        float[] y = new float[g.outChannels * g.outPlane()];
        DirectConv.image(g, wp, 0, xpad, bias, 0, y, 0, new float[DirectConv.scratchSize(g)]);
        return y;
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
