package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A left operand packed once ({@link SimdGemm#packRows}) gives the bits of the product with it unpacked. */
class RowPanelsGemmTest {
    private final SimdGemm gemm = new SimdGemm();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    static Stream<Arguments> shapes() {
        Random r = new Random(20261205);
        // Heights with every last panel (1-12 rows, and the 7-8 rows tile8 takes), depths past one
        // and two depth blocks (KC = 320), widths with partial and narrow strips.
        return IntStream.range(0, 48).mapToObj(i -> Arguments.of(
                1 + r.nextInt(i % 4 == 0 ? 200 : 40), 1 + r.nextInt(i % 3 == 0 ? 300 : 70),
                1 + r.nextInt(i % 5 == 0 ? 800 : 120), r.nextBoolean(), r.nextBoolean(), 1 + r.nextInt(2), r.nextLong()));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} threads={5}")
    @MethodSource("shapes")
    void packedRowsGiveTheBitsOfTheUnpackedProduct(int m, int n, int k, boolean transA, boolean transB, int threads,
                                                    long seed) {
        Parallel.setThreads(threads);
        Random r = new Random(seed);
        GemmOperands o = GemmOperands.random(r, m, n, k, transA, transB);
        float beta = new float[] {0f, 1f, 0.5f}[r.nextInt(3)];
        int cOff = r.nextInt(4);
        int ldc = n + r.nextInt(3);
        float[] c0 = SimdGemmTest.random(r, cOff + m * ldc);
        float[] expected = c0.clone();
        gemm.sgemm(transA, transB, m, n, k, 1.5f, o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), beta,
                expected, cOff, ldc);
        float[] actual = c0.clone();
        SimdGemm.multiply(SimdGemm.packRows(transA, m, k, o.a(), o.aOff(), o.lda()), transB, n, 1.5f,
                o.b(), o.bOff(), o.ldb(), beta, actual, cOff, ldc);
        assertThat(actual).containsExactly(expected); // bit for bit (Float.equals), C's padding untouched
        // And close to the double-precision reference (the bits above are not a shared slip).
        float[] reference = c0.clone();
        new ReferenceGemm().sgemm(transA, transB, m, n, k, 1.5f, o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), beta,
                reference, cOff, ldc);
        for (int i = 0; i < reference.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(reference[i], within(1e-3f * (1 + Math.abs(reference[i]))));
        }
    }

    /**
     * Two threads split a product by columns, or by rows when A is large enough to come from
     * memory (at least {@link SimdGemm#STREAMED_PACKED_FLOATS}: 600 x 500): the bits of one thread.
     */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"100, 64, 784", "100, 1, 100", "13, 600, 300", "600, 64, 500", "601, 33, 450", "4, 2000, 40"})
    void twoThreadsGiveTheBitsOfOne(int m, int n, int k) {
        Random r = new Random(m * 31L + n);
        float[] a = SimdGemmTest.random(r, m * k);
        float[] b = SimdGemmTest.random(r, n * k);
        SimdGemm.RowPanels packed = SimdGemm.packRows(false, m, k, a, 0, k);
        float[][] c = new float[2][m * n];
        Parallel.setThreads(1);
        SimdGemm.multiply(packed, true, n, 1f, b, 0, k, 0f, c[0], 0, n);
        Parallel.setThreads(2);
        SimdGemm.multiply(packed, true, n, 1f, b, 0, k, 0f, c[1], 0, n);
        assertThat(c[1]).containsExactly(c[0]);
        float[] unpacked = new float[m * n];
        gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, unpacked, 0, n);
        assertThat(c[0]).containsExactly(unpacked);
    }
}
