package org.convlab.tensor.simd;

import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import jdk.incubator.vector.FloatVector;

/**
 * A full {@code MR}-row panel against at most {@code 2 COLUMNS} columns of a B strip, with the
 * vectors down the panel's rows instead of along the strip: the last strip of a width a little
 * past a multiple of {@code 2L} (100 = 3 x 32 + 4 at 512 bits). Each depth step loads the
 * panel's {@code MR} rows as one vector ({@code ap[aIdx + p*MR ..]}, lanes past {@code MR} read
 * the next step's rows and are never written) and broadcasts one float of B per column:
 * one multiply-add per column a step where {@link MicroKernel#narrow12} needs {@code MR}.
 * <pre>
 *   acc_j[r] = sum_p ap[aIdx + p*MR + r] * bp[bIdx + p*NR + j]     r < MR, j < cols
 *   C[r, j]  = fma(acc_j[r], alpha, beta * C[r, j])                (alpha * acc when beta == 0)
 * </pre>
 * Each element of C is the same chain of fused multiply-adds along the depth and the same
 * epilogue as in every other tile, so the bits are {@code narrow12}'s. Needs one vector to
 * cover the panel ({@code L >= MR}: 12 rows at 512 bits, where {@link MicroKernel#panel} uses
 * it, and 6 at 256) and {@code L} floats readable from the last step's rows; {@link #fits} says
 * when.
 */
final class FewColumnsTile {
    /** Columns of the smaller of the two tiles (one accumulator each); the larger has twice as many. */
    static final int COLUMNS = 4;

    private FewColumnsTile() {
    }

    /**
     * Whether this tile can compute a strip of {@code cols} columns of the full panel at
     * {@code ap[aIdx..]} with depth {@code kc}: at most {@code 2 COLUMNS} columns, one vector
     * per depth step covering the panel, and its last step's vector inside {@code ap}.
     */
    static boolean fits(float[] ap, int aIdx, int kc, int cols) {
        return cols <= 2 * COLUMNS && Lanes.L >= MR && aIdx + (kc - 1) * MR + Lanes.L <= ap.length;
    }

    /**
     * Columns {@code [0, cols)} ({@code cols <= 2 COLUMNS}) of the strip at {@code bp[bIdx..]} for
     * the full panel at {@code ap[aIdx..]}, written to {@code C[cIdx..]}: four accumulators for
     * up to four columns, eight for more. Each accumulator's chain waits for its last fused
     * multiply-add, so four columns take a depth step per FMA latency and eight fill both
     * pipes (against {@code narrow12} on five panels of depth 262: 1.6-2.0x for 4 columns,
     * 1.1-1.2x for 6, 1.4x for 8; two passes of four over 8 columns were 0.92x).
     *
     * @param tile scratch of at least {@code 2 COLUMNS * L} floats
     */
    static void compute(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                        float[] c, int cIdx, int ldc, int cols, float alpha, float beta, float[] tile) {
        if (cols <= COLUMNS) {
            columns4(ap, aIdx, bp, bIdx, kc, tile);
        } else {
            columns8(ap, aIdx, bp, bIdx, kc, tile);
        }
        for (int r = 0; r < MR; r++) {
            int row = cIdx + r * ldc;
            for (int j = 0; j < cols; j++) {
                float acc = tile[j * Lanes.L + r];
                if (beta == 0f) {
                    c[row + j] = alpha * acc;
                } else {
                    c[row + j] = Math.fma(acc, alpha, beta == 1f ? c[row + j] : c[row + j] * beta);
                }
            }
        }
    }

    /** The sums of columns 0-3 of the strip, column {@code j}'s rows at {@code tile[j*L..]}. */
    private static void columns4(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] tile) {
        FloatVector c0 = FloatVector.zero(Lanes.F);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int p = 0; p < kc; p++) {
            FloatVector a = FloatVector.fromArray(Lanes.F, ap, aIdx + p * MR);
            int bi = bIdx + p * NR;
            c0 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi]), c0);
            c1 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 1]), c1);
            c2 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 2]), c2);
            c3 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 3]), c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, Lanes.L);
        c2.intoArray(tile, 2 * Lanes.L);
        c3.intoArray(tile, 3 * Lanes.L);
    }

    /** The sums of columns 0-7 of the strip, column {@code j}'s rows at {@code tile[j*L..]}. */
    private static void columns8(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] tile) {
        FloatVector c0 = FloatVector.zero(Lanes.F);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0; p < kc; p++) {
            FloatVector a = FloatVector.fromArray(Lanes.F, ap, aIdx + p * MR);
            int bi = bIdx + p * NR;
            c0 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi]), c0);
            c1 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 1]), c1);
            c2 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 2]), c2);
            c3 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 3]), c3);
            c4 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 4]), c4);
            c5 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 5]), c5);
            c6 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 6]), c6);
            c7 = a.fma(FloatVector.broadcast(Lanes.F, bp[bi + 7]), c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, Lanes.L);
        c2.intoArray(tile, 2 * Lanes.L);
        c3.intoArray(tile, 3 * Lanes.L);
        c4.intoArray(tile, 4 * Lanes.L);
        c5.intoArray(tile, 5 * Lanes.L);
        c6.intoArray(tile, 6 * Lanes.L);
        c7.intoArray(tile, 7 * Lanes.L);
    }
}
