package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The backward pass of a linear layer with few outputs and long rows (a classifier on 16,384
 * features) over a range of columns {@code [c0, c1)} of its input, row by row:
 * <pre>
 *   dx[i, c0:c1]  = sum_o dy[i, o] w[o, c0:c1]     for each row i of the batch
 *   dw[o, c0:c1] += sum_i dy[i, o] x[i, c0:c1]     the batch's rows in order
 * </pre>
 * Shapes: {@code x, dx (n, in)}, {@code w, dw (out, in)}, {@code dy (n, out)}; {@code c1 - c0} a
 * multiple of 16.
 *
 * <p>{@link SimdDense}'s register tiles run down a column block through every row of the batch:
 * with rows of 64 KiB each tile reads 64 rows 64 KiB apart, which the hardware prefetchers do
 * not follow, so the pass waited on memory (7-12 GFLOP/s). Here each row of x and dx is read or
 * written left to right, and the chunk's rows of w and dw (a few KiB each) stay in L1.
 *
 * <p>Bits: each element is the same chain of fused multiply-adds as in the tiles ({@code dx}
 * from zero over the outputs in order, {@code dw} from its value over the rows in order, each
 * step {@code dy * v + s}), so the results are those of {@link SimdDense}'s tiles.
 */
final class DenseRowMajor {
    private DenseRowMajor() {
    }

    /** Rows of the batch {@link #weightGradient} carries through one load and store of {@code dw}. */
    static final int ROWS = 4;

    /**
     * {@code dx[i, c0:c1] = sum_o dy[i, o] w[o, c0:c1]} for every row {@code i < n}: four vectors
     * of a row at a time, so that each broadcast of {@code dy[i, o]} feeds four multiply-adds.
     */
    static void inputGradient(int n, int in, int out, int c0, int c1, float[] w, float[] dy, float[] dx) {
        int wide = 4 * Lanes.L;
        for (int i = 0; i < n; i++) {
            int dyRow = i * out;
            int dxRow = i * in;
            int j = c0;
            for (; j + wide <= c1; j += wide) {
                FloatVector s0 = FloatVector.zero(Lanes.F);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int o = 0; o < out; o++) {
                    FloatVector q = FloatVector.broadcast(Lanes.F, dy[dyRow + o]);
                    int wi = o * in + j;
                    s0 = q.fma(FloatVector.fromArray(Lanes.F, w, wi), s0);
                    s1 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + Lanes.L), s1);
                    s2 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + 2 * Lanes.L), s2);
                    s3 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + 3 * Lanes.L), s3);
                }
                s0.intoArray(dx, dxRow + j);
                s1.intoArray(dx, dxRow + j + Lanes.L);
                s2.intoArray(dx, dxRow + j + 2 * Lanes.L);
                s3.intoArray(dx, dxRow + j + 3 * Lanes.L);
            }
            for (; j < c1; j += Lanes.L) {
                FloatVector s = FloatVector.zero(Lanes.F);
                for (int o = 0; o < out; o++) {
                    s = FloatVector.broadcast(Lanes.F, dy[dyRow + o]).fma(FloatVector.fromArray(Lanes.F, w, o * in + j), s);
                }
                s.intoArray(dx, dxRow + j);
            }
        }
    }

    /**
     * {@code dw[o, c0:c1] += sum_i dy[i, o] x[i, c0:c1]} for every output {@code o < out}, rows
     * {@code i} in order: {@link #ROWS} rows at a time, each vector of {@code dw} loaded once,
     * carried through their multiply-adds in row order and stored once (the rows past the last
     * full group one at a time).
     */
    static void weightGradient(int n, int in, int out, int c0, int c1, float[] x, float[] dy, float[] dw) {
        int i = 0;
        for (; i + ROWS <= n; i += ROWS) {
            int x0 = i * in;
            int x1 = x0 + in;
            int x2 = x1 + in;
            int x3 = x2 + in;
            for (int o = 0; o < out; o++) {
                FloatVector q0 = FloatVector.broadcast(Lanes.F, dy[i * out + o]);
                FloatVector q1 = FloatVector.broadcast(Lanes.F, dy[(i + 1) * out + o]);
                FloatVector q2 = FloatVector.broadcast(Lanes.F, dy[(i + 2) * out + o]);
                FloatVector q3 = FloatVector.broadcast(Lanes.F, dy[(i + 3) * out + o]);
                int dwRow = o * in;
                for (int j = c0; j < c1; j += Lanes.L) {
                    FloatVector s = FloatVector.fromArray(Lanes.F, dw, dwRow + j);
                    s = q0.fma(FloatVector.fromArray(Lanes.F, x, x0 + j), s);
                    s = q1.fma(FloatVector.fromArray(Lanes.F, x, x1 + j), s);
                    s = q2.fma(FloatVector.fromArray(Lanes.F, x, x2 + j), s);
                    s = q3.fma(FloatVector.fromArray(Lanes.F, x, x3 + j), s);
                    s.intoArray(dw, dwRow + j);
                }
            }
        }
        for (; i < n; i++) {
            int xRow = i * in;
            for (int o = 0; o < out; o++) {
                FloatVector q = FloatVector.broadcast(Lanes.F, dy[i * out + o]);
                int dwRow = o * in;
                for (int j = c0; j < c1; j += Lanes.L) {
                    q.fma(FloatVector.fromArray(Lanes.F, x, xRow + j), FloatVector.fromArray(Lanes.F, dw, dwRow + j))
                            .intoArray(dw, dwRow + j);
                }
            }
        }
    }
}
