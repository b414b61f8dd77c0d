package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.FloatAssertions.assertClose;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimdGemmTest {
    private final Gemm fast = new SimdGemm();
    private final Gemm reference = new ReferenceGemm();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    @Test
    void multipliesATwoByTwoByHand() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {1, 1, 1, 1};
        fast.sgemm(false, false, 2, 2, 2, 2f, a, 0, 2, b, 0, 2, 10f, c, 0, 2);
        // A*B = [[19, 22], [43, 50]]; C = 2*A*B + 10*1
        assertThat(c).containsExactly(48f, 54f, 96f, 110f);
        for (Gemm gemm : new Gemm[] {fast, reference}) { // and with B packed once (PackedGemmTest)
            float[] packedC = {1, 1, 1, 1};
            gemm.sgemm(false, 2, 2f, a, 0, 2, gemm.pack(false, 2, 2, b, 0, 2), 10f, packedC, 0, 2);
            assertThat(packedC).containsExactly(48f, 54f, 96f, 110f);
        }
    }

    @Test
    void transposesAreReadAsStored() {
        // A^T stored (k=2, m=3), B^T stored (n=2, k=2).
        float[] at = {1, 2, 3, 4, 5, 6};
        float[] bt = {1, 0, 0, 1};
        float[] c = new float[6];
        fast.sgemm(true, true, 3, 2, 2, 1f, at, 0, 3, bt, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(1f, 4f, 2f, 5f, 3f, 6f);
    }

    @Test
    void betaZeroDoesNotReadC() {
        float[] a = new float[7 * 5];
        float[] b = new float[5 * 19];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        float[] c = new float[7 * 19];
        Arrays.fill(c, Float.NaN);
        fast.sgemm(false, false, 7, 19, 5, 1f, a, 0, 5, b, 0, 19, 0f, c, 0, 19);
        for (float v : c) {
            assertThat(v).isEqualTo(10f);
        }
    }

    @Test
    void emptyDepthScalesC() {
        float[] c = {1, 2, 3, 4};
        fast.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertThat(c).containsExactly(3f, 6f, 9f, 12f);
        Arrays.fill(c, Float.NaN);
        fast.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void leavesEverythingOutsideCUntouched() {
        Random r = new Random(3);
        int m = 13;
        int n = 21;
        int k = 9;
        int ldc = n + 5;
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c = new float[4 + m * ldc];
        Arrays.fill(c, -7f);
        fast.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 4, ldc);
        for (int i = 0; i < c.length; i++) {
            int rel = i - 4;
            boolean inside = rel >= 0 && rel % ldc < n;
            if (!inside) {
                assertThat(c[i]).as("element %d outside C", i).isEqualTo(-7f);
            }
        }
    }

    static Stream<Arguments> randomShapes() {
        Random r = new Random(20240601);
        return IntStream.range(0, 160).mapToObj(i -> {
            int m = 1 + r.nextInt(70);
            int n = 1 + r.nextInt(70);
            int k = 1 + r.nextInt(70);
            return Arguments.of(i, m, n, k, (i & 1) != 0, (i & 2) != 0);
        });
    }

    @ParameterizedTest(name = "#{0}: m={1} n={2} k={3} transA={4} transB={5}")
    @MethodSource("randomShapes")
    void matchesTheReferenceOnSmallOddShapes(int seed, int m, int n, int k, boolean transA, boolean transB) {
        Random r = new Random(seed);
        float alpha = r.nextBoolean() ? 1f : r.nextFloat() * 4 - 2;
        float beta = switch (seed % 4) {
            case 0 -> 0f;
            case 1 -> 1f;
            default -> r.nextFloat() * 2 - 1;
        };
        compare(r, m, n, k, transA, transB, alpha, beta);
    }

    /**
     * A last column strip of at most one vector after full panels of rows: at 512 bits
     * {@link FewColumnsTile} computes it when it has at most 8 columns, else
     * {@link MicroKernel#narrow12} (from registers when it is exactly L wide), at the other widths
     * the 2L tiles; one and several depth blocks, each kind of beta.
     */
    static Stream<Arguments> narrowLastStrips() {
        return IntStream.of(1, 4, 5, 8, Lanes.L - 1, Lanes.L).boxed().flatMap(cols -> Stream.of(
                Arguments.of(24, MicroKernel.NR + cols, 40, 0f),
                Arguments.of(36, cols, SimdGemm.KC + 11, 1f),
                Arguments.of(12, 2 * MicroKernel.NR + cols, 70, 0.5f)));
    }

    /**
     * 7 or 8 rows left after full panels (a 32-filter layer is 12 + 12 + 8): one panel for
     * {@link MicroKernel#tile8} at 512 bits (from registers when full), two 4-row panels at the
     * narrower widths; full and partial strips, one and several depth blocks.
     */
    static Stream<Arguments> lastRowsOfSevenOrEight() {
        return IntStream.of(7, 8, 20, 31, 32).boxed().flatMap(m -> Stream.of(
                Arguments.of(m, 2 * MicroKernel.NR, 25, 0f),
                Arguments.of(m, MicroKernel.NR + 5, SimdGemm.KC + 9, 1f),
                Arguments.of(m, 3 * MicroKernel.NR, 40, -0.75f)));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} beta={3}")
    @MethodSource({"narrowLastStrips", "lastRowsOfSevenOrEight"})
    void matchesTheReferenceOnNarrowLastStripsAndShortLastPanels(int m, int n, int k, float beta) {
        for (int trans = 0; trans < 4; trans++) {
            compare(new Random(31L * m + 17L * n + k + trans), m, n, k, (trans & 1) != 0, (trans & 2) != 0, 1.25f, beta);
        }
    }

    static Stream<Arguments> blockCrossingShapes() {
        return Stream.of(
                Arguments.of(SimdGemm.MC + 7, SimdGemm.NC + 23, SimdGemm.KC + 1, false, false),
                Arguments.of(4 * SimdGemm.MC + 5, 40, 2 * SimdGemm.KC + 3, true, false),
                Arguments.of(3, 2 * SimdGemm.NC + 1, 700, false, true),
                Arguments.of(200, 150, 1, true, true));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("blockCrossingShapes")
    void matchesTheReferenceAcrossBlockBoundaries(int m, int n, int k, boolean transA, boolean transB) {
        compare(new Random(m * 31 + n), m, n, k, transA, transB, 1.5f, 0.5f);
    }

    /** Shapes whose grids differ with the thread count (see {@link GemmChunksTest}). */
    static Stream<Arguments> threadShapes() {
        return Stream.of(
                Arguments.of(301, 517, 333),
                Arguments.of(64, 1100, 400), // few rows: three column chunks, balanced to four on two threads
                Arguments.of(700, 1300, 40)); // two row chunks by column chunks
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("threadShapes")
    void givesTheSameBitsOnOneTwoAndThreeThreads(int m, int n, int k) {
        Random r = new Random(11);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c0 = random(r, m * n);
        float[][] results = new float[3][];
        int[] threads = {1, 2, 3};
        for (int t = 0; t < threads.length; t++) {
            Parallel.setThreads(threads[t]);
            results[t] = c0.clone();
            fast.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0.25f, results[t], 0, n);
        }
        assertThat(results[1]).isEqualTo(results[0]);
        assertThat(results[2]).isEqualTo(results[0]);
    }

    /** Runs both GEMMs on random operands with offsets and padded leading dimensions. */
    private void compare(Random r, int m, int n, int k, boolean transA, boolean transB, float alpha, float beta) {
        GemmOperands o = GemmOperands.random(r, m, n, k, transA, transB);
        int ldc = n + r.nextInt(4);
        int cOff = r.nextInt(5);
        float[] c = random(r, cOff + m * ldc);
        if (beta == 0f) {
            Arrays.fill(c, Float.NaN);
        }
        float[] expected = c.clone();
        float[] actual = c.clone();
        reference.sgemm(transA, transB, m, n, k, alpha, o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), beta,
                expected, cOff, ldc);
        fast.sgemm(transA, transB, m, n, k, alpha, o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), beta,
                actual, cOff, ldc);
        float tolerance = Tolerances.dot(k, Math.abs(alpha) + Math.abs(beta));
        assertClose(expected, actual, tolerance,
                String.format("m=%d n=%d k=%d transA=%b transB=%b alpha=%s beta=%s", m, n, k, transA, transB, alpha, beta));
    }

    static float[] random(Random r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
