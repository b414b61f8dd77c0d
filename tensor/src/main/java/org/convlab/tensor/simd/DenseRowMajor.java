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
 * written left to right, and the chunk's rows of w and dw (a few KiB each) stay in L1. The
 * register tiles are shaped so that a load feeds several multiply-adds (Zen 4 loads one 512-bit
 * vector a cycle, as many as it multiplies): {@code dx} 4 rows x 4 vectors over the outputs,
 * {@code dw} 5 outputs x 1 vector through 4 rows with their 20 broadcasts of {@code dy} held in
 * registers (with 16 registers: 2 rows, 2 outputs). Classifier 12,544 -> 10, batch 64, one
 * thread, AMD Zen 4 at 512 bits, JDK 25: 1.7-1.9x the one-row kernels with x in L2; from L3 the
 * weight gradient 1.3x and the input gradient 1.0-1.4x (noisy); the two passes' share of the
 * ConvNets' training steps 4.3-4.6% -> 3.3-3.4% ({@code perf}, one thread).
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
     * Rows of the batch {@link #inputGradient} computes together, so that each vector of
     * {@code w} loaded feeds that many multiply-adds: 4 with 32 vector registers (16
     * accumulators, 4 vectors of {@code w}, a broadcast), else 2.
     */
    static final int DX_ROWS = Lanes.REGISTERS >= 32 ? 4 : 2;
    /**
     * Outputs {@link #weightGradient} carries per sweep of a row group's columns, so that each
     * vector of {@code x} loaded feeds that many multiply-adds: 5 with 32 vector registers (the
     * 4 x 5 broadcasts of {@code dy} held across the sweep and 5 accumulators), else 2.
     */
    static final int DW_OUTPUTS = Lanes.REGISTERS >= 32 ? 5 : 2;

    /**
     * {@code dx[i, c0:c1] = sum_o dy[i, o] w[o, c0:c1]} for every row {@code i < n}:
     * {@link #DX_ROWS} rows by four vectors at a time (each load of {@code w} feeds
     * {@code DX_ROWS} multiply-adds, each broadcast of {@code dy[i, o]} four), then the rows
     * left one at a time, and a row's columns past the last four vectors one vector at a time.
     * Written left to right in each row: {@code DX_ROWS} streams.
     */
    static void inputGradient(int n, int in, int out, int c0, int c1, float[] w, float[] dy, float[] dx) {
        int wide = 4 * Lanes.L;
        int i = 0;
        for (; i + DX_ROWS <= n; i += DX_ROWS) {
            int j = c0;
            for (; j + wide <= c1; j += wide) {
                if (DX_ROWS == 4) {
                    inputGradient4x4(in, out, i, j, w, dy, dx);
                } else {
                    inputGradient2x4(in, out, i, j, w, dy, dx);
                }
            }
            for (int r = i; r < i + DX_ROWS; r++) {
                inputGradientVectors(in, out, r, j, c1, w, dy, dx);
            }
        }
        for (; i < n; i++) {
            int j = c0;
            for (; j + wide <= c1; j += wide) {
                inputGradient1x4(in, out, i, j, w, dy, dx);
            }
            inputGradientVectors(in, out, i, j, c1, w, dy, dx);
        }
    }

    /** Rows {@code i..i+3}, columns {@code j..j+4L}: 16 accumulators, the outputs in order. */
    private static void inputGradient4x4(int in, int out, int i, int j, float[] w, float[] dy, float[] dx) {
        FloatVector s00 = FloatVector.zero(Lanes.F);
        FloatVector s01 = FloatVector.zero(Lanes.F);
        FloatVector s02 = FloatVector.zero(Lanes.F);
        FloatVector s03 = FloatVector.zero(Lanes.F);
        FloatVector s10 = FloatVector.zero(Lanes.F);
        FloatVector s11 = FloatVector.zero(Lanes.F);
        FloatVector s12 = FloatVector.zero(Lanes.F);
        FloatVector s13 = FloatVector.zero(Lanes.F);
        FloatVector s20 = FloatVector.zero(Lanes.F);
        FloatVector s21 = FloatVector.zero(Lanes.F);
        FloatVector s22 = FloatVector.zero(Lanes.F);
        FloatVector s23 = FloatVector.zero(Lanes.F);
        FloatVector s30 = FloatVector.zero(Lanes.F);
        FloatVector s31 = FloatVector.zero(Lanes.F);
        FloatVector s32 = FloatVector.zero(Lanes.F);
        FloatVector s33 = FloatVector.zero(Lanes.F);
        int d0 = i * out;
        for (int o = 0; o < out; o++) {
            int wi = o * in + j;
            FloatVector w0 = FloatVector.fromArray(Lanes.F, w, wi);
            FloatVector w1 = FloatVector.fromArray(Lanes.F, w, wi + Lanes.L);
            FloatVector w2 = FloatVector.fromArray(Lanes.F, w, wi + 2 * Lanes.L);
            FloatVector w3 = FloatVector.fromArray(Lanes.F, w, wi + 3 * Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, dy[d0 + o]);
            s00 = q.fma(w0, s00);
            s01 = q.fma(w1, s01);
            s02 = q.fma(w2, s02);
            s03 = q.fma(w3, s03);
            q = FloatVector.broadcast(Lanes.F, dy[d0 + out + o]);
            s10 = q.fma(w0, s10);
            s11 = q.fma(w1, s11);
            s12 = q.fma(w2, s12);
            s13 = q.fma(w3, s13);
            q = FloatVector.broadcast(Lanes.F, dy[d0 + 2 * out + o]);
            s20 = q.fma(w0, s20);
            s21 = q.fma(w1, s21);
            s22 = q.fma(w2, s22);
            s23 = q.fma(w3, s23);
            q = FloatVector.broadcast(Lanes.F, dy[d0 + 3 * out + o]);
            s30 = q.fma(w0, s30);
            s31 = q.fma(w1, s31);
            s32 = q.fma(w2, s32);
            s33 = q.fma(w3, s33);
        }
        int x0 = i * in + j;
        store4(s00, s01, s02, s03, dx, x0);
        store4(s10, s11, s12, s13, dx, x0 + in);
        store4(s20, s21, s22, s23, dx, x0 + 2 * in);
        store4(s30, s31, s32, s33, dx, x0 + 3 * in);
    }

    /** Rows {@code i, i+1}, columns {@code j..j+4L}: 8 accumulators, the outputs in order. */
    private static void inputGradient2x4(int in, int out, int i, int j, float[] w, float[] dy, float[] dx) {
        FloatVector s00 = FloatVector.zero(Lanes.F);
        FloatVector s01 = FloatVector.zero(Lanes.F);
        FloatVector s02 = FloatVector.zero(Lanes.F);
        FloatVector s03 = FloatVector.zero(Lanes.F);
        FloatVector s10 = FloatVector.zero(Lanes.F);
        FloatVector s11 = FloatVector.zero(Lanes.F);
        FloatVector s12 = FloatVector.zero(Lanes.F);
        FloatVector s13 = FloatVector.zero(Lanes.F);
        int d0 = i * out;
        for (int o = 0; o < out; o++) {
            int wi = o * in + j;
            FloatVector w0 = FloatVector.fromArray(Lanes.F, w, wi);
            FloatVector w1 = FloatVector.fromArray(Lanes.F, w, wi + Lanes.L);
            FloatVector w2 = FloatVector.fromArray(Lanes.F, w, wi + 2 * Lanes.L);
            FloatVector w3 = FloatVector.fromArray(Lanes.F, w, wi + 3 * Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, dy[d0 + o]);
            s00 = q.fma(w0, s00);
            s01 = q.fma(w1, s01);
            s02 = q.fma(w2, s02);
            s03 = q.fma(w3, s03);
            q = FloatVector.broadcast(Lanes.F, dy[d0 + out + o]);
            s10 = q.fma(w0, s10);
            s11 = q.fma(w1, s11);
            s12 = q.fma(w2, s12);
            s13 = q.fma(w3, s13);
        }
        int x0 = i * in + j;
        store4(s00, s01, s02, s03, dx, x0);
        store4(s10, s11, s12, s13, dx, x0 + in);
    }

    /** Row {@code i}, columns {@code j..j+4L}: 4 accumulators, the outputs in order. */
    private static void inputGradient1x4(int in, int out, int i, int j, float[] w, float[] dy, float[] dx) {
        FloatVector s0 = FloatVector.zero(Lanes.F);
        FloatVector s1 = FloatVector.zero(Lanes.F);
        FloatVector s2 = FloatVector.zero(Lanes.F);
        FloatVector s3 = FloatVector.zero(Lanes.F);
        for (int o = 0; o < out; o++) {
            FloatVector q = FloatVector.broadcast(Lanes.F, dy[i * out + o]);
            int wi = o * in + j;
            s0 = q.fma(FloatVector.fromArray(Lanes.F, w, wi), s0);
            s1 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + Lanes.L), s1);
            s2 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + 2 * Lanes.L), s2);
            s3 = q.fma(FloatVector.fromArray(Lanes.F, w, wi + 3 * Lanes.L), s3);
        }
        store4(s0, s1, s2, s3, dx, i * in + j);
    }

    /** Row {@code i}, columns {@code j..c1} one vector at a time. */
    private static void inputGradientVectors(int in, int out, int i, int j, int c1, float[] w, float[] dy, float[] dx) {
        for (; j < c1; j += Lanes.L) {
            FloatVector s = FloatVector.zero(Lanes.F);
            for (int o = 0; o < out; o++) {
                s = FloatVector.broadcast(Lanes.F, dy[i * out + o]).fma(FloatVector.fromArray(Lanes.F, w, o * in + j), s);
            }
            s.intoArray(dx, i * in + j);
        }
    }

    private static void store4(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, float[] a, int at) {
        s0.intoArray(a, at);
        s1.intoArray(a, at + Lanes.L);
        s2.intoArray(a, at + 2 * Lanes.L);
        s3.intoArray(a, at + 3 * Lanes.L);
    }

    /**
     * {@code dw[o, c0:c1] += sum_i dy[i, o] x[i, c0:c1]} for every output {@code o < out}, rows
     * {@code i} in order: {@link #ROWS} rows at a time, and for them {@link #DW_OUTPUTS} outputs
     * at a time (the outputs left one at a time), each vector of {@code dw} loaded once, carried
     * through the rows' multiply-adds in row order and stored once; the rows past the last full
     * group one at a time.
     */
    static void weightGradient(int n, int in, int out, int c0, int c1, float[] x, float[] dy, float[] dw) {
        int i = 0;
        for (; i + ROWS <= n; i += ROWS) {
            int o = 0;
            for (; o + DW_OUTPUTS <= out; o += DW_OUTPUTS) {
                if (DW_OUTPUTS == 5) {
                    weightGradient4x5(in, out, i, o, c0, c1, x, dy, dw);
                } else {
                    weightGradient4x2(in, out, i, o, c0, c1, x, dy, dw);
                }
            }
            for (; o < out; o++) {
                weightGradient4x1(in, out, i, o, c0, c1, x, dy, dw);
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

    /** Rows {@code i..i+3}, outputs {@code o..o+4}: the 20 broadcasts of {@code dy} held across the columns. */
    private static void weightGradient4x5(int in, int out, int i, int o, int c0, int c1, float[] x, float[] dy,
                                          float[] dw) {
        int d = i * out + o;
        FloatVector q00 = FloatVector.broadcast(Lanes.F, dy[d]);
        FloatVector q01 = FloatVector.broadcast(Lanes.F, dy[d + 1]);
        FloatVector q02 = FloatVector.broadcast(Lanes.F, dy[d + 2]);
        FloatVector q03 = FloatVector.broadcast(Lanes.F, dy[d + 3]);
        FloatVector q04 = FloatVector.broadcast(Lanes.F, dy[d + 4]);
        d += out;
        FloatVector q10 = FloatVector.broadcast(Lanes.F, dy[d]);
        FloatVector q11 = FloatVector.broadcast(Lanes.F, dy[d + 1]);
        FloatVector q12 = FloatVector.broadcast(Lanes.F, dy[d + 2]);
        FloatVector q13 = FloatVector.broadcast(Lanes.F, dy[d + 3]);
        FloatVector q14 = FloatVector.broadcast(Lanes.F, dy[d + 4]);
        d += out;
        FloatVector q20 = FloatVector.broadcast(Lanes.F, dy[d]);
        FloatVector q21 = FloatVector.broadcast(Lanes.F, dy[d + 1]);
        FloatVector q22 = FloatVector.broadcast(Lanes.F, dy[d + 2]);
        FloatVector q23 = FloatVector.broadcast(Lanes.F, dy[d + 3]);
        FloatVector q24 = FloatVector.broadcast(Lanes.F, dy[d + 4]);
        d += out;
        FloatVector q30 = FloatVector.broadcast(Lanes.F, dy[d]);
        FloatVector q31 = FloatVector.broadcast(Lanes.F, dy[d + 1]);
        FloatVector q32 = FloatVector.broadcast(Lanes.F, dy[d + 2]);
        FloatVector q33 = FloatVector.broadcast(Lanes.F, dy[d + 3]);
        FloatVector q34 = FloatVector.broadcast(Lanes.F, dy[d + 4]);
        int x0 = i * in;
        int w0 = o * in;
        for (int j = c0; j < c1; j += Lanes.L) {
            FloatVector s0 = FloatVector.fromArray(Lanes.F, dw, w0 + j);
            FloatVector s1 = FloatVector.fromArray(Lanes.F, dw, w0 + in + j);
            FloatVector s2 = FloatVector.fromArray(Lanes.F, dw, w0 + 2 * in + j);
            FloatVector s3 = FloatVector.fromArray(Lanes.F, dw, w0 + 3 * in + j);
            FloatVector s4 = FloatVector.fromArray(Lanes.F, dw, w0 + 4 * in + j);
            FloatVector v = FloatVector.fromArray(Lanes.F, x, x0 + j);
            s0 = q00.fma(v, s0);
            s1 = q01.fma(v, s1);
            s2 = q02.fma(v, s2);
            s3 = q03.fma(v, s3);
            s4 = q04.fma(v, s4);
            v = FloatVector.fromArray(Lanes.F, x, x0 + in + j);
            s0 = q10.fma(v, s0);
            s1 = q11.fma(v, s1);
            s2 = q12.fma(v, s2);
            s3 = q13.fma(v, s3);
            s4 = q14.fma(v, s4);
            v = FloatVector.fromArray(Lanes.F, x, x0 + 2 * in + j);
            s0 = q20.fma(v, s0);
            s1 = q21.fma(v, s1);
            s2 = q22.fma(v, s2);
            s3 = q23.fma(v, s3);
            s4 = q24.fma(v, s4);
            v = FloatVector.fromArray(Lanes.F, x, x0 + 3 * in + j);
            s0 = q30.fma(v, s0);
            s1 = q31.fma(v, s1);
            s2 = q32.fma(v, s2);
            s3 = q33.fma(v, s3);
            s4 = q34.fma(v, s4);
            s0.intoArray(dw, w0 + j);
            s1.intoArray(dw, w0 + in + j);
            s2.intoArray(dw, w0 + 2 * in + j);
            s3.intoArray(dw, w0 + 3 * in + j);
            s4.intoArray(dw, w0 + 4 * in + j);
        }
    }

    /** Rows {@code i..i+3}, outputs {@code o, o+1}: the 8 broadcasts of {@code dy} held across the columns. */
    private static void weightGradient4x2(int in, int out, int i, int o, int c0, int c1, float[] x, float[] dy,
                                          float[] dw) {
        int d = i * out + o;
        FloatVector q00 = FloatVector.broadcast(Lanes.F, dy[d]);
        FloatVector q01 = FloatVector.broadcast(Lanes.F, dy[d + 1]);
        FloatVector q10 = FloatVector.broadcast(Lanes.F, dy[d + out]);
        FloatVector q11 = FloatVector.broadcast(Lanes.F, dy[d + out + 1]);
        FloatVector q20 = FloatVector.broadcast(Lanes.F, dy[d + 2 * out]);
        FloatVector q21 = FloatVector.broadcast(Lanes.F, dy[d + 2 * out + 1]);
        FloatVector q30 = FloatVector.broadcast(Lanes.F, dy[d + 3 * out]);
        FloatVector q31 = FloatVector.broadcast(Lanes.F, dy[d + 3 * out + 1]);
        int x0 = i * in;
        int w0 = o * in;
        for (int j = c0; j < c1; j += Lanes.L) {
            FloatVector s0 = FloatVector.fromArray(Lanes.F, dw, w0 + j);
            FloatVector s1 = FloatVector.fromArray(Lanes.F, dw, w0 + in + j);
            FloatVector v = FloatVector.fromArray(Lanes.F, x, x0 + j);
            s0 = q00.fma(v, s0);
            s1 = q01.fma(v, s1);
            v = FloatVector.fromArray(Lanes.F, x, x0 + in + j);
            s0 = q10.fma(v, s0);
            s1 = q11.fma(v, s1);
            v = FloatVector.fromArray(Lanes.F, x, x0 + 2 * in + j);
            s0 = q20.fma(v, s0);
            s1 = q21.fma(v, s1);
            v = FloatVector.fromArray(Lanes.F, x, x0 + 3 * in + j);
            s0 = q30.fma(v, s0);
            s1 = q31.fma(v, s1);
            s0.intoArray(dw, w0 + j);
            s1.intoArray(dw, w0 + in + j);
        }
    }

    /** Rows {@code i..i+3}, output {@code o}. */
    private static void weightGradient4x1(int in, int out, int i, int o, int c0, int c1, float[] x, float[] dy,
                                          float[] dw) {
        int x0 = i * in;
        FloatVector q0 = FloatVector.broadcast(Lanes.F, dy[i * out + o]);
        FloatVector q1 = FloatVector.broadcast(Lanes.F, dy[(i + 1) * out + o]);
        FloatVector q2 = FloatVector.broadcast(Lanes.F, dy[(i + 2) * out + o]);
        FloatVector q3 = FloatVector.broadcast(Lanes.F, dy[(i + 3) * out + o]);
        int dwRow = o * in;
        for (int j = c0; j < c1; j += Lanes.L) {
            FloatVector s = FloatVector.fromArray(Lanes.F, dw, dwRow + j);
            s = q0.fma(FloatVector.fromArray(Lanes.F, x, x0 + j), s);
            s = q1.fma(FloatVector.fromArray(Lanes.F, x, x0 + in + j), s);
            s = q2.fma(FloatVector.fromArray(Lanes.F, x, x0 + 2 * in + j), s);
            s = q3.fma(FloatVector.fromArray(Lanes.F, x, x0 + 3 * in + j), s);
            s.intoArray(dw, dwRow + j);
        }
    }
}
