package org.convlab.lab.equivariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The equivariance error's definition on hand-made single-channel maps (moved here from the web
 * explorer, which now uses this class): the zero-filled strip, the interior, the conventions.
 */
class EquivarianceErrorMapsTest {
    /** The whole-canvas error of f(Tx) = shifted against f(x) = base, maps (h, w). */
    private static double whole(float[] shifted, float[] base, int h, int w, int dy, int dx) {
        return EquivarianceError.measure(Tensor.wrap(base, 1, h, w), Tensor.wrap(shifted, 1, h, w), dy, dx, 0).whole();
    }

    /** The interior error with margin {@code m}. */
    private static double interior(float[] shifted, float[] base, int h, int w, int dy, int dx, int m) {
        return EquivarianceError.measure(Tensor.wrap(base, 1, h, w), Tensor.wrap(shifted, 1, h, w), dy, dx, m)
                .interior();
    }

    /** A (h, w) map with value f(r, c). */
    private static float[] map(int h, int w, java.util.function.IntBinaryOperator f) {
        float[] m = new float[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                m[r * w + c] = f.applyAsInt(r, c);
            }
        }
        return m;
    }

    /** base shifted by (dy, dx) with zero fill: what an exactly equivariant map gives. */
    private static float[] shift(float[] base, int h, int w, int dy, int dx) {
        float[] out = new float[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int sr = r - dy;
                int sc = c - dx;
                out[r * w + c] = sr >= 0 && sr < h && sc >= 0 && sc < w ? base[sr * w + sc] : 0;
            }
        }
        return out;
    }

    @Test
    void anExactlyShiftedMapHasNoErrorAnywhere() {
        float[] base = map(6, 7, (r, c) -> 1 + r * 7 + c);
        float[] moved = shift(base, 6, 7, 1, 2);
        assertThat(whole(moved, base, 6, 7, 1, 2)).isZero();
        assertThat(interior(moved, base, 6, 7, 1, 2, 1)).isZero();
    }

    @Test
    void theWholeCanvasCountsTheStripTheShiftFillsWithZeros() {
        // f is the constant 1: f(Tx) = 1 everywhere, T f(x) = 1 except the first column (zero fill)
        float[] ones = map(4, 4, (r, c) -> 1);
        double whole = whole(ones, ones, 4, 4, 0, 1);
        assertThat(whole).isCloseTo(Math.sqrt(4.0 / 16.0), within(1e-12));
        // the interior with margin 1: rows 1..2, columns with c - 1 in 1..2 and c in 1..2: column 2 only
        assertThat(interior(ones, ones, 4, 4, 0, 1, 1)).isZero();
    }

    @Test
    void theInteriorKeepsPixelsWhoseSourceIsAlsoAwayFromTheBorder() {
        // 8 x 8, shift (2, 1), margin 2: rows r in 2..5 with r - 2 in 2..5 -> 4..5; columns 2..5 with c - 1 in 2..5 -> 3..5
        float[] base = new float[64];
        float[] shifted = new float[64];
        shifted[4 * 8 + 3] = 3; // inside R, source (2, 2) is 0 in base: difference 3
        shifted[0] = 100;       // outside R: ignored
        shifted[3 * 8 + 3] = 50; // row 3: its source row 1 is too close to the border: ignored
        base[2 * 8 + 2] = 0;
        shifted[5 * 8 + 5] = 4; // inside R, source (3, 4)
        base[3 * 8 + 4] = 4;    // equal: no difference
        double e = interior(shifted, base, 8, 8, 2, 1, 2);
        assertThat(e).isCloseTo(3.0 / 5.0, within(1e-12)); // ||(3, 0)|| / ||(3, 4)||
    }

    @Test
    void conventionsForZeroNormsAndEmptyRegions() {
        float[] zeros = new float[16];
        float[] ones = map(4, 4, (r, c) -> 1);
        assertThat(whole(zeros, zeros, 4, 4, 1, 1)).isZero();
        assertThat(whole(zeros, ones, 4, 4, 0, 0)).isInfinite();
        assertThat(interior(ones, ones, 4, 4, 3, 3, 1)).isNaN();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aRandomMapIsFarFromEquivariantAndTheErrorIsScaleFree(long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[100];
        float[] b = new float[100];
        for (int i = 0; i < 100; i++) {
            a[i] = rnd.nextFloat();
            b[i] = rnd.nextFloat();
        }
        double e = interior(a, b, 10, 10, 1, 2, 1);
        assertThat(e).isBetween(0.2, 2.0);
        float[] a3 = a.clone();
        float[] b3 = b.clone();
        for (int i = 0; i < 100; i++) {
            a3[i] *= 4;
            b3[i] *= 4;
        }
        assertThat(interior(a3, b3, 10, 10, 1, 2, 1)).isCloseTo(e, within(1e-6));
    }
}
