package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.kernels.GemmDense;
import org.convlab.tensor.kernels.PackedWeights;
import org.convlab.tensor.kernels.ReferenceDense;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimdDense}'s in-place kernels against the reference on random shapes that cover every
 * path at every width: the dot products' tail (inputs not a multiple of 8), odd and even numbers of
 * 16-column blocks (pairs of blocks at 512 bits, single blocks), the plain-loop tail, and the
 * tiles' repeated rows and outputs.
 */
class SimdDenseTest {
    private static final DenseKernels REFERENCE = new ReferenceDense();
    private final SimdDense fast = new SimdDense(new GemmDense(new ReferenceGemm()));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void matchesTheReference(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 12; t++) {
            int n = 1 + r.nextInt(14);
            int in = 16 + r.nextInt(90);
            int out = 1 + r.nextInt(SimdDense.MAX_SMALL_OUT);
            check(r, n, in, out);
        }
    }

    @Test
    void theNotebookClassifierLayers() {
        Random r = new Random(9);
        check(r, 64, 100, 10);
        check(r, 64, 16 * 5 * 5, 10);
        check(r, 13, 48, 32);
    }

    /**
     * Long rows (a classifier on 12,544 or 16,384 features) go row by row through
     * {@link DenseRowMajor}: the bits of the tiles' arithmetic, written out here in scalar code
     * (dx from zero over the outputs, dw from its value over the rows, one {@code Math.fma} a
     * step; the columns past the last 16-column block as the plain-loop tail computes them).
     */
    @ParameterizedTest(name = "n={0} in={1} out={2} threads={3}")
    @CsvSource({"64, 16384, 10, 1", "64, 12544, 10, 2", "7, 1030, 3, 1",
            "13, 2011, 32, 2", "1, 1024, 1, 1"})
    void longRowsGiveTheTilesBits(int n, int in, int out, int threads) {
        Parallel.setThreads(threads);
        try {
            Random r = new Random(in + n);
            float[] x = values(r, n * in);
            float[] w = values(r, out * in);
            float[] dy = values(r, n * out);
            float[] dw0 = values(r, out * in);
            float[] dx = new float[n * in];
            float[] dw = dw0.clone();
            fast.backward(n, in, out, x, w, dy, dx, dw, null);
            int vectorColumns = in / 16 * 16;
            for (int k = 0; k < in; k++) {
                boolean fused = k < vectorColumns;
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int o = 0; o < out; o++) {
                        s = fused ? Math.fma(dy[i * out + o], w[o * in + k], s) : s + dy[i * out + o] * w[o * in + k];
                    }
                    if (Float.floatToIntBits(dx[i * in + k]) != Float.floatToIntBits(s)) {
                        throw new AssertionError("dx[" + i + ", " + k + "] = " + dx[i * in + k] + ", expected " + s);
                    }
                }
                for (int o = 0; o < out; o++) {
                    float s = dw0[o * in + k];
                    for (int i = 0; i < n; i++) {
                        s = fused ? Math.fma(dy[i * out + o], x[i * in + k], s) : s + dy[i * out + o] * x[i * in + k];
                    }
                    if (Float.floatToIntBits(dw[o * in + k]) != Float.floatToIntBits(s)) {
                        throw new AssertionError("dw[" + o + ", " + k + "] = " + dw[o * in + k] + ", expected " + s);
                    }
                }
            }
        } finally {
            Parallel.setThreads(2);
        }
    }

    /**
     * A small layer's weights packed by this class carry 8 floats of padding, so that the dot
     * products never take the scalar tail for {@code w}: the bits of the unpacked forward, and a
     * copy taken when packed. Weights packed by other kernels are refused.
     */
    @Test
    void paddedWeightsGiveTheUnpackedBits() {
        Random r = new Random(17);
        int n = 9;
        int in = 100;
        int out = 10;
        float[] x = values(r, n * in);
        float[] w = values(r, out * in);
        float[] bias = values(r, out);
        float[] expected = new float[n * out];
        fast.forward(n, in, out, x, w, bias, expected);
        PackedWeights packed = fast.pack(in, out, w);
        Arrays.fill(w, 0f);
        float[] y = new float[n * out];
        fast.forward(n, x, packed, bias, y);
        assertThat(y).containsExactly(expected);
        PackedWeights other = REFERENCE.pack(in, out, w);
        assertThatThrownBy(() -> fast.forward(n, x, other, bias, y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SimdDense cannot use");
    }

    /**
     * The forward's canonical order, written out in scalar code: each dot product as 8 partial
     * sums (element {@code k} in partial {@code k % 8}, one {@code Math.fma} each, {@code k} in
     * order, across the depth blocks of 512), the partials added in order, then the elements past
     * the last multiple of 8, then the bias. The in-place kernels ({@code DenseKernel.dot2x5}, its
     * loop bounded by {@code k != len} with 16 vector registers) give exactly these bits.
     */
    @ParameterizedTest(name = "n={0} in={1} out={2}")
    @CsvSource({"64, 16384, 10", "3, 1031, 7", "2, 16, 1", "5, 520, 12", "1, 23, 5"})
    void forwardSumsEightPartialsInOrder(int n, int in, int out) {
        Random r = new Random(n * 131L + in + out);
        float[] x = values(r, n * in);
        float[] w = values(r, out * in);
        float[] bias = values(r, out);
        float[] y = new float[n * out];
        fast.forward(n, in, out, x, w, bias, y);
        float[] expected = new float[n * out];
        int len = in & ~7;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                float[] partial = new float[8];
                for (int k = 0; k < len; k++) {
                    partial[k % 8] = Math.fma(x[i * in + k], w[j * in + k], partial[k % 8]);
                }
                float s = partial[0];
                for (int lane = 1; lane < 8; lane++) {
                    s += partial[lane];
                }
                for (int k = len; k < in; k++) {
                    s += x[i * in + k] * w[j * in + k];
                }
                expected[i * out + j] = s + bias[j];
            }
        }
        assertThat(y).as(Lanes.F.vectorBitSize() + " bits").containsExactly(expected);
    }

    /**
     * The packed weights' forward (at 16 lanes two outputs a vector, {@code DenseKernel.dot2x10Pairs},
     * on rows interleaved by pairs) gives the unpacked forward's bits: odd and even batches and
     * output counts, inputs not a multiple of 8, depths past one block of 512, 1 and 2 threads.
     */
    @ParameterizedTest(name = "n={0} in={1} out={2} threads={3}")
    @CsvSource({
        "64, 16384, 10, 1", "64, 12544, 10, 2", "9, 100, 10, 1", "1, 16, 1, 1", "2, 17, 3, 1", "7, 1030, 11, 2",
        "5, 777, 32, 1", "33, 520, 31, 2", "4, 1024, 29, 1", "3, 24, 9, 1", "11, 2000, 20, 2", "6, 513, 2, 1",
    })
    void packedWeightsGiveTheUnpackedBits(int n, int in, int out, int threads) {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            Random r = new Random(n * 31L + in * 7L + out);
            float[] x = values(r, n * in);
            float[] w = values(r, out * in);
            float[] bias = values(r, out);
            float[] expected = new float[n * out];
            fast.forward(n, in, out, x, w, bias, expected);
            PackedWeights packed = fast.pack(in, out, w);
            float[] y = new float[n * out];
            fast.forward(n, x, packed, bias, y);
            assertThat(y).containsExactly(expected);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private void check(Random r, int n, int in, int out) {
        float[] x = values(r, n * in);
        float[] w = values(r, out * in);
        float[] bias = r.nextBoolean() ? values(r, out) : null;
        float[] dy = values(r, n * out);
        float[] dw0 = values(r, out * in);
        float[] db0 = values(r, out);
        float[] y = new float[n * out];
        float[] dx = new float[n * in];
        float[] dw = dw0.clone();
        float[] db = db0.clone();
        REFERENCE.forward(n, in, out, x, w, bias, y);
        REFERENCE.backward(n, in, out, x, w, dy, dx, dw, db);
        float[] y2 = new float[y.length];
        float[] dx2 = new float[dx.length];
        float[] dw2 = dw0.clone();
        float[] db2 = db0.clone();
        fast.forward(n, in, out, x, w, bias, y2);
        fast.backward(n, in, out, x, w, dy, dx2, dw2, db2);
        String what = Lanes.F.vectorBitSize() + " bits, n=" + n + " in=" + in + " out=" + out;
        Tolerance.F32.assertClose("y " + what, y, y2);
        Tolerance.F32.assertClose("dx " + what, dx, dx2);
        Tolerance.F32.assertClose("dw " + what, dw, dw2);
        Tolerance.F32.assertClose("db " + what, db, db2);
    }

    private static float[] values(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
