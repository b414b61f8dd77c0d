package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed panels hold exactly the elements their layout says (GemmPacking's class comment),
 * at every width: full panels of A and full strips of a transposed B (gathered), partial ones
 * (copied element by element, zero past the matrix), every transpose, offsets and leading
 * dimensions past the block.
 */
class GemmPackingTest {
    static Stream<Arguments> blocks() {
        Random r = new Random(20261203);
        // Depths around multiples of 16 lanes, rows and columns past one panel or strip.
        int[] depths = {1, 15, 16, 17, 31, 32, 33, 47, 100, 262, 320};
        return IntStream.range(0, 44).mapToObj(i -> Arguments.of(
                1 + r.nextInt(i % 2 == 0 ? 40 : 90), depths[i % depths.length], r.nextBoolean(), r.nextLong()));
    }

    @ParameterizedTest(name = "rows or columns {0}, depth {1}, transposed {2}")
    @MethodSource("blocks")
    void packedPanelsHoldTheirElements(int size, int kc, boolean trans, long seed) {
        Random r = new Random(seed);
        int p0 = r.nextInt(7);
        int depth = p0 + kc + r.nextInt(5);
        int other = size + r.nextInt(4);
        int i0 = other - size;
        int off = r.nextInt(9);
        // A: op(A) (other, depth); trans means a is stored (depth, other).
        int lda = (trans ? other : depth) + r.nextInt(3);
        float[] a = SimdGemmTest.random(r, off + (trans ? depth : other) * lda);
        int panels = 0;
        for (int i = 0; i < size; i += GemmPacking.panelRows(size - i)) {
            panels++;
        }
        float[] ap = new float[panels * kc * MR + GemmPacking.A_SPILL];
        GemmPacking.packA(trans, a, off, lda, i0, size, p0, kc, ap);
        int base = 0;
        for (int i = 0; i < size; base += kc * MR) {
            int rows = GemmPacking.panelRows(size - i);
            for (int p = 0; p < kc; p++) {
                for (int row = 0; row < MR; row++) {
                    float expected = row < rows
                            ? a[off + (trans ? (p0 + p) * lda + i0 + i + row : (i0 + i + row) * lda + p0 + p)] : 0f;
                    assertThat(ap[base + p * MR + row]).as("A panel at row %d, depth %d, lane %d", i, p, row)
                            .isEqualTo(expected);
                }
            }
            i += rows;
        }
        if (!trans) {
            // The plain-loop packing (filters packed once per call) gives the same floats.
            float[] plain = new float[ap.length];
            GemmPacking.packARowByRow(a, off, lda, i0, size, p0, kc, plain, 0);
            assertThat(java.util.Arrays.copyOf(plain, panels * kc * MR))
                    .containsExactly(java.util.Arrays.copyOf(ap, panels * kc * MR));
        }
        // B: op(B) (depth, other), columns [i0, i0 + size); trans means b is stored (other, depth).
        int ldb = (trans ? depth : other) + r.nextInt(3);
        float[] b = SimdGemmTest.random(r, off + (trans ? other : depth) * ldb);
        int strips = (size + NR - 1) / NR;
        float[] bp = new float[strips * kc * NR];
        GemmPacking.packB(trans, b, off, ldb, p0, kc, i0, size, bp);
        for (int t = 0; t < strips; t++) {
            for (int p = 0; p < kc; p++) {
                for (int c = 0; c < NR; c++) {
                    int j = t * NR + c;
                    float expected = j < size
                            ? b[off + (trans ? (i0 + j) * ldb + p0 + p : (p0 + p) * ldb + i0 + j)] : 0f;
                    assertThat(bp[t * kc * NR + p * NR + c]).as("B strip %d, depth %d, column %d", t, p, c)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
