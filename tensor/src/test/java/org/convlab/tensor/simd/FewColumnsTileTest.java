package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FewColumnsTile} bit for bit against its definition written out in scalar code: each
 * element of C one chain of {@code Math.fma} along the depth, then {@code fma(acc, alpha, beta *
 * C)} ({@code alpha * acc} when beta is 0), the rest of C untouched. It needs one vector to cover
 * a panel's rows: 512 bits (12 rows, where {@link MicroKernel#panel} uses it) and 256 (6 rows);
 * at 128 bits {@link FewColumnsTile#fits} is false, which is checked there.
 */
class FewColumnsTileTest {
    static Stream<Arguments> cases() {
        return IntStream.rangeClosed(1, 2 * FewColumnsTile.COLUMNS).boxed().flatMap(cols -> Stream.of(
                Arguments.of(cols, 1, 1f, 0f),
                Arguments.of(cols, 7, 1.25f, 1f),
                Arguments.of(cols, 262, 1f, 1f),
                Arguments.of(cols, 40, -0.5f, 0.75f)));
    }

    @ParameterizedTest(name = "cols={0} kc={1} alpha={2} beta={3}")
    @MethodSource("cases")
    void givesTheBitsOfOneFmaChainPerElement(int cols, int kc, float alpha, float beta) {
        assumeTrue(Lanes.L >= MR, "one vector covers a panel only from 256 bits up");
        Random r = new Random(cols * 1000L + kc);
        int aIdx = 3 * MR;
        float[] ap = SimdGemmTest.random(r, aIdx + (kc - 1) * MR + Lanes.L);
        int bIdx = 5;
        float[] bp = SimdGemmTest.random(r, bIdx + kc * NR);
        int ldc = cols + 3;
        int cIdx = 2;
        float[] c = SimdGemmTest.random(r, cIdx + MR * ldc + 4);
        if (beta == 0f) {
            java.util.Arrays.fill(c, Float.NaN);
        }
        float[] expected = c.clone();
        for (int row = 0; row < MR; row++) {
            for (int j = 0; j < cols; j++) {
                float acc = 0f;
                for (int p = 0; p < kc; p++) {
                    acc = Math.fma(ap[aIdx + p * MR + row], bp[bIdx + p * NR + j], acc);
                }
                int e = cIdx + row * ldc + j;
                expected[e] = beta == 0f ? alpha * acc : Math.fma(acc, alpha, beta == 1f ? c[e] : c[e] * beta);
            }
        }
        assertThat(FewColumnsTile.fits(ap, aIdx, kc, cols)).isTrue();
        FewColumnsTile.compute(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, cols, alpha, beta, new float[MR * NR]);
        assertThat(c).containsExactly(expected); // bit for bit, NaN where untouched
    }

    @Test
    void fitsOnlyWhereTheLastStepsVectorStaysInsideThePanelsArray() {
        int kc = 10;
        float[] ap = new float[(kc - 1) * MR + Lanes.L];
        assertThat(FewColumnsTile.fits(ap, 0, kc, 4)).isEqualTo(Lanes.L >= MR);
        assertThat(FewColumnsTile.fits(ap, 1, kc, 4)).isFalse();
        assertThat(FewColumnsTile.fits(ap, 0, kc, 2 * FewColumnsTile.COLUMNS + 1)).isFalse();
    }
}
