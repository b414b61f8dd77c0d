package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked GEMM micro-kernel: one {@code MR x NR = 6 x 16} tile of
 * <pre>  C[i, j] = alpha * sum_p Ap[i, p] * Bp[p, j] + beta * C[i, j]</pre>
 * from packed panels, with twelve 8-lane accumulators held in registers.
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
    /** Rows of the tile. */
    static final int MR = 6;
    /** Columns of the tile: two vectors. */
    static final int NR = 16;

    private MicroKernel() {
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
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + 8);
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
        if (rows == MR && cols == NR) {
            FloatVector av = FloatVector.broadcast(Lanes.F, alpha);
            if (beta == 0f) {
                c00.mul(alpha).intoArray(c, cIdx);
                c01.mul(alpha).intoArray(c, cIdx + 8);
                c10.mul(alpha).intoArray(c, cIdx + ldc);
                c11.mul(alpha).intoArray(c, cIdx + ldc + 8);
                c20.mul(alpha).intoArray(c, cIdx + 2 * ldc);
                c21.mul(alpha).intoArray(c, cIdx + 2 * ldc + 8);
                c30.mul(alpha).intoArray(c, cIdx + 3 * ldc);
                c31.mul(alpha).intoArray(c, cIdx + 3 * ldc + 8);
                c40.mul(alpha).intoArray(c, cIdx + 4 * ldc);
                c41.mul(alpha).intoArray(c, cIdx + 4 * ldc + 8);
                c50.mul(alpha).intoArray(c, cIdx + 5 * ldc);
                c51.mul(alpha).intoArray(c, cIdx + 5 * ldc + 8);
            } else if (beta == 1f) {
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 8)).intoArray(c, cIdx + 8);
                int r1 = cIdx + ldc;
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, r1)).intoArray(c, r1);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, r1 + 8)).intoArray(c, r1 + 8);
                int r2 = r1 + ldc;
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, r2)).intoArray(c, r2);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, r2 + 8)).intoArray(c, r2 + 8);
                int r3 = r2 + ldc;
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, r3)).intoArray(c, r3);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, r3 + 8)).intoArray(c, r3 + 8);
                int r4 = r3 + ldc;
                c40.fma(av, FloatVector.fromArray(Lanes.F, c, r4)).intoArray(c, r4);
                c41.fma(av, FloatVector.fromArray(Lanes.F, c, r4 + 8)).intoArray(c, r4 + 8);
                int r5 = r4 + ldc;
                c50.fma(av, FloatVector.fromArray(Lanes.F, c, r5)).intoArray(c, r5);
                c51.fma(av, FloatVector.fromArray(Lanes.F, c, r5 + 8)).intoArray(c, r5 + 8);
            } else {
                c00.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx).mul(beta)).intoArray(c, cIdx);
                c01.fma(av, FloatVector.fromArray(Lanes.F, c, cIdx + 8).mul(beta)).intoArray(c, cIdx + 8);
                int r1 = cIdx + ldc;
                c10.fma(av, FloatVector.fromArray(Lanes.F, c, r1).mul(beta)).intoArray(c, r1);
                c11.fma(av, FloatVector.fromArray(Lanes.F, c, r1 + 8).mul(beta)).intoArray(c, r1 + 8);
                int r2 = r1 + ldc;
                c20.fma(av, FloatVector.fromArray(Lanes.F, c, r2).mul(beta)).intoArray(c, r2);
                c21.fma(av, FloatVector.fromArray(Lanes.F, c, r2 + 8).mul(beta)).intoArray(c, r2 + 8);
                int r3 = r2 + ldc;
                c30.fma(av, FloatVector.fromArray(Lanes.F, c, r3).mul(beta)).intoArray(c, r3);
                c31.fma(av, FloatVector.fromArray(Lanes.F, c, r3 + 8).mul(beta)).intoArray(c, r3 + 8);
                int r4 = r3 + ldc;
                c40.fma(av, FloatVector.fromArray(Lanes.F, c, r4).mul(beta)).intoArray(c, r4);
                c41.fma(av, FloatVector.fromArray(Lanes.F, c, r4 + 8).mul(beta)).intoArray(c, r4 + 8);
                int r5 = r4 + ldc;
                c50.fma(av, FloatVector.fromArray(Lanes.F, c, r5).mul(beta)).intoArray(c, r5);
                c51.fma(av, FloatVector.fromArray(Lanes.F, c, r5 + 8).mul(beta)).intoArray(c, r5 + 8);
            }
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
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
            FloatVector b1 = FloatVector.fromArray(Lanes.F, bp, bi + 8);
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        writeTile(tile, rows, cols, c, cIdx, ldc, alpha, beta);
    }

    /**
     * {@code C[r, j] = alpha * tile[r*NR + j] + beta * C[r, j]} for {@code r < rows, j < cols}.
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
                    c[row + j] = alpha * tile[t + j] + beta * c[row + j];
                }
            }
        }
    }
}
