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

    /** {@code dx[i, c0:c1] = sum_o dy[i, o] w[o, c0:c1]} for every row {@code i < n}. */
    static void inputGradient(int n, int in, int out, int c0, int c1, float[] w, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) {
            int dyRow = i * out;
            int dxRow = i * in;
            for (int j = c0; j < c1; j += Lanes.L) {
                FloatVector s = FloatVector.zero(Lanes.F);
                for (int o = 0; o < out; o++) {
                    s = FloatVector.broadcast(Lanes.F, dy[dyRow + o]).fma(FloatVector.fromArray(Lanes.F, w, o * in + j), s);
                }
                s.intoArray(dx, dxRow + j);
            }
        }
    }

    /** {@code dw[o, c0:c1] += sum_i dy[i, o] x[i, c0:c1]} for every output {@code o < out}, rows {@code i} in order. */
    static void weightGradient(int n, int in, int out, int c0, int c1, float[] x, float[] dy, float[] dw) {
        for (int i = 0; i < n; i++) {
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
