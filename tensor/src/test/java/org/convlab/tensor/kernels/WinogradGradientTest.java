package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.convlab.tensor.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weight gradient in Winograd's form ({@link WinogradGradient}, {@link ReferenceWinograd}): a
 * hand-computed case, the error bound the class states against a double-precision direct
 * gradient on seeded random problems, and which plans it applies to.
 */
class WinogradGradientTest {
    @Test
    void aHandComputedGradient() {
        // 16 channels of 4 x 4 and 8 filters, no padding (the fewest the form applies to): channel
        // 0 holds 1..16, the others 0; filter 0's output gradient is ones over its 2 x 2 output,
        // the others' 0. So filter 0's gradient for channel 0 is the sum of the four inputs each
        // weight meets, 1+2+5+6 = 14 at the top left, 4 more a column to the right, 16 more a row
        // down; every other gradient is 0. All are added to a gradient of 1.
        ConvPlan p = WinogradTest.plan(16, 8, 4, 4, 0);
        float[] x = new float[p.inputSize()];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        float[] dy = new float[p.outputSize()];
        java.util.Arrays.fill(dy, 0, 4, 1f);
        float[] dw = new float[p.weightSize()];
        java.util.Arrays.fill(dw, 1f);
        new ReferenceWinograd().weightGradient(p, 1, x, dy, null, dw, new Workspace());
        assertThat(java.util.Arrays.copyOf(dw, 9)).containsExactly(15, 19, 23, 31, 35, 39, 47, 51, 55);
        assertThat(java.util.Arrays.copyOfRange(dw, 9, dw.length)).containsOnly(1f);
        // Masked by a rectifier's output: only the bottom right output's gradient counts.
        java.util.Arrays.fill(dw, 0f);
        float[] rectified = new float[p.outputSize()];
        System.arraycopy(new float[] {0, -1, Float.NaN, 2}, 0, rectified, 0, 4);
        new ReferenceWinograd().weightGradient(p, 1, x, dy, rectified, dw, new Workspace());
        assertThat(java.util.Arrays.copyOf(dw, 9)).containsExactly(6, 7, 8, 10, 11, 12, 14, 15, 16);
        assertThat(java.util.Arrays.copyOfRange(dw, 9, dw.length)).containsOnly(0f);
    }

