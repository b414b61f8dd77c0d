package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Winograd's F(2x2, 3x3) form ({@link Winograd}, {@link ReferenceWinograd}): a hand-computed
 * case, the error bound the class states against a double-precision direct convolution on
 * seeded random problems, and which plans it applies to.
 */
class WinogradTest {
    @Test
    void aHandComputedTile() {
        // x = 1..16 in a 4 x 4 plane, a 3 x 3 filter of ones, no padding: each output is the sum of
        // its window, 54 = 1+2+3+5+6+7+9+10+11 at the top left.
        ConvPlan p = plan(1, 1, 4, 4, 0);
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        float[] w = new float[9];
        java.util.Arrays.fill(w, 1f);
        float[] y = new float[4];
        new ReferenceWinograd().forward(p, 1, x, null, Winograd.transformFilters(p, w), new float[] {0.5f}, y, null);
        assertThat(y).containsExactly(54.5f, 63.5f, 90.5f, 99.5f);
        new ReferenceWinograd().forward(p, 1, x, null, Winograd.transformFilters(p, w), new float[] {-95f}, y, y);
        assertThat(y).containsExactly(0f, 0f, 0f, 4f);
    }

    @Test
    void transformsTheFiltersInDouble() {
        // U = G g Gᵀ for g = e_00 (1 at the top left): row and column (1, ½, ½, 0).
        ConvPlan p = plan(1, 1, 4, 4, 0);
        float[] w = new float[9];
        w[0] = 1f;
        float[] u = Winograd.transformFilters(p, w);
        float[] expected = {1, 0.5f, 0.5f, 0, 0.5f, 0.25f, 0.25f, 0, 0.5f, 0.25f, 0.25f, 0, 0, 0, 0, 0};
        for (int xi = 0; xi < 16; xi++) {
            assertThat(u[xi * Winograd.BLOCK]).as("xi %d", xi).isEqualTo(expected[xi]);
        }
    }

    /**
     * {@code |y - exact| <= (C + 8) u (S + |bias|)} element by element, with {@code S} the same
     * computation on absolute values (both in double), on random problems whose sums cancel. The
     * bound is a worst case: the errors seen are 0.2-1.5% of it (they add up like a random walk,
     * the bound linearly). The outputs also hold {@code Tolerance.F32_WINOGRAD} against the exact
     * values, the tolerance the golden tests hold against PyTorch.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void staysWithinItsErrorBound(int seed) {
        Random r = new Random(seed);
        int channels = new int[] {8, 16, 32, 64, 13}[seed - 1];
        ConvPlan p = plan(channels, 9, 11, 14, 1);
        int n = 2;
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        float[] y = new float[n * p.outputSize()];
        new ReferenceWinograd().forward(p, n, x, null, Winograd.transformFilters(p, w), bias, y, null);
        double u = Math.ulp(1f) / 2;
        double worst = 0;
        double[] exacts = new double[y.length];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < p.filters; f++) {
                for (int oy = 0; oy < p.outH; oy++) {
                    for (int ox = 0; ox < p.outW; ox++) {
                        double exact = bias[f];
                        for (int c = 0; c < channels; c++) {
                            for (int k = 0; k < 9; k++) {
                                exact += (double) w[(f * channels + c) * 9 + k] * input(p, x, i, c, oy + k / 3 - 1, ox + k % 3 - 1);
                            }
                        }
                        double bound = (channels + 8) * u * (absoluteWinograd(p, x, w, i, f, oy, ox) + Math.abs(bias[f]));
                        int at = ((i * p.filters + f) * p.outH + oy) * p.outW + ox;
                        exacts[at] = exact;
                        double error = Math.abs(y[at] - exact);
                        worst = Math.max(worst, error / bound);
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1).isGreaterThan(0);
        double[] actual = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            actual[j] = y[j];
        }
        org.convlab.tensor.Tolerance.F32_WINOGRAD.assertClose("Winograd against the exact convolution", exacts, actual);
    }

    @Test
    void appliesToStrideOneThreeByThreeLayersWithEnoughChannels() {
        assertThat(Winograd.applies(plan(32, 16, 28, 28, 1))).isTrue();
        assertThat(Winograd.applies(plan(8, 8, 5, 5, 0))).isTrue();
        assertThat(Winograd.applies(plan(3, 32, 32, 32, 1))).as("3 input channels").isFalse();
        assertThat(Winograd.applies(plan(32, 4, 28, 28, 1))).as("4 filters").isFalse();
        assertThat(Winograd.applies(ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 9)
                .kernel(3).stride(2).build()))).as("stride 2").isFalse();
        assertThat(Winograd.applies(ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 9)
                .kernel(3).dilation(2).build()))).as("dilation 2").isFalse();
        assertThat(Winograd.applies(ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 9)
                .kernel(5).build()))).as("5x5").isFalse();
        assertThat(Winograd.applies(ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 9)
                .kernel(3).groups(2).build()))).as("two groups").isFalse();
        assertThat(Winograd.applies(ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 9)
                .kernel(3).padding(1).paddingMode(PaddingMode.REFLECT).build()))).as("reflect padding").isFalse();
    }

    /** {@code S}: Aᵀ [sum_c |U_c| ⊙ (|Bᵀ| |d_c| |B|)] A for output (oy, ox) of filter f, in double. */
    private static double absoluteWinograd(ConvPlan p, float[] x, float[] w, int i, int f, int oy, int ox) {
        int ty = oy / 2;
        int tx = ox / 2;
        double[][] bt = {{1, 0, 1, 0}, {0, 1, 1, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}};
        double[][] g = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}, {0, 0, 1}};
        double[][] at = {{1, 1, 1, 0}, {0, 1, 1, 1}};
        double[][] m = new double[4][4];
        for (int c = 0; c < p.channels; c++) {
            double[][] d = new double[4][4];
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    d[a][b] = Math.abs(input(p, x, i, c, 2 * ty + a - 1, 2 * tx + b - 1));
                }
            }
            double[][] kernel = new double[3][3];
            for (int k = 0; k < 9; k++) {
                kernel[k / 3][k % 3] = Math.abs(w[(f * p.channels + c) * 9 + k]);
            }
            double[][] v = times(times(bt, d), transpose(bt));
            double[][] u = times(times(g, kernel), transpose(g));
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    m[a][b] += u[a][b] * v[a][b];
                }
            }
        }
        return times(times(at, m), transpose(at))[oy % 2][ox % 2];
    }

    static double input(ConvPlan p, float[] x, int i, int c, int row, int col) {
        boolean inside = row >= 0 && row < p.height && col >= 0 && col < p.width;
        return inside ? x[((i * p.channels + c) * p.height + row) * p.width + col] : 0;
    }

    static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        IntStream.range(0, a.length).forEach(i -> IntStream.range(0, a[0].length).forEach(j -> t[j][i] = a[i][j]));
        return t;
    }

    static ConvPlan plan(int channels, int filters, int h, int w, int padding) {
        return ConvPlan.of(ConvGeometry.builder().inChannels(channels).outChannels(filters).size(h, w).kernel(3)
                .padding(new Padding.Explicit(new int[] {padding, padding}, new int[] {padding, padding})).build());
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
