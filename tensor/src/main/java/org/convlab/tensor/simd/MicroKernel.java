package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked GEMM micro-kernels: one {@code 6 x 2L} tile ({@code L} lanes; {@code 12 x 2L}
 * with 512-bit vectors, see {@link #tile12}) of
 * <pre>  C[i, j] = alpha * sum_p Ap[i, p] * Bp[p, j] + beta * C[i, j]</pre>
 * from packed panels, with twelve accumulators held in registers. Every element of {@code C}
 * is one chain of fused multiply-adds along the depth and one epilogue,
 * {@code fma(sum, alpha, beta * C)} ({@code alpha * sum} when {@code beta == 0}), in full and in
 * partial tiles alike: its bits do not depend on the tile's shape, hence not on the vector width.
 *
 * <p>Panels: {@code Ap} holds the tile's rows p-major, {@code ap[aIdx + p*MR + r]} for
 * {@code r < MR}; {@code Bp} holds its columns p-major, {@code bp[bIdx + p*NR + c]} for
 * {@code c < NR}. The constant strides let the JIT drop the bounds checks from the loop. Rows and columns beyond the matrix are zero in the panels; only
 * {@code rows x cols} elements of {@code C} are written.
 *
 * <p>The whole tile lives in this one method (no helper takes or returns a vector) so that the
 * JIT keeps every vector in a register: a vector passed to a method that fails to inline is
 * boxed on the heap and the kernel runs several times slower.
 */
final class MicroKernel {
    /**
     * Rows of a packed A panel: 12 where there are 32 vector registers (512-bit vectors; see
     * {@link #tile12}), else 6. Every kernel reads A with this stride; {@link #tile} and
     * {@link #tile4} take 6 or 4 of a panel's rows from any row offset.
     */
    static final int MR = Lanes.REGISTERS >= 32 ? 12 : 6;
    /** Columns of the tile: two vectors (8, 16 or 32 columns at 128, 256 or 512 bits). */
    static final int NR = 2 * Lanes.L;

    private MicroKernel() {
    }

    /**
     * Computes one row panel's tile of {@code rows <= MR} rows: {@link #tile12} for a full
     * 12-row panel ({@link FewColumnsTile} when the strip has at most 8 columns, {@link #narrow12}
     * when it has at most {@code L}), {@link #tile8}
     * for 7 or 8 rows of one, else 6- and 4-row tiles over the panel's rows (each reads A with the
     * stride {@code MR} from its own row offset).
     */
    static void panel(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                      float[] c, int cIdx, int ldc, int rows, int cols,
                      float alpha, float beta, float[] tile) {
        if (MR == 12 && rows == 12) {
            if (FewColumnsTile.fits(ap, aIdx, kc, cols)) {
                FewColumnsTile.compute(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, cols, alpha, beta, tile);
            } else if (cols <= Lanes.L) {
                narrow12(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, cols, alpha, beta, tile);
            } else if (beta == 0f) {
                tile12Zero(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, rows, cols, alpha, tile);
            } else {
                tile12(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, rows, cols, alpha, beta, tile);
            }
            return;
        }
        if (MR == 12 && rows > 6 && rows <= 8) {
            tile8(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, rows, cols, alpha, beta, tile);
            return;
        }
        for (int r = 0; r < rows; r += 6) {
            int h = Math.min(6, rows - r);
            if (h > 4) {
                tile(ap, aIdx + r, bp, bIdx, kc, c, cIdx + r * ldc, ldc, h, cols, alpha, beta, tile);
            } else {
                tile4(ap, aIdx + r, bp, bIdx, kc, c, cIdx + r * ldc, ldc, h, cols, alpha, beta, tile);
            }
        }
    }

    /**
     * Computes one tile; {@code beta == 0} means {@code C} is not read.
     *
     * @param tile scratch of at least {@code MR * NR} floats, used for partial tiles
     */
    static void tile(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                     float[] c, int cIdx, int ldc, int rows, int cols,
                     float alpha, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + Lanes.L);
            FloatVector a = FloatVector.broadcast(Lanes.F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        if (rows == 6 && cols == NR) {
            FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
            if (beta == 0f) {
                c00.mul(alpha).intoArray(c, cIdx);
                c01.mul(alpha).intoArray(c, cIdx + Lanes.L);
                c10.mul(alpha).intoArray(c, cIdx + ldc);
                c11.mul(alpha).intoArray(c, cIdx + ldc + Lanes.L);
                c20.mul(alpha).intoArray(c, cIdx + 2 * ldc);
                c21.mul(alpha).intoArray(c, cIdx + 2 * ldc + Lanes.L);
                c30.mul(alpha).intoArray(c, cIdx + 3 * ldc);
                c31.mul(alpha).intoArray(c, cIdx + 3 * ldc + Lanes.L);
                c40.mul(alpha).intoArray(c, cIdx + 4 * ldc);
                c41.mul(alpha).intoArray(c, cIdx + 4 * ldc + Lanes.L);
                c50.mul(alpha).intoArray(c, cIdx + 5 * ldc);
                c51.mul(alpha).intoArray(c, cIdx + 5 * ldc + Lanes.L);
            } else if (beta == 1f) {
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + Lanes.L)).intoArray(c, cIdx + Lanes.L);
                int r1 = cIdx + ldc;
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, r1)).intoArray(c, r1);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, r1 + Lanes.L)).intoArray(c, r1 + Lanes.L);
                int r2 = r1 + ldc;
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, r2)).intoArray(c, r2);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, r2 + Lanes.L)).intoArray(c, r2 + Lanes.L);
                int r3 = r2 + ldc;
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, r3)).intoArray(c, r3);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, r3 + Lanes.L)).intoArray(c, r3 + Lanes.L);
                int r4 = r3 + ldc;
                c40.fma(av, FloatVector.fromArray(Lanes.F, c, r4)).intoArray(c, r4);
                c41.fma(av, FloatVector.fromArray(Lanes.F, c, r4 + Lanes.L)).intoArray(c, r4 + Lanes.L);
                int r5 = r4 + ldc;
                c50.fma(av, FloatVector.fromArray(Lanes.F, c, r5)).intoArray(c, r5);
                c51.fma(av, FloatVector.fromArray(Lanes.F, c, r5 + Lanes.L)).intoArray(c, r5 + Lanes.L);
            } else {
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx).mul(beta)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + Lanes.L).mul(beta)).intoArray(c, cIdx + Lanes.L);
                int r1 = cIdx + ldc;
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, r1).mul(beta)).intoArray(c, r1);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, r1 + Lanes.L).mul(beta)).intoArray(c, r1 + Lanes.L);
                int r2 = r1 + ldc;
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, r2).mul(beta)).intoArray(c, r2);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, r2 + Lanes.L).mul(beta)).intoArray(c, r2 + Lanes.L);
                int r3 = r2 + ldc;
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, r3).mul(beta)).intoArray(c, r3);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, r3 + Lanes.L).mul(beta)).intoArray(c, r3 + Lanes.L);
                int r4 = r3 + ldc;
                c40.fma(av, FloatVector.fromArray(Lanes.F, c, r4).mul(beta)).intoArray(c, r4);
                c41.fma(av, FloatVector.fromArray(Lanes.F, c, r4 + Lanes.L).mul(beta)).intoArray(c, r4 + Lanes.L);
                int r5 = r4 + ldc;
                c50.fma(av, FloatVector.fromArray(Lanes.F, c, r5).mul(beta)).intoArray(c, r5);
                c51.fma(av, FloatVector.fromArray(Lanes.F, c, r5 + Lanes.L).mul(beta)).intoArray(c, r5 + Lanes.L);
            }
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, Lanes.L);
        c10.intoArray(tile, 2 * Lanes.L);
        c11.intoArray(tile, 3 * Lanes.L);
        c20.intoArray(tile, 4 * Lanes.L);
        c21.intoArray(tile, 5 * Lanes.L);
        c30.intoArray(tile, 6 * Lanes.L);
        c31.intoArray(tile, 7 * Lanes.L);
        c40.intoArray(tile, 8 * Lanes.L);
        c41.intoArray(tile, 9 * Lanes.L);
        c50.intoArray(tile, 10 * Lanes.L);
        c51.intoArray(tile, 11 * Lanes.L);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
    }

    /**
     * The 12 x 2L tile for 512-bit vectors, whose 32 registers hold its 24 accumulators, the two
     * B vectors and a broadcast: twice the work per load of B than {@link #tile}, and each
     * element of C the same chain of fused multiply-adds. Full tiles with {@code beta == 1}
     * (every depth block after the first) are written from registers; the rest through the
     * scalar epilogue, which rounds alike; {@code beta == 0} goes to {@link #tile12Zero}.
     */
    static void tile12(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                       float[] c, int cIdx, int ldc, int rows, int cols,
                       float alpha, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        FloatVector c80 = c00;
        FloatVector c81 = c00;
        FloatVector c90 = c00;
        FloatVector c91 = c00;
        FloatVector c100 = c00;
        FloatVector c101 = c00;
        FloatVector c110 = c00;
        FloatVector c111 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + Lanes.L);
            FloatVector a = FloatVector.broadcast(Lanes.F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 10]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 11]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
        }
        if (rows == 12 && cols == NR && beta == 1f) {
            FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
            int row = cIdx;
            c00.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c01.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c10.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c11.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c20.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c21.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c30.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c31.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c40.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c41.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c50.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c51.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c60.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c61.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c70.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c71.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c80.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c81.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c90.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c91.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c100.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c101.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            row += ldc;
            c110.fma(av, FloatVector.fromArray(Lanes.F, c, row)).intoArray(c, row);
            c111.fma(av, FloatVector.fromArray(Lanes.F, c, row + Lanes.L)).intoArray(c, row + Lanes.L);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 1 * Lanes.L);
        c10.intoArray(tile, 2 * Lanes.L);
        c11.intoArray(tile, 3 * Lanes.L);
        c20.intoArray(tile, 4 * Lanes.L);
        c21.intoArray(tile, 5 * Lanes.L);
        c30.intoArray(tile, 6 * Lanes.L);
        c31.intoArray(tile, 7 * Lanes.L);
        c40.intoArray(tile, 8 * Lanes.L);
        c41.intoArray(tile, 9 * Lanes.L);
        c50.intoArray(tile, 10 * Lanes.L);
        c51.intoArray(tile, 11 * Lanes.L);
        c60.intoArray(tile, 12 * Lanes.L);
        c61.intoArray(tile, 13 * Lanes.L);
        c70.intoArray(tile, 14 * Lanes.L);
        c71.intoArray(tile, 15 * Lanes.L);
        c80.intoArray(tile, 16 * Lanes.L);
        c81.intoArray(tile, 17 * Lanes.L);
        c90.intoArray(tile, 18 * Lanes.L);
        c91.intoArray(tile, 19 * Lanes.L);
        c100.intoArray(tile, 20 * Lanes.L);
        c101.intoArray(tile, 21 * Lanes.L);
        c110.intoArray(tile, 22 * Lanes.L);
        c111.intoArray(tile, 23 * Lanes.L);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
    }

    /**
     * {@link #tile12} for {@code beta == 0} (the first depth block of every product): full tiles
     * are written from registers as {@code alpha * sum}, the rest through the scalar epilogue,
     * which rounds alike. A method of its own: with both register epilogues in one method, C2
     * (JDK 25) compiled it with its vectors boxed (a 1x28x28 ConvNet's training step allocated
     * 300 MB instead of 7 KB, with one vector species in the program as with two).
     */
    static void tile12Zero(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                           float[] c, int cIdx, int ldc, int rows, int cols,
                           float alpha, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        FloatVector c80 = c00;
        FloatVector c81 = c00;
        FloatVector c90 = c00;
        FloatVector c91 = c00;
        FloatVector c100 = c00;
        FloatVector c101 = c00;
        FloatVector c110 = c00;
        FloatVector c111 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + Lanes.L);
            FloatVector a = FloatVector.broadcast(Lanes.F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 10]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 11]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
        }
        if (rows == 12 && cols == NR) {
            FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
            int row = cIdx;
            c00.mul(av).intoArray(c, row);
            c01.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c10.mul(av).intoArray(c, row);
            c11.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c20.mul(av).intoArray(c, row);
            c21.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c30.mul(av).intoArray(c, row);
            c31.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c40.mul(av).intoArray(c, row);
            c41.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c50.mul(av).intoArray(c, row);
            c51.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c60.mul(av).intoArray(c, row);
            c61.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c70.mul(av).intoArray(c, row);
            c71.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c80.mul(av).intoArray(c, row);
            c81.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c90.mul(av).intoArray(c, row);
            c91.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c100.mul(av).intoArray(c, row);
            c101.mul(av).intoArray(c, row + Lanes.L);
            row += ldc;
            c110.mul(av).intoArray(c, row);
            c111.mul(av).intoArray(c, row + Lanes.L);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 1 * Lanes.L);
        c10.intoArray(tile, 2 * Lanes.L);
        c11.intoArray(tile, 3 * Lanes.L);
        c20.intoArray(tile, 4 * Lanes.L);
        c21.intoArray(tile, 5 * Lanes.L);
        c30.intoArray(tile, 6 * Lanes.L);
        c31.intoArray(tile, 7 * Lanes.L);
        c40.intoArray(tile, 8 * Lanes.L);
        c41.intoArray(tile, 9 * Lanes.L);
        c50.intoArray(tile, 10 * Lanes.L);
        c51.intoArray(tile, 11 * Lanes.L);
        c60.intoArray(tile, 12 * Lanes.L);
        c61.intoArray(tile, 13 * Lanes.L);
        c70.intoArray(tile, 14 * Lanes.L);
        c71.intoArray(tile, 15 * Lanes.L);
        c80.intoArray(tile, 16 * Lanes.L);
        c81.intoArray(tile, 17 * Lanes.L);
        c90.intoArray(tile, 18 * Lanes.L);
        c91.intoArray(tile, 19 * Lanes.L);
        c100.intoArray(tile, 20 * Lanes.L);
        c101.intoArray(tile, 21 * Lanes.L);
        c110.intoArray(tile, 22 * Lanes.L);
        c111.intoArray(tile, 23 * Lanes.L);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, 0f);
    }

    /**
     * A full 12-row panel against a strip of at most {@code L} columns (the last strip of a
     * width that is not a multiple of {@code 2L}: 100 = 3 x 32 + 4 at 512 bits): twelve
     * accumulators of one vector, half the multiply-adds of {@link #tile12} on such a strip.
     * Each element of C is the same chain of fused multiply-adds and the same epilogue, so the
     * bits are those of {@code tile12}. A strip of exactly {@code L} columns is written from
     * registers, narrower ones through the scalar epilogue.
     */
    static void narrow12(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                         float[] c, int cIdx, int ldc, int cols,
                         float alpha, float beta, float[] tile) {
        FloatVector c0 = FloatVector.zero(Lanes.F);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * MR;
            FloatVector b = FloatVector.fromArray(Lanes.F, bp, bIdx + p * NR);
            c0 = FloatVector.broadcast(Lanes.F, ap[ai]).fma(b, c0);
            c1 = FloatVector.broadcast(Lanes.F, ap[ai + 1]).fma(b, c1);
            c2 = FloatVector.broadcast(Lanes.F, ap[ai + 2]).fma(b, c2);
            c3 = FloatVector.broadcast(Lanes.F, ap[ai + 3]).fma(b, c3);
            c4 = FloatVector.broadcast(Lanes.F, ap[ai + 4]).fma(b, c4);
            c5 = FloatVector.broadcast(Lanes.F, ap[ai + 5]).fma(b, c5);
            c6 = FloatVector.broadcast(Lanes.F, ap[ai + 6]).fma(b, c6);
            c7 = FloatVector.broadcast(Lanes.F, ap[ai + 7]).fma(b, c7);
            c8 = FloatVector.broadcast(Lanes.F, ap[ai + 8]).fma(b, c8);
            c9 = FloatVector.broadcast(Lanes.F, ap[ai + 9]).fma(b, c9);
            c10 = FloatVector.broadcast(Lanes.F, ap[ai + 10]).fma(b, c10);
            c11 = FloatVector.broadcast(Lanes.F, ap[ai + 11]).fma(b, c11);
        }
        if (cols == Lanes.L) {
            // Written out row by row: a helper taking a vector could box it (see the class comment).
            FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
            if (beta == 0f) {
                c0.mul(av).intoArray(c, cIdx);
                c1.mul(av).intoArray(c, cIdx + ldc);
                c2.mul(av).intoArray(c, cIdx + 2 * ldc);
                c3.mul(av).intoArray(c, cIdx + 3 * ldc);
                c4.mul(av).intoArray(c, cIdx + 4 * ldc);
                c5.mul(av).intoArray(c, cIdx + 5 * ldc);
                c6.mul(av).intoArray(c, cIdx + 6 * ldc);
                c7.mul(av).intoArray(c, cIdx + 7 * ldc);
                c8.mul(av).intoArray(c, cIdx + 8 * ldc);
                c9.mul(av).intoArray(c, cIdx + 9 * ldc);
                c10.mul(av).intoArray(c, cIdx + 10 * ldc);
                c11.mul(av).intoArray(c, cIdx + 11 * ldc);
            } else if (beta == 1f) {
                c0.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx)).intoArray(c, cIdx);
                c1.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + ldc)).intoArray(c, cIdx + ldc);
                c2.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 2 * ldc)).intoArray(c, cIdx + 2 * ldc);
                c3.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 3 * ldc)).intoArray(c, cIdx + 3 * ldc);
                c4.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 4 * ldc)).intoArray(c, cIdx + 4 * ldc);
                c5.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 5 * ldc)).intoArray(c, cIdx + 5 * ldc);
                c6.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 6 * ldc)).intoArray(c, cIdx + 6 * ldc);
                c7.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 7 * ldc)).intoArray(c, cIdx + 7 * ldc);
                c8.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 8 * ldc)).intoArray(c, cIdx + 8 * ldc);
                c9.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 9 * ldc)).intoArray(c, cIdx + 9 * ldc);
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 10 * ldc)).intoArray(c, cIdx + 10 * ldc);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 11 * ldc)).intoArray(c, cIdx + 11 * ldc);
            } else {
                c0.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx).mul(beta)).intoArray(c, cIdx);
                c1.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + ldc).mul(beta)).intoArray(c, cIdx + ldc);
                c2.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 2 * ldc).mul(beta)).intoArray(c, cIdx + 2 * ldc);
                c3.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 3 * ldc).mul(beta)).intoArray(c, cIdx + 3 * ldc);
                c4.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 4 * ldc).mul(beta)).intoArray(c, cIdx + 4 * ldc);
                c5.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 5 * ldc).mul(beta)).intoArray(c, cIdx + 5 * ldc);
                c6.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 6 * ldc).mul(beta)).intoArray(c, cIdx + 6 * ldc);
                c7.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 7 * ldc).mul(beta)).intoArray(c, cIdx + 7 * ldc);
                c8.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 8 * ldc).mul(beta)).intoArray(c, cIdx + 8 * ldc);
                c9.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 9 * ldc).mul(beta)).intoArray(c, cIdx + 9 * ldc);
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 10 * ldc).mul(beta)).intoArray(c, cIdx + 10 * ldc);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 11 * ldc).mul(beta)).intoArray(c, cIdx + 11 * ldc);
            }
            return;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
        c6.intoArray(tile, 6 * NR);
        c7.intoArray(tile, 7 * NR);
        c8.intoArray(tile, 8 * NR);
        c9.intoArray(tile, 9 * NR);
        c10.intoArray(tile, 10 * NR);
        c11.intoArray(tile, 11 * NR);
        writeTile(tile, 12, cols, c, cIdx, ldc, alpha, beta);
    }

    /**
     * The same tile for a panel of at most 4 rows (A still packed with row stride {@code MR}):
     * eight accumulators, enough to keep both FMA pipes busy, and no work on the panel's
     * padding rows.
     */
    static void tile4(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                      float[] c, int cIdx, int ldc, int rows, int cols,
                      float alpha, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + Lanes.L);
            FloatVector a = FloatVector.broadcast(Lanes.F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        if (rows == 4 && cols == NR && (beta == 0f || beta == 1f)) {
            // A full tile from registers (a 32-filter layer's last 8 rows are two of these), the
            // same roundings as writeTile: alpha * acc, or fma(acc, alpha, C).
            int r1 = cIdx + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            if (beta == 0f) {
                c00.mul(alpha).intoArray(c, cIdx);
                c01.mul(alpha).intoArray(c, cIdx + Lanes.L);
                c10.mul(alpha).intoArray(c, r1);
                c11.mul(alpha).intoArray(c, r1 + Lanes.L);
                c20.mul(alpha).intoArray(c, r2);
                c21.mul(alpha).intoArray(c, r2 + Lanes.L);
                c30.mul(alpha).intoArray(c, r3);
                c31.mul(alpha).intoArray(c, r3 + Lanes.L);
            } else {
                FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + Lanes.L)).intoArray(c, cIdx + Lanes.L);
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, r1)).intoArray(c, r1);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, r1 + Lanes.L)).intoArray(c, r1 + Lanes.L);
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, r2)).intoArray(c, r2);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, r2 + Lanes.L)).intoArray(c, r2 + Lanes.L);
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, r3)).intoArray(c, r3);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, r3 + Lanes.L)).intoArray(c, r3 + Lanes.L);
            }
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, Lanes.L);
        c10.intoArray(tile, 2 * Lanes.L);
        c11.intoArray(tile, 3 * Lanes.L);
        c20.intoArray(tile, 4 * Lanes.L);
        c21.intoArray(tile, 5 * Lanes.L);
        c30.intoArray(tile, 6 * Lanes.L);
        c31.intoArray(tile, 7 * Lanes.L);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
    }

    /**
     * The tile for 7 or 8 rows of a 12-row panel at 512 bits (A still packed with row stride
     * {@code MR}): sixteen accumulators, where two {@link #tile4} calls would load every B vector
     * twice (a 32-filter layer's rows are 12 + 12 + 8). Each element of C is the same chain of
     * fused multiply-adds and the same epilogue as in any other tile.
     */
    static void tile8(float[] ap, int aIdx, float[] bp, int bIdx, int kc,
                      float[] c, int cIdx, int ldc, int rows, int cols,
                      float alpha, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + Lanes.L);
            FloatVector a = FloatVector.broadcast(Lanes.F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(Lanes.F, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        if (rows == 8 && cols == NR && (beta == 0f || beta == 1f)) {
            // A full tile from registers, the same roundings as writeTile: alpha * acc, or fma(acc, alpha, C).
            if (beta == 0f) {
                c00.mul(alpha).intoArray(c, cIdx);
                c01.mul(alpha).intoArray(c, cIdx + Lanes.L);
                c10.mul(alpha).intoArray(c, cIdx + ldc);
                c11.mul(alpha).intoArray(c, cIdx + ldc + Lanes.L);
                c20.mul(alpha).intoArray(c, cIdx + 2 * ldc);
                c21.mul(alpha).intoArray(c, cIdx + 2 * ldc + Lanes.L);
                c30.mul(alpha).intoArray(c, cIdx + 3 * ldc);
                c31.mul(alpha).intoArray(c, cIdx + 3 * ldc + Lanes.L);
                c40.mul(alpha).intoArray(c, cIdx + 4 * ldc);
                c41.mul(alpha).intoArray(c, cIdx + 4 * ldc + Lanes.L);
                c50.mul(alpha).intoArray(c, cIdx + 5 * ldc);
                c51.mul(alpha).intoArray(c, cIdx + 5 * ldc + Lanes.L);
                c60.mul(alpha).intoArray(c, cIdx + 6 * ldc);
                c61.mul(alpha).intoArray(c, cIdx + 6 * ldc + Lanes.L);
                c70.mul(alpha).intoArray(c, cIdx + 7 * ldc);
                c71.mul(alpha).intoArray(c, cIdx + 7 * ldc + Lanes.L);
            } else {
                FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + Lanes.L)).intoArray(c, cIdx + Lanes.L);
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + ldc)).intoArray(c, cIdx + ldc);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + ldc + Lanes.L)).intoArray(c, cIdx + ldc + Lanes.L);
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 2 * ldc)).intoArray(c, cIdx + 2 * ldc);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 2 * ldc + Lanes.L)).intoArray(c, cIdx + 2 * ldc + Lanes.L);
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 3 * ldc)).intoArray(c, cIdx + 3 * ldc);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 3 * ldc + Lanes.L)).intoArray(c, cIdx + 3 * ldc + Lanes.L);
                c40.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 4 * ldc)).intoArray(c, cIdx + 4 * ldc);
                c41.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 4 * ldc + Lanes.L)).intoArray(c, cIdx + 4 * ldc + Lanes.L);
                c50.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 5 * ldc)).intoArray(c, cIdx + 5 * ldc);
                c51.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 5 * ldc + Lanes.L)).intoArray(c, cIdx + 5 * ldc + Lanes.L);
                c60.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 6 * ldc)).intoArray(c, cIdx + 6 * ldc);
                c61.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 6 * ldc + Lanes.L)).intoArray(c, cIdx + 6 * ldc + Lanes.L);
                c70.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 7 * ldc)).intoArray(c, cIdx + 7 * ldc);
                c71.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 7 * ldc + Lanes.L)).intoArray(c, cIdx + 7 * ldc + Lanes.L);
            }
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 1 * Lanes.L);
        c10.intoArray(tile, 2 * Lanes.L);
        c11.intoArray(tile, 3 * Lanes.L);
        c20.intoArray(tile, 4 * Lanes.L);
        c21.intoArray(tile, 5 * Lanes.L);
        c30.intoArray(tile, 6 * Lanes.L);
        c31.intoArray(tile, 7 * Lanes.L);
        c40.intoArray(tile, 8 * Lanes.L);
        c41.intoArray(tile, 9 * Lanes.L);
        c50.intoArray(tile, 10 * Lanes.L);
        c51.intoArray(tile, 11 * Lanes.L);
        c60.intoArray(tile, 12 * Lanes.L);
        c61.intoArray(tile, 13 * Lanes.L);
        c70.intoArray(tile, 14 * Lanes.L);
        c71.intoArray(tile, 15 * Lanes.L);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
    }


    /**
     * {@code C[r, j] = fma(tile[r*NR + j], alpha, beta * C[r, j])} for {@code r < rows, j < cols}: the
     * full tiles' epilogue, element by element ({@code Math.fma} rounds as the vector {@code fma} does).
     * Scalar on purpose: this helper runs for tail tiles only, and plain float code costs no
     * allocation while the JIT has not yet compiled it with C2 (interpreted or C1-compiled Vector
     * API code boxes every vector).
     */
    private static void writeTile(float[] tile, int rows, int cols, float[] c, int cIdx, int ldc,
                                  float alpha, float beta) {
        for (int r = 0; r < rows; r++) {
            int row = cIdx + r * ldc;
            int t = r * NR;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) {
                    c[row + j] = alpha * tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[row + j] = Math.fma(tile[t + j], alpha, beta == 1f ? c[row + j] : c[row + j] * beta);
                }
            }
        }
    }
}