    @Test
    void refusesAPlanItDoesNotApplyTo() {
        ConvPlan p = WinogradTest.plan(8, 8, 4, 4, 1);
        assertThatThrownBy(() -> new ReferenceWinograd().weightGradient(p, 1, new float[p.inputSize()],
                new float[p.outputSize()], null, new float[p.weightSize()], new Workspace()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not apply");
    }

    /**
     * {@code |dw - exact| <= (N T + 6) u S} element by element (both in double), {@code S} the same
     * sum on absolute values; the errors seen are far below it (a random walk against a linear
     * bound). The gradients also hold {@code Tolerance.F32_WINOGRAD} against the exact values.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void staysWithinItsErrorBound(int seed) {
        Random r = new Random(seed);
        int channels = new int[] {16, 32, 17, 40}[seed - 1];
        ConvPlan p = WinogradTest.plan(channels, 9, 11, 14, seed % 2);
        int n = 3 + seed;
        float[] x = WinogradTest.random(r, n * p.inputSize());
        float[] dy = WinogradTest.random(r, n * p.outputSize());
        float[] dw = new float[p.weightSize()];
        new ReferenceWinograd().weightGradient(p, n, x, dy, null, dw, new Workspace());
        double u = Math.ulp(1f) / 2;
        int terms = n * Winograd.tileRows(p) * Winograd.tileColumns(p);
        double[] exact = new double[dw.length];
        double[] actual = new double[dw.length];
        double worst = 0;
        for (int f = 0; f < p.filters; f++) {
            for (int c = 0; c < channels; c++) {
                double[][] s = absoluteWinograd(p, x, dy, n, f, c);
                for (int k = 0; k < 9; k++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        for (int oy = 0; oy < p.outH; oy++) {
                            for (int ox = 0; ox < p.outW; ox++) {
                                sum += dy[((i * p.filters + f) * p.outH + oy) * p.outW + ox]
                                        * WinogradTest.input(p, x, i, c, oy + k / 3 - p.padTop, ox + k % 3 - p.padLeft);
                            }
                        }
                    }
                    int at = (f * channels + c) * 9 + k;
                    exact[at] = sum;
                    actual[at] = dw[at];
                    double bound = (terms + 6) * u * s[k / 3][k % 3];
                    worst = Math.max(worst, Math.abs(dw[at] - sum) / bound);
                }
            }
        }
        assertThat(worst).isLessThan(1).isGreaterThan(0);
        Tolerance.F32_WINOGRAD.assertClose("Winograd's weight gradient against the exact one", exact, actual);
    }

    @Test
    void appliesWhereTheForwardFormDoesWithSixteenChannels() {
        assertThat(WinogradGradient.applies(WinogradTest.plan(32, 16, 28, 28, 1))).isTrue();
        assertThat(WinogradGradient.applies(WinogradTest.plan(16, 8, 5, 5, 0))).isTrue();
        assertThat(WinogradGradient.applies(WinogradTest.plan(15, 16, 28, 28, 1))).as("15 channels").isFalse();
        assertThat(WinogradGradient.applies(WinogradTest.plan(32, 4, 28, 28, 1))).as("4 filters").isFalse();
        assertThat(WinogradGradient.applies(WinogradTest.plan(3, 32, 32, 32, 1))).as("3 channels").isFalse();
        assertThat(WinogradGradient.applies(WinogradTest.plan(64, 64, 224, 224, 1))).isTrue();
    }

    /** {@code S = |G|ᵀ [sum |A| |dY| |A|ᵀ ⊙ |Bᵀ| |d| |B|] |G|} of filter f and channel c, in double. */
    private static double[][] absoluteWinograd(ConvPlan p, float[] x, float[] dy, int n, int f, int c) {
        double[][] bt = {{1, 0, 1, 0}, {0, 1, 1, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}};
        double[][] a = {{1, 0}, {1, 1}, {1, 1}, {0, 1}};
        double[][] g = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}, {0, 0, 1}};
        double[][] m = new double[4][4];
        for (int i = 0; i < n; i++) {
            for (int ty = 0; ty < Winograd.tileRows(p); ty++) {
                for (int tx = 0; tx < Winograd.tileColumns(p); tx++) {
                    double[][] d = new double[4][4];
                    for (int r = 0; r < 4; r++) {
                        for (int col = 0; col < 4; col++) {
                            d[r][col] = Math.abs(WinogradTest.input(p, x, i, c, 2 * ty + r - p.padTop,
                                    2 * tx + col - p.padLeft));
                        }
                    }
                    double[][] e = new double[2][2];
                    for (int r = 0; r < 2; r++) {
                        for (int col = 0; col < 2; col++) {
                            int oy = 2 * ty + r;
                            int ox = 2 * tx + col;
                            e[r][col] = oy < p.outH && ox < p.outW
                                    ? Math.abs(dy[((i * p.filters + f) * p.outH + oy) * p.outW + ox]) : 0;
                        }
                    }
                    double[][] v = WinogradTest.times(WinogradTest.times(bt, d), WinogradTest.transpose(bt));
                    double[][] yhat = WinogradTest.times(WinogradTest.times(a, e), WinogradTest.transpose(a));
                    for (int r = 0; r < 4; r++) {
                        for (int col = 0; col < 4; col++) {
                            m[r][col] += yhat[r][col] * v[r][col];
                        }
                    }
                }
            }
        }
        return WinogradTest.times(WinogradTest.times(WinogradTest.transpose(g), m), g);
    }
}
