package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.convlab.tensor.kernels.GemmDense;
import org.convlab.tensor.kernels.PackedWeights;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wide layer's weights packed as {@link WeightRows} ({@code y^T = w x^T}, then transposed)
 * give the bits of the unpacked forward over the SIMD GEMM ({@code y = x w^T + bias}).
 */
class WeightRowsTest {
    private final SimdDense dense = new SimdDense(new GemmDense(new SimdGemm()));

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    /**
     * Batches of 1, under one vector, whole and partial strips; outputs with every last panel
     * and past a transposed block; depths past one and two depth blocks; a layer large enough
     * that two threads split its rows (600 x 500); with and without a bias; 1 and 2 threads.
     */
    @ParameterizedTest(name = "n={0} in={1} out={2} threads={3}")
    @CsvSource({"64, 784, 100, 1", "64, 784, 100, 2", "64, 100, 100, 1", "1, 784, 100, 1", "7, 40, 33, 2",
            "15, 17, 47, 1", "16, 333, 48, 2", "33, 700, 61, 1", "65, 96, 130, 2", "64, 500, 600, 2",
            "5, 500, 600, 1", "100, 19, 37, 2"})
    void packedRowsGiveTheBitsOfTheUnpackedForward(int n, int in, int out, int threads) {
        Parallel.setThreads(threads);
        Random r = new Random(n * 1009L + in * 31L + out);
        float[] x = SimdGemmTest.random(r, n * in);
        if (n > 1) {
            x[(n - 1) * in] = Float.NaN; // the last row's outputs NaN, which the rectifier keeps (Math.max's rule)
        }
        float[] w = SimdGemmTest.random(r, out * in);
        for (float[] bias : new float[][] {SimdGemmTest.random(r, out), null}) {
            float[] expected = new float[n * out];
            dense.forward(n, in, out, x, w, bias, expected);
            PackedWeights packed = dense.pack(in, out, w);
            assertThat(packed).isInstanceOf(WeightRows.class);
            float[] wSaved = w.clone();
            Arrays.fill(w, 0f); // a snapshot: changing w afterwards changes nothing
            float[] y = new float[n * out];
            Arrays.fill(y, Float.NaN); // every element written
            dense.forward(n, x, packed, bias, y);
            assertThat(y).containsExactly(expected);
            // rectified in the transpose's epilogue: the bits of the forward, then the rectifier
            Arrays.fill(y, Float.NaN);
            dense.forwardRectified(n, x, packed, bias, y);
            assertThat(y).containsExactly(rectified(expected));
            System.arraycopy(wSaved, 0, w, 0, w.length);
        }
    }

    /** {@code max(v, 0)} element by element, as the rectifier computes it. */
    static float[] rectified(float[] v) {
        float[] r = v.clone();
        new org.convlab.tensor.kernels.ReferenceElementwise().relu(r, r, r.length);
        return r;
    }

    /**
     * A classifier's weights keep their padded copy and are rectified after their forward: the
     * same bits as the two passes.
     */
    @Test
    void aClassifiersWeightsAreRectifiedAfterTheirForward() {
        assertThat(packedForwardsGiveTheUnpackedBits(9, 100, 10, new Random(110)))
                .isNotInstanceOf(WeightRows.class);
    }

    /**
     * Packs a random {@code (out, in)} layer and checks its packed forward, plain and rectified,
     * against the unpacked forward on {@code n} random rows, every element written; returns the
     * packed weights.
     */
    private PackedWeights packedForwardsGiveTheUnpackedBits(int n, int in, int out, Random r) {
        float[] x = SimdGemmTest.random(r, n * in);
        float[] w = SimdGemmTest.random(r, out * in);
        float[] bias = SimdGemmTest.random(r, out);
        float[] expected = new float[n * out];
        dense.forward(n, in, out, x, w, bias, expected);
        PackedWeights packed = dense.pack(in, out, w);
        float[] y = new float[n * out];
        Arrays.fill(y, Float.NaN);
        dense.forward(n, x, packed, bias, y);
        assertThat(y).containsExactly(expected);
        Arrays.fill(y, Float.NaN);
        dense.forwardRectified(n, x, packed, bias, y);
        assertThat(y).containsExactly(rectified(expected));
        return packed;
    }

    @Test
    void overAnotherGemmTheFallbackPacks() {
        SimdDense overReference = new SimdDense(new GemmDense(new ReferenceGemm()));
        assertThat(overReference.pack(40, 64, new float[40 * 64])).isNotInstanceOf(WeightRows.class);
        assertThat(dense.pack(40, 64, new float[40 * 64])).isInstanceOf(WeightRows.class);
        // Weights packed over the SIMD GEMM are refused by kernels over another one.
        PackedWeights rows = dense.pack(40, 64, new float[40 * 64]);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> overReference.forward(1, new float[40], rows, null, new float[64]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use WeightRows");
        // Small layers keep the in-place kernels' copy.
        assertThat(dense.pack(40, 10, new float[400])).isNotInstanceOf(WeightRows.class);
    }

    /**
     * Weights of {@link SimdDense#STREAMED_WEIGHT_FLOATS} floats or more are packed as the GEMM's
     * B (the fallback's packing), with the bits of the unpacked forward on 1 and 2 threads, and
     * rectified after it; one output fewer keeps {@link WeightRows}.
     */
    @ParameterizedTest(name = "threads={0}")
    @CsvSource({"1", "2"})
    void streamedWeightsArePackedAsTheGemmsRightOperand(int threads) {
        Parallel.setThreads(threads);
        int in = 1024;
        int out = (int) (SimdDense.STREAMED_WEIGHT_FLOATS / in);
        assertThat(packedForwardsGiveTheUnpackedBits(64, in, out, new Random(41))).isNotInstanceOf(WeightRows.class);
        assertThat(dense.pack(in, out - 1, new float[(out - 1) * in])).isInstanceOf(WeightRows.class);
    }

    @Test
    void theTransposeCoversEveryElement() {
        for (int n : new int[] {1, 15, 16, 17, 64}) {
            for (int out : new int[] {1, 16, 33, 100}) {
                // half of t negative, so that the rectifier has work without a bias too
                int half = n * out / 2;
                float[] t = new float[n * out];
                for (int i = 0; i < t.length; i++) {
                    t[i] = i - half;
                }
                // a bias that makes half of each row negative, with NaN in one output; or none
                float[] bias = new float[out];
                for (int o = 0; o < out; o++) {
                    bias[o] = o == out / 2 ? Float.NaN : (o % 2 == 0 ? -1e6f : 0.5f);
                }
                for (float[] b : new float[][] {null, bias}) {
                    for (boolean relu : new boolean[] {false, true}) {
                        float[] y = new float[n * out];
                        WeightRows.transpose(t, n, out, b, relu, y);
                        for (int i = 0; i < n; i++) {
                            for (int o = 0; o < out; o++) {
                                float v = (o * n + i - half) + (b == null ? 0f : b[o]);
                                assertThat(Float.floatToIntBits(y[i * out + o]))
                                        .as("n=%d out=%d bias=%b relu=%b (%d, %d)", n, out, b != null, relu, i, o)
                                        .isEqualTo(Float.floatToIntBits(relu ? Math.max(v, 0f) : v));
                            }
                        }
                    }
                }
            }
        }
    }
}
