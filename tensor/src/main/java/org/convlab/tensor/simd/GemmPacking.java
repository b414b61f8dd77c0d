package org.convlab.tensor.simd;

import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the panel layouts the micro-kernel reads,
 * absorbing transposes, offsets and leading dimensions, and zero-padding partial panels.
 *
 * <p>A block of {@code op(A)}, rows {@code [i0, i0+mc)} and depth {@code [p0, p0+kc)}, becomes
 * row panels of {@code kc x MR} (see {@link #panelHeight}): {@code ap[s*kc*MR + p*MR + r] = op(A)[i_s + r, p0+p]}
 * where {@code i_s} is the first row of panel {@code s}.
 * A block of {@code op(B)}, depth {@code [p0, p0+kc)} and columns {@code [j0, j0+NR)}, becomes one
 * panel of {@code kc x NR}: {@code bp[p*NR + c] = op(B)[p0+p, j0+c]}.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /** {@link #panelHeight(int, int)} for the GEMM's panels of {@code MR} rows. */
    static int panelHeight(int remaining) {
        return panelHeight(remaining, MR);
    }

    /** Rows of A in the next GEMM panel when {@code remaining} rows are left (its height, or fewer at the end). */
    static int panelRows(int remaining) {
        return Math.min(panelHeight(remaining), remaining);
    }

    /**
     * The height of the next row panel of at most {@code full} rows when {@code remaining} rows
     * are left: {@code full}, except that the last rows go in panels of 4 when that wastes less
     * work ({@code 8 = 4+4}, {@code 16 = 6+6+4} with {@code full = 6}). With {@code full = 12}
     * the last 7 or 8 rows are one panel, which {@link MicroKernel#tile8} computes.
     */
    static int panelHeight(int remaining, int full) {
        if (remaining <= 4 || (full < 12 && (remaining == 7 || remaining == 8))) {
            return 4;
        }
        return full;
    }

    /**
     * Packs {@code op(A)[i0:i0+mc, p0:p0+kc]} into {@code ap} from index 0, panel after panel with
     * the heights of {@link #panelHeight}; each panel takes {@code kc*MR} floats and its rows past
     * its height are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap) {
        packA(transA, a, aOff, lda, i0, mc, p0, kc, ap, 0);
    }

    /**
     * {@link #packA(boolean, float[], int, int, int, int, int, int, float[])} into {@code ap} from
     * index {@code apOff} (a full panel may still write {@link #A_SPILL} floats past its end).
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap,
                      int apOff) {
        int base = apOff;
        for (int i = i0; i < i0 + mc; base += kc * MR) {
            int rows = panelRows(i0 + mc - i);
            if (transA) {
                // op(A)[i, p] = a[aOff + p*lda + i]: each depth step reads the panel's rows contiguously.
                int src = aOff + p0 * lda + i;
                if (rows == MR) {
                    for (int p = 0; p < kc; p++, src += lda) {
                        int d = base + p * MR;
                        System.arraycopy(a, src, ap, d, MR);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += lda) {
                        int d = base + p * MR;
                        for (int r = 0; r < MR; r++) {
                            ap[d + r] = r < rows ? a[src + r] : 0f;
                        }
                    }
                }
            } else if (rows == MR) {
                // op(A)[i, p] = a[aOff + i*lda + p]: each row is contiguous along the depth. A full
                // panel gathers its MR rows' elements per depth step; the vectors' lanes past MR
                // (rows repeated) land on the next step's slots, overwritten by it, or on the
                // panel after this one, packed next (the last spills into the buffer's slack).
                int[] index = rowOffsets(lda);
                int src = aOff + i * lda + p0;
                int p = 0;
                if (MR + A_SPILL == Lanes.L && BlockTranspose.available() && kc >= Lanes.L
                        && src + (Lanes.L - 1L) * lda + kc <= a.length) {
                    // At 512 and 256 bits: L depth steps at a time through registers, the panel's
                    // rows (12 or 6) and the 4 or 2 after them (in the array: their lanes land
                    // where the next step is stored, or in the spill, as the gathers' do), in place
                    // of a gather per step; the last L steps end at the block's end, some packed
                    // again. At 256 bits 1.04x the 1024³ product (Zen 4, held to AVX2).
                    BlockTranspose.columns(a, src, lda, kc, ap, base, MR);
                    p = kc;
                }
                for (; p < kc; p++) {
                    int d = base + p * MR;
                    for (int v = 0; v < MR; v += Lanes.L) {
                        FloatVector.fromArray(Lanes.F, a, src + p, index, v).intoArray(ap, d + v);
                    }
                }
            } else {
                packRowByRow(a, aOff + i * lda + p0, lda, rows, kc, ap, base);
            }
            i += rows;
        }
    }

    /**
     * {@link #packA} of a row-major A ({@code transA == false}) in plain loops, without vector
     * code, for an operand packed once per call of a method that runs once per training step (a
     * layer's filters): until the JIT compiles such a method with C2, which takes hundreds of
     * steps, its vector code runs in C1's code, which allocates every vector (30-40 KB a step
     * for the 1-channel layer's 32 x 25 filters). The same floats as {@link #packA}.
     */
    static void packARowByRow(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap, int apOff) {
        int base = apOff;
        for (int i = i0; i < i0 + mc; base += kc * MR) {
            int rows = panelRows(i0 + mc - i);
            packRowByRow(a, aOff + i * lda + p0, lda, rows, kc, ap, base);
            i += rows;
        }
    }

    /** One panel of {@code rows} rows from {@code a[src + r*lda + p]}, row by row; the rows past them zero. */
    private static void packRowByRow(float[] a, int src, int lda, int rows, int kc, float[] ap, int base) {
        for (int r = 0; r < MR; r++) {
            int d = base + r;
            if (r < rows) {
                int row = src + r * lda;
                for (int p = 0; p < kc; p++) {
                    ap[d + p * MR] = a[row + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    ap[d + p * MR] = 0f;
                }
            }
        }
    }

    /** Floats {@link #packA} may write past a full panel's last depth step (its vectors' lanes past {@code MR}). */
    static final int A_SPILL = (MR + Lanes.L - 1) / Lanes.L * Lanes.L - MR;

    /**
     * Per thread: the offsets of a panel's {@code MR} rows, {@code {0, lda, ..., (MR-1)*lda}}, then
     * zeros up to a whole number of vectors (those lanes re-read the first row), then {@code lda}.
     */
    private static final ThreadLocal<int[]> ROW_OFFSETS =
            ThreadLocal.withInitial(() -> new int[MR + A_SPILL + 1]);

    /** {@link #ROW_OFFSETS} for leading dimension {@code lda} (reused, not copied). */
    private static int[] rowOffsets(int lda) {
        int[] index = ROW_OFFSETS.get();
        if (index[MR + A_SPILL] != lda) {
            for (int r = 0; r < MR; r++) {
                index[r] = r * lda;
            }
            index[MR + A_SPILL] = lda;
        }
        return index;
    }

    /** Per thread: {@code {0, ldb, 2*ldb, ...}} for the last {@code ldb} packed, {@code NR} entries. */
    private static final ThreadLocal<int[]> COLUMN_OFFSETS = ThreadLocal.withInitial(() -> new int[NR + 1]);

    /** The offsets of a strip's {@code NR} columns of a row-major matrix with leading dimension {@code ldb} (reused, not copied). */
    private static int[] columnOffsets(int ldb) {
        int[] index = COLUMN_OFFSETS.get();
        if (index[NR] != ldb) {
            for (int c = 0; c < NR; c++) {
                index[c] = c * ldb;
            }
            index[NR] = ldb;
        }
        return index;
    }

    /**
     * Packs {@code op(B)[p0:p0+kc, j0:j0+nc]} into {@code ceil(nc/NR)} panels from index 0:
     * {@code bp[t*kc*NR + p*NR + c] = op(B)[p0+p, j0+t*NR+c]}, zero beyond column {@code nc}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] bp) {
        int strips = (nc + NR - 1) / NR;
        if (transB) {
            // op(B)[p, j] = b[bOff + j*ldb + p]: each column is contiguous along the depth. Full
            // strips are transposed block by block where the width has a block transpose, else
            // gather a row of the panel (NR columns, ldb apart) per depth step; the last partial
            // strip is copied column by column.
            int full = nc / NR;
            int[] index = columnOffsets(ldb);
            for (int t = 0; t < full; t++) {
                int base = t * kc * NR;
                int src = bOff + (j0 + t * NR) * ldb + p0;
                if (BlockTranspose.available() && kc >= Lanes.L) {
                    // 16 (or 8) columns at a time through registers: the strip's two halves.
                    BlockTranspose.columns(b, src, ldb, kc, bp, base, NR);
                    BlockTranspose.columns(b, src + Lanes.L * ldb, ldb, kc, bp, base + Lanes.L, NR);
                    continue;
                }
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NR;
                    FloatVector.fromArray(Lanes.F, b, src + p, index, 0).intoArray(bp, d);
                    FloatVector.fromArray(Lanes.F, b, src + p, index, Lanes.L).intoArray(bp, d + Lanes.L);
                }
            }
            for (int t = full; t < strips; t++) {
                int base = t * kc * NR;
                for (int c = 0; c < NR; c++) {
                    int j = t * NR + c;
                    if (j < nc) {
                        int src = bOff + (j0 + j) * ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + c] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + c] = 0f;
                        }
                    }
                }
            }
            return;
        }
        // op(B)[p, j] = b[bOff + p*ldb + j]: read row by row, NR contiguous floats per panel,
        // moved as two vectors: System.arraycopy of NR floats calls a copy stub, 4% of the 1024³
        // product at 256 bits (the vectors: 1.04x; 1.015x at 512 bits).
        int full = nc / NR;
        int rest = nc - full * NR;
        for (int p = 0; p < kc; p++) {
            int src = bOff + (p0 + p) * ldb + j0;
            int dst = p * NR;
            for (int t = 0; t < full; t++, src += NR, dst += kc * NR) {
                FloatVector.fromArray(Lanes.F, b, src).intoArray(bp, dst);
                FloatVector.fromArray(Lanes.F, b, src + Lanes.L).intoArray(bp, dst + Lanes.L);
            }
            if (rest > 0) {
                for (int c = 0; c < NR; c++) {
                    bp[dst + c] = c < rest ? b[src + c] : 0f;
                }
            }
        }
    }
}
