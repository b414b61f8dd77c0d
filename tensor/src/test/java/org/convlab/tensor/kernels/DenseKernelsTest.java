package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.convlab.tensor.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenseKernelsTest {
    private static final DenseKernels REFERENCE = new ReferenceDense();

    @Test
    void handComputed() {
        // x = [[1, 2]], w = [[1, 0], [1, 1], [0, -1]], bias = [0, 1, 2]
        float[] x = {1, 2};
        float[] w = {1, 0, 1, 1, 0, -1};
        for (DenseKernels k : new DenseKernels[] {REFERENCE, new GemmDense(new ReferenceGemm()), Kernels.dense()}) {
            float[] y = new float[3];
            k.forward(1, 2, 3, x, w, new float[] {0, 1, 2}, y);
            assertThat(y).containsExactly(1, 4, 0);
            float[] dx = new float[2];
            float[] dw = new float[6];
            float[] db = {1, 1, 1};
            k.backward(1, 2, 3, x, w, new float[] {1, 2, 3}, dx, dw, db);
            assertThat(dx).containsExactly(3, -1);
            assertThat(dw).containsExactly(1, 2, 2, 4, 3, 6);
            assertThat(db).containsExactly(2, 3, 4);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void fastKernelMatchesTheReferenceOnRandomShapes(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 20; t++) {
            int n = 1 + r.nextInt(19);
            int in = 1 + r.nextInt(37);
            int out = 1 + r.nextInt(21);
            float[] x = RandomCases.values(r, n * in);
            float[] w = RandomCases.values(r, out * in);
            float[] bias = r.nextBoolean() ? RandomCases.values(r, out) : null;
            float[] dy = RandomCases.values(r, n * out);
            float[] dw0 = RandomCases.values(r, out * in);
            float[] db0 = RandomCases.values(r, out);
            float[] y = new float[n * out];
            float[] dx = new float[n * in];
            float[] dw = dw0.clone();
            float[] db = db0.clone();
            REFERENCE.forward(n, in, out, x, w, bias, y);
            REFERENCE.backward(n, in, out, x, w, dy, dx, dw, db);
            for (DenseKernels k : new DenseKernels[] {new GemmDense(new ReferenceGemm()), Kernels.dense()}) {
                String what = k + " n=" + n + " in=" + in + " out=" + out;
                float[] y2 = new float[y.length];
                float[] dx2 = new float[dx.length];
                float[] dw2 = dw0.clone();
                float[] db2 = db0.clone();
                k.forward(n, in, out, x, w, bias, y2);
                k.backward(n, in, out, x, w, dy, dx2, dw2, db2);
                Tolerance.F32.assertClose("y " + what, y, y2);
                Tolerance.F32.assertClose("dx " + what, dx, dx2);
                Tolerance.F32.assertClose("dw " + what, dw, dw2);
                Tolerance.F32.assertClose("db " + what, db, db2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void packedWeightsGiveTheBitsOfTheForwardAndAreASnapshot(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 12; t++) {
            int n = 1 + r.nextInt(70);
            int in = 1 + r.nextInt(t % 2 == 0 ? 40 : 400);
            int out = 1 + r.nextInt(t % 3 == 0 ? 120 : 32); // past 32 outputs SimdDense uses the GEMM
            float[] x = RandomCases.values(r, n * in);
            float[] w = RandomCases.values(r, out * in);
            float[] bias = r.nextBoolean() ? RandomCases.values(r, out) : null;
            for (DenseKernels k : new DenseKernels[] {REFERENCE, new GemmDense(new ReferenceGemm()), Kernels.dense()}) {
                String what = k + " n=" + n + " in=" + in + " out=" + out;
                float[] expected = new float[n * out];
                k.forward(n, in, out, x, w, bias, expected);
                float[] changing = w.clone();
                PackedWeights packed = k.pack(in, out, changing);
                java.util.Arrays.fill(changing, Float.NaN);
                float[] y = new float[n * out];
                k.forward(n, x, packed, bias, y);
                assertThat(y).as(what).containsExactly(expected); // bit for bit (Float.equals)
                assertThat(packed.in()).isEqualTo(in);
                assertThat(packed.out()).isEqualTo(out);
            }
        }
    }

    @Test
    void weightsPackedByOtherKernelsAreRefused() {
        PackedWeights byReference = REFERENCE.pack(40, 64, new float[40 * 64]);
        DenseKernels gemm = new GemmDense(new ReferenceGemm());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> gemm.forward(1, new float[40], byReference, null, new float[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GemmDense cannot use");
    }
}
