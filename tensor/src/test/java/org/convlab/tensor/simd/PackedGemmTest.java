package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.PackedB;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A right operand packed once ({@link Gemm#pack}) gives the bits of the product with it unpacked. */
class PackedGemmTest {
    private final Gemm fast = new SimdGemm();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    static Stream<Arguments> shapes() {
        Random r = new Random(20261203);
        // Depths past one and two depth blocks (KC = 320), widths past a column chunk (NC = 512),
        // partial strips at every width, rows past a row block (MC = 144).
        return IntStream.range(0, 48).mapToObj(i -> Arguments.of(
                1 + r.nextInt(i % 4 == 0 ? 200 : 70), 1 + r.nextInt(i % 3 == 0 ? 700 : 90),
                1 + r.nextInt(i % 5 == 0 ? 800 : 120), r.nextBoolean(), r.nextBoolean(), 1 + r.nextInt(2), r.nextLong()));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} threads={5}")
    @MethodSource("shapes")
    void aPackedOperandGivesTheBitsOfTheUnpackedOne(int m, int n, int k, boolean transA, boolean transB,
                                                     int threads, long seed) {
        Parallel.setThreads(threads);
        Random r = new Random(seed);
        GemmOperands o = GemmOperands.random(r, m, n, k, transA, transB);
        float beta = r.nextBoolean() ? 0f : 0.5f;
        float[] c0 = SimdGemmTest.random(r, m * n);
        for (Gemm gemm : new Gemm[] {fast, new ReferenceGemm()}) {
            float[] expected = c0.clone();
            gemm.sgemm(transA, transB, m, n, k, 1.5f, o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), beta,
                    expected, 0, n);
            PackedB packed = gemm.pack(transB, k, n, o.b(), o.bOff(), o.ldb());
            float[] actual = c0.clone();
            gemm.sgemm(transA, m, 1.5f, o.a(), o.aOff(), o.lda(), packed, beta, actual, 0, n);
            assertThat(actual).as(gemm.getClass().getSimpleName()).containsExactly(expected); // bit for bit (Float.equals)
        }
    }

    /**
     * Shapes whose products two threads split by rows when B is packed (a batch of 64 through a
     * 784 -> 100 layer) or by rows and columns, and a packed B large enough to be swept strip by
     * strip (600 x 1000): the bits of one thread and of the unpacked product.
     */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"64, 100, 784", "50, 40, 1000", "100, 64, 500", "200, 300, 200", "13, 600, 300", "64, 1000, 600"})
    void twoThreadsSplittingAPackedProductGiveTheBitsOfOne(int m, int n, int k) {
        Random r = new Random(m * 31L + n);
        float[] a = SimdGemmTest.random(r, m * k);
        float[] b = SimdGemmTest.random(r, n * k);
        PackedB packed = fast.pack(true, k, n, b, 0, k);
        float[][] c = new float[3][m * n];
        Parallel.setThreads(1);
        fast.sgemm(false, m, 1f, a, 0, k, packed, 0f, c[0], 0, n);
        Parallel.setThreads(2);
        fast.sgemm(false, m, 1f, a, 0, k, packed, 0f, c[1], 0, n);
        fast.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c[2], 0, n);
        assertThat(c[1]).containsExactly(c[0]);
        assertThat(c[2]).containsExactly(c[0]);
    }

    @Test
    void aPackedOperandIsASnapshot() {
        Random r = new Random(5);
        int m = 9;
        int n = 70;
        int k = 400;
        float[] a = SimdGemmTest.random(r, m * k);
        float[] b = SimdGemmTest.random(r, n * k);
        float[] expected = new float[m * n];
        fast.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, expected, 0, n);
        for (Gemm gemm : new Gemm[] {fast, new ReferenceGemm()}) {
            float[] changing = b.clone();
            PackedB packed = gemm.pack(true, k, n, changing, 0, k);
            Arrays.fill(changing, Float.NaN);
            float[] c = new float[m * n];
            gemm.sgemm(false, m, 1f, a, 0, k, packed, 0f, c, 0, n);
            if (gemm == fast) {
                assertThat(c).containsExactly(expected);
            } else {
                assertThat(c).doesNotContain(Float.NaN);
            }
        }
    }

    @Test
    void anOperandPackedByAnotherGemmIsRefusedByName() {
        PackedB byReference = new ReferenceGemm().pack(false, 3, 3, new float[9], 0, 3);
        assertThatThrownBy(() -> fast.sgemm(false, 3, 1f, new float[9], 0, 3, byReference, 0f, new float[9], 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SimdGemm cannot use");
        PackedB bySimd = fast.pack(false, 3, 3, new float[9], 0, 3);
        assertThatThrownBy(() -> new ReferenceGemm().sgemm(false, 3, 1f, new float[9], 0, 3, bySimd, 0f, new float[9], 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("packed by another GEMM");
    }

    @Test
    void anEmptyDepthScalesC() {
        PackedB packed = fast.pack(false, 0, 2, new float[0], 0, 2);
        float[] c = {1, 2, 3, 4};
        fast.sgemm(false, 2, 1f, new float[0], 0, 1, packed, 3f, c, 0, 2);
        assertThat(c).containsExactly(3f, 6f, 9f, 12f);
    }
}
