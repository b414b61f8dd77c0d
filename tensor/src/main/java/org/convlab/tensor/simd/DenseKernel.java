package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Micro-kernels of {@link SimdDense}, the linear layer with few outputs, which read the
 * matrices in place (no packed copies: with a dimension of 10, packing costs as much as the
 * arithmetic).
 *
 * <p>{@code rows6}, {@code rows4} (and their {@code Acc} forms) compute a tile of R rows by
 * {@code 2L} columns ({@code L} lanes) of {@code C = A B} with the GEMM micro-kernel's loop,
 * <pre>  C[c_r + v*L + lane] (+)= sum_{p < depth} a[a_r + p*aStep] * b[bIdx + p*ldb + v*L + lane]</pre>
 * rows given by their offsets {@code a_r} in {@code a} and {@code c_r} in {@code c} (a row may
 * be repeated to fill a tile: it computes and stores the same values twice). The plain forms
 * overwrite {@code C}, the {@code Acc} forms add to it.
 *
 * <p>{@code dot2x5} adds {@code len} (a multiple of 8) more elements to the 10 dot products of 2
 * rows of {@code x} with 5 rows of {@code w}, kept as 8 partial sums each in {@code tile}:
 * {@code tile[t_i + j*8 + lane] += sum_k x[x_i + 8k + lane] * w[w_j + 8k + lane]}, one fused
 * multiply-add per step, k in order, so that calls over consecutive blocks of the depth give the
 * bits of one call over all of it. That is the canonical order of every width: the first 8 lanes
 * of {@code Lanes.F} hold the partial sums from 256 bits up; at 512 bits lanes 8-15 compute
 * products of the next 8 elements that nothing keeps (it reads 8 floats past each row's
 * {@code len} and writes 8 floats past the fifth sum, so the caller leaves that room), and
 * {@code dot1x5Narrow} takes pairs of 4-lane vectors at 128. One vector class and no masks on
 * purpose: a 256-bit species beside the 512-bit tiles let C2 compile the GEMM tile with boxed
 * vectors in some JVM runs, and masked forms ran C1 out of virtual registers, after which a JVM
 * sometimes never compiled them with C2 (docs/performance.md, "Boxed vectors"). The tiles
 * ({@code rows6}...) hold {@code 2L} columns, two vectors of the width in use.
 *
 * <p>All keep every vector in one method with one loop from 0, counted except {@code dot2x5}'s
 * with 16 vector registers ({@link #COUNTED_DOTS}; see {@link CorrelationKernel} on why the
 * shape matters to C2).
 */
final class DenseKernel {
    private DenseKernel() {
    }

    static void rows6(float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int aStep, float[] b, int bIdx, int ldb, int depth,
                       float[] c, int c0, int c1, int c2, int c3, int c4, int c5) {
        FloatVector s00 = FloatVector.zero(Lanes.F);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s40 = s00;
        FloatVector s41 = s00;
        FloatVector s50 = s00;
        FloatVector s51 = s00;
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * ldb;
            int ai = p * aStep;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, a[a0 + ai]);
            s00 = q.fma(b0, s00);
            s01 = q.fma(b1, s01);
            q = FloatVector.broadcast(Lanes.F, a[a1 + ai]);
            s10 = q.fma(b0, s10);
            s11 = q.fma(b1, s11);
            q = FloatVector.broadcast(Lanes.F, a[a2 + ai]);
            s20 = q.fma(b0, s20);
            s21 = q.fma(b1, s21);
            q = FloatVector.broadcast(Lanes.F, a[a3 + ai]);
            s30 = q.fma(b0, s30);
            s31 = q.fma(b1, s31);
            q = FloatVector.broadcast(Lanes.F, a[a4 + ai]);
            s40 = q.fma(b0, s40);
            s41 = q.fma(b1, s41);
            q = FloatVector.broadcast(Lanes.F, a[a5 + ai]);
            s50 = q.fma(b0, s50);
            s51 = q.fma(b1, s51);
        }
        s00.intoArray(c, c0 + 0);
        s01.intoArray(c, c0 + Lanes.L);
        s10.intoArray(c, c1 + 0);
        s11.intoArray(c, c1 + Lanes.L);
        s20.intoArray(c, c2 + 0);
        s21.intoArray(c, c2 + Lanes.L);
        s30.intoArray(c, c3 + 0);
        s31.intoArray(c, c3 + Lanes.L);
        s40.intoArray(c, c4 + 0);
        s41.intoArray(c, c4 + Lanes.L);
        s50.intoArray(c, c5 + 0);
        s51.intoArray(c, c5 + Lanes.L);
    }

    static void rows4(float[] a, int a0, int a1, int a2, int a3, int aStep, float[] b, int bIdx, int ldb, int depth,
                       float[] c, int c0, int c1, int c2, int c3) {
        FloatVector s00 = FloatVector.zero(Lanes.F);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * ldb;
            int ai = p * aStep;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, a[a0 + ai]);
            s00 = q.fma(b0, s00);
            s01 = q.fma(b1, s01);
            q = FloatVector.broadcast(Lanes.F, a[a1 + ai]);
            s10 = q.fma(b0, s10);
            s11 = q.fma(b1, s11);
            q = FloatVector.broadcast(Lanes.F, a[a2 + ai]);
            s20 = q.fma(b0, s20);
            s21 = q.fma(b1, s21);
            q = FloatVector.broadcast(Lanes.F, a[a3 + ai]);
            s30 = q.fma(b0, s30);
            s31 = q.fma(b1, s31);
        }
        s00.intoArray(c, c0 + 0);
        s01.intoArray(c, c0 + Lanes.L);
        s10.intoArray(c, c1 + 0);
        s11.intoArray(c, c1 + Lanes.L);
        s20.intoArray(c, c2 + 0);
        s21.intoArray(c, c2 + Lanes.L);
        s30.intoArray(c, c3 + 0);
        s31.intoArray(c, c3 + Lanes.L);
    }

    static void rows6Acc(float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int aStep, float[] b, int bIdx, int ldb, int depth,
                       float[] c, int c0, int c1, int c2, int c3, int c4, int c5) {
        FloatVector s00 = FloatVector.fromArray(Lanes.F, c, c0 + 0);
        FloatVector s01 = FloatVector.fromArray(Lanes.F, c, c0 + Lanes.L);
        FloatVector s10 = FloatVector.fromArray(Lanes.F, c, c1 + 0);
        FloatVector s11 = FloatVector.fromArray(Lanes.F, c, c1 + Lanes.L);
        FloatVector s20 = FloatVector.fromArray(Lanes.F, c, c2 + 0);
        FloatVector s21 = FloatVector.fromArray(Lanes.F, c, c2 + Lanes.L);
        FloatVector s30 = FloatVector.fromArray(Lanes.F, c, c3 + 0);
        FloatVector s31 = FloatVector.fromArray(Lanes.F, c, c3 + Lanes.L);
        FloatVector s40 = FloatVector.fromArray(Lanes.F, c, c4 + 0);
        FloatVector s41 = FloatVector.fromArray(Lanes.F, c, c4 + Lanes.L);
        FloatVector s50 = FloatVector.fromArray(Lanes.F, c, c5 + 0);
        FloatVector s51 = FloatVector.fromArray(Lanes.F, c, c5 + Lanes.L);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * ldb;
            int ai = p * aStep;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, a[a0 + ai]);
            s00 = q.fma(b0, s00);
            s01 = q.fma(b1, s01);
            q = FloatVector.broadcast(Lanes.F, a[a1 + ai]);
            s10 = q.fma(b0, s10);
            s11 = q.fma(b1, s11);
            q = FloatVector.broadcast(Lanes.F, a[a2 + ai]);
            s20 = q.fma(b0, s20);
            s21 = q.fma(b1, s21);
            q = FloatVector.broadcast(Lanes.F, a[a3 + ai]);
            s30 = q.fma(b0, s30);
            s31 = q.fma(b1, s31);
            q = FloatVector.broadcast(Lanes.F, a[a4 + ai]);
            s40 = q.fma(b0, s40);
            s41 = q.fma(b1, s41);
            q = FloatVector.broadcast(Lanes.F, a[a5 + ai]);
            s50 = q.fma(b0, s50);
            s51 = q.fma(b1, s51);
        }
        s00.intoArray(c, c0 + 0);
        s01.intoArray(c, c0 + Lanes.L);
        s10.intoArray(c, c1 + 0);
        s11.intoArray(c, c1 + Lanes.L);
        s20.intoArray(c, c2 + 0);
        s21.intoArray(c, c2 + Lanes.L);
        s30.intoArray(c, c3 + 0);
        s31.intoArray(c, c3 + Lanes.L);
        s40.intoArray(c, c4 + 0);
        s41.intoArray(c, c4 + Lanes.L);
        s50.intoArray(c, c5 + 0);
        s51.intoArray(c, c5 + Lanes.L);
    }

    static void rows4Acc(float[] a, int a0, int a1, int a2, int a3, int aStep, float[] b, int bIdx, int ldb, int depth,
                       float[] c, int c0, int c1, int c2, int c3) {
        FloatVector s00 = FloatVector.fromArray(Lanes.F, c, c0 + 0);
        FloatVector s01 = FloatVector.fromArray(Lanes.F, c, c0 + Lanes.L);
        FloatVector s10 = FloatVector.fromArray(Lanes.F, c, c1 + 0);
        FloatVector s11 = FloatVector.fromArray(Lanes.F, c, c1 + Lanes.L);
        FloatVector s20 = FloatVector.fromArray(Lanes.F, c, c2 + 0);
        FloatVector s21 = FloatVector.fromArray(Lanes.F, c, c2 + Lanes.L);
        FloatVector s30 = FloatVector.fromArray(Lanes.F, c, c3 + 0);
        FloatVector s31 = FloatVector.fromArray(Lanes.F, c, c3 + Lanes.L);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * ldb;
            int ai = p * aStep;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector q = FloatVector.broadcast(Lanes.F, a[a0 + ai]);
            s00 = q.fma(b0, s00);
            s01 = q.fma(b1, s01);
            q = FloatVector.broadcast(Lanes.F, a[a1 + ai]);
            s10 = q.fma(b0, s10);
            s11 = q.fma(b1, s11);
            q = FloatVector.broadcast(Lanes.F, a[a2 + ai]);
            s20 = q.fma(b0, s20);
            s21 = q.fma(b1, s21);
            q = FloatVector.broadcast(Lanes.F, a[a3 + ai]);
            s30 = q.fma(b0, s30);
            s31 = q.fma(b1, s31);
        }
        s00.intoArray(c, c0 + 0);
        s01.intoArray(c, c0 + Lanes.L);
        s10.intoArray(c, c1 + 0);
        s11.intoArray(c, c1 + Lanes.L);
        s20.intoArray(c, c2 + 0);
        s21.intoArray(c, c2 + Lanes.L);
        s30.intoArray(c, c3 + 0);
        s31.intoArray(c, c3 + Lanes.L);
    }

    /**
     * Whether {@link #dot2x5}'s loop is one C2 counts, and so unrolls: with 32 vector registers the
     * unrolled steps fit. With 16, C2 unrolled it four steps deep with their loads scheduled ahead
     * of the multiply-adds, kept loaded vectors and accumulators on the stack, and the loop ran at
     * 57 GFLOP/s in L1 where the same loop not unrolled ({@code -XX:LoopUnrollLimit=45}) ran at
     * 98 (a probe of the 16384 x 10 classifier's blocks, Zen 4 under {@code -XX:UseAVX=2}, JDK
     * 25); there it runs while {@code k != len}, an exit C2 does not count for a step of 8, so it
     * neither unrolls it nor drops its range checks: 75 GFLOP/s. The 16384 -> 10 classifier's
     * forward, batch 64, one thread, by CPU time: 0.58 -> 0.47 ms (36 -> 43-45 GFLOP/s).
     */
    private static final boolean COUNTED_DOTS = Lanes.REGISTERS >= 32;

    static void dot2x5(float[] x, int x0, int x1, float[] w, int w0, int w1, int w2, int w3, int w4, int len,
                       float[] tile, int t0, int t1) {
        if ((len & 7) != 0) {
            throw new IllegalArgumentException("dot2x5 takes a multiple of 8 elements, not " + len);
        }
        FloatVector s00 = FloatVector.fromArray(Lanes.F, tile, t0 + 0);
        FloatVector s01 = FloatVector.fromArray(Lanes.F, tile, t0 + 8);
        FloatVector s02 = FloatVector.fromArray(Lanes.F, tile, t0 + 16);
        FloatVector s03 = FloatVector.fromArray(Lanes.F, tile, t0 + 24);
        FloatVector s04 = FloatVector.fromArray(Lanes.F, tile, t0 + 32);
        FloatVector s10 = FloatVector.fromArray(Lanes.F, tile, t1 + 0);
        FloatVector s11 = FloatVector.fromArray(Lanes.F, tile, t1 + 8);
        FloatVector s12 = FloatVector.fromArray(Lanes.F, tile, t1 + 16);
        FloatVector s13 = FloatVector.fromArray(Lanes.F, tile, t1 + 24);
        FloatVector s14 = FloatVector.fromArray(Lanes.F, tile, t1 + 32);
        for (int k = 0; COUNTED_DOTS ? k < len : k != len; k += 8) {
            FloatVector a0 = FloatVector.fromArray(Lanes.F, x, x0 + k);
            FloatVector a1 = FloatVector.fromArray(Lanes.F, x, x1 + k);
            FloatVector b = FloatVector.fromArray(Lanes.F, w, w0 + k);
            s00 = a0.fma(b, s00);
            s10 = a1.fma(b, s10);
            b = FloatVector.fromArray(Lanes.F, w, w1 + k);
            s01 = a0.fma(b, s01);
            s11 = a1.fma(b, s11);
            b = FloatVector.fromArray(Lanes.F, w, w2 + k);
            s02 = a0.fma(b, s02);
            s12 = a1.fma(b, s12);
            b = FloatVector.fromArray(Lanes.F, w, w3 + k);
            s03 = a0.fma(b, s03);
            s13 = a1.fma(b, s13);
            b = FloatVector.fromArray(Lanes.F, w, w4 + k);
            s04 = a0.fma(b, s04);
            s14 = a1.fma(b, s14);
        }
        s00.intoArray(tile, t0 + 0);
        s01.intoArray(tile, t0 + 8);
        s02.intoArray(tile, t0 + 16);
        s03.intoArray(tile, t0 + 24);
        s04.intoArray(tile, t0 + 32);
        s10.intoArray(tile, t1 + 0);
        s11.intoArray(tile, t1 + 8);
        s12.intoArray(tile, t1 + 16);
        s13.intoArray(tile, t1 + 24);
        s14.intoArray(tile, t1 + 32);
    }

    /**
     * {@code dot2x5}'s partial sums for one row of {@code x} on 4-lane vectors (128 bits): each
     * step of 8 elements feeds two vectors, lanes 0-3 and 4-7 of the 8 partial sums, so the sums
     * are those of {@code dot2x5} bit for bit. Adds to {@code tile[tIdx + j*8 + lane]}.
     */
    static void dot1x5Narrow(float[] x, int x0, float[] w, int w0, int w1, int w2, int w3, int w4, int len,
                             float[] tile, int tIdx) {
        FloatVector s0 = FloatVector.fromArray(Lanes.F, tile, tIdx + 0);
        FloatVector s1 = FloatVector.fromArray(Lanes.F, tile, tIdx + 8);
        FloatVector s2 = FloatVector.fromArray(Lanes.F, tile, tIdx + 16);
        FloatVector s3 = FloatVector.fromArray(Lanes.F, tile, tIdx + 24);
        FloatVector s4 = FloatVector.fromArray(Lanes.F, tile, tIdx + 32);
        FloatVector h0 = FloatVector.fromArray(Lanes.F, tile, tIdx + 4);
        FloatVector h1 = FloatVector.fromArray(Lanes.F, tile, tIdx + 12);
        FloatVector h2 = FloatVector.fromArray(Lanes.F, tile, tIdx + 20);
        FloatVector h3 = FloatVector.fromArray(Lanes.F, tile, tIdx + 28);
        FloatVector h4 = FloatVector.fromArray(Lanes.F, tile, tIdx + 36);
        for (int k = 0; k < len; k += 8) {
            FloatVector a = FloatVector.fromArray(Lanes.F, x, x0 + k);
            FloatVector ah = FloatVector.fromArray(Lanes.F, x, x0 + k + 4);
            s0 = a.fma(FloatVector.fromArray(Lanes.F, w, w0 + k), s0);
            h0 = ah.fma(FloatVector.fromArray(Lanes.F, w, w0 + k + 4), h0);
            s1 = a.fma(FloatVector.fromArray(Lanes.F, w, w1 + k), s1);
            h1 = ah.fma(FloatVector.fromArray(Lanes.F, w, w1 + k + 4), h1);
            s2 = a.fma(FloatVector.fromArray(Lanes.F, w, w2 + k), s2);
            h2 = ah.fma(FloatVector.fromArray(Lanes.F, w, w2 + k + 4), h2);
            s3 = a.fma(FloatVector.fromArray(Lanes.F, w, w3 + k), s3);
            h3 = ah.fma(FloatVector.fromArray(Lanes.F, w, w3 + k + 4), h3);
            s4 = a.fma(FloatVector.fromArray(Lanes.F, w, w4 + k), s4);
            h4 = ah.fma(FloatVector.fromArray(Lanes.F, w, w4 + k + 4), h4);
        }
        s0.intoArray(tile, tIdx);
        h0.intoArray(tile, tIdx + 4);
        s1.intoArray(tile, tIdx + 8);
        h1.intoArray(tile, tIdx + 12);
        s2.intoArray(tile, tIdx + 16);
        h2.intoArray(tile, tIdx + 20);
        s3.intoArray(tile, tIdx + 24);
        h3.intoArray(tile, tIdx + 28);
        s4.intoArray(tile, tIdx + 32);
        h4.intoArray(tile, tIdx + 36);
    }
    /**
     * {@link #dot2x5} with two outputs a vector, for 16-lane vectors: the 8 partial sums of output
     * {@code 2m} in lanes 0-7 and of output {@code 2m + 1} in lanes 8-15, the row's 8 elements of a
     * step in both halves (one lane permutation of a 16-float load), the weights of the two
     * outputs interleaved by steps of 8 ({@code wp[w_m + 16s + 8h + lane] = w[2m + h][8s + lane]}).
     * Ten dot products of each of two rows per call, every lane of every multiply-add kept, where
     * {@code dot2x5} keeps half of them; each partial sum is the same chain of fused
     * multiply-adds, so the same bits. Partial sums of output {@code j} at {@code tile[t_i + 8j]}
     * (pairs {@code m}: {@code tile[t_i + 16m ...]}). Reads 8 floats past each row's {@code len},
     * as {@code dot2x5} does.
     */
    static void dot2x10Pairs(float[] x, int x0, int x1, float[] wp, int w0, int w1, int w2, int w3, int w4, int len,
                             float[] tile, int t0, int t1) {
        FloatVector s00 = FloatVector.fromArray(Lanes.F, tile, t0 + 0);
        FloatVector s10 = FloatVector.fromArray(Lanes.F, tile, t1 + 0);
        FloatVector s01 = FloatVector.fromArray(Lanes.F, tile, t0 + 16);
        FloatVector s11 = FloatVector.fromArray(Lanes.F, tile, t1 + 16);
        FloatVector s02 = FloatVector.fromArray(Lanes.F, tile, t0 + 32);
        FloatVector s12 = FloatVector.fromArray(Lanes.F, tile, t1 + 32);
        FloatVector s03 = FloatVector.fromArray(Lanes.F, tile, t0 + 48);
        FloatVector s13 = FloatVector.fromArray(Lanes.F, tile, t1 + 48);
        FloatVector s04 = FloatVector.fromArray(Lanes.F, tile, t0 + 64);
        FloatVector s14 = FloatVector.fromArray(Lanes.F, tile, t1 + 64);
        for (int k = 0, wi = 0; k < len; k += 8, wi += 16) {
            FloatVector a0 = FloatVector.fromArray(Lanes.F, x, x0 + k).rearrange(LOW_HALF_TWICE);
            FloatVector a1 = FloatVector.fromArray(Lanes.F, x, x1 + k).rearrange(LOW_HALF_TWICE);
            FloatVector b = FloatVector.fromArray(Lanes.F, wp, w0 + wi);
            s00 = a0.fma(b, s00);
            s10 = a1.fma(b, s10);
            b = FloatVector.fromArray(Lanes.F, wp, w1 + wi);
            s01 = a0.fma(b, s01);
            s11 = a1.fma(b, s11);
            b = FloatVector.fromArray(Lanes.F, wp, w2 + wi);
            s02 = a0.fma(b, s02);
            s12 = a1.fma(b, s12);
            b = FloatVector.fromArray(Lanes.F, wp, w3 + wi);
            s03 = a0.fma(b, s03);
            s13 = a1.fma(b, s13);
            b = FloatVector.fromArray(Lanes.F, wp, w4 + wi);
            s04 = a0.fma(b, s04);
            s14 = a1.fma(b, s14);
        }
        s00.intoArray(tile, t0 + 0);
        s10.intoArray(tile, t1 + 0);
        s01.intoArray(tile, t0 + 16);
        s11.intoArray(tile, t1 + 16);
        s02.intoArray(tile, t0 + 32);
        s12.intoArray(tile, t1 + 32);
        s03.intoArray(tile, t0 + 48);
        s13.intoArray(tile, t1 + 48);
        s04.intoArray(tile, t0 + 64);
        s14.intoArray(tile, t1 + 64);
    }

    /**
     * {@link #dot2x10Pairs} for four rows: each step's five weight vectors serve twenty
     * multiply-adds instead of ten (9 loads for 20 where two rows take 7 for 10). Each partial sum
     * is the same chain of fused multiply-adds, so the same bits.
     */
    static void dot4x10Pairs(float[] x, int x0, int x1, int x2, int x3, float[] wp, int w0, int w1, int w2, int w3,
                             int w4, int len, float[] tile, int t0, int t1, int t2, int t3) {
        FloatVector s00 = FloatVector.fromArray(Lanes.F, tile, t0);
        FloatVector s10 = FloatVector.fromArray(Lanes.F, tile, t1);
        FloatVector s20 = FloatVector.fromArray(Lanes.F, tile, t2);
        FloatVector s30 = FloatVector.fromArray(Lanes.F, tile, t3);
        FloatVector s01 = FloatVector.fromArray(Lanes.F, tile, t0 + 16);
        FloatVector s11 = FloatVector.fromArray(Lanes.F, tile, t1 + 16);
        FloatVector s21 = FloatVector.fromArray(Lanes.F, tile, t2 + 16);
        FloatVector s31 = FloatVector.fromArray(Lanes.F, tile, t3 + 16);
        FloatVector s02 = FloatVector.fromArray(Lanes.F, tile, t0 + 32);
        FloatVector s12 = FloatVector.fromArray(Lanes.F, tile, t1 + 32);
        FloatVector s22 = FloatVector.fromArray(Lanes.F, tile, t2 + 32);
        FloatVector s32 = FloatVector.fromArray(Lanes.F, tile, t3 + 32);
        FloatVector s03 = FloatVector.fromArray(Lanes.F, tile, t0 + 48);
        FloatVector s13 = FloatVector.fromArray(Lanes.F, tile, t1 + 48);
        FloatVector s23 = FloatVector.fromArray(Lanes.F, tile, t2 + 48);
        FloatVector s33 = FloatVector.fromArray(Lanes.F, tile, t3 + 48);
        FloatVector s04 = FloatVector.fromArray(Lanes.F, tile, t0 + 64);
        FloatVector s14 = FloatVector.fromArray(Lanes.F, tile, t1 + 64);
        FloatVector s24 = FloatVector.fromArray(Lanes.F, tile, t2 + 64);
        FloatVector s34 = FloatVector.fromArray(Lanes.F, tile, t3 + 64);
        for (int k = 0, wi = 0; k < len; k += 8, wi += 16) {
            FloatVector a0 = FloatVector.fromArray(Lanes.F, x, x0 + k).rearrange(LOW_HALF_TWICE);
            FloatVector a1 = FloatVector.fromArray(Lanes.F, x, x1 + k).rearrange(LOW_HALF_TWICE);
            FloatVector a2 = FloatVector.fromArray(Lanes.F, x, x2 + k).rearrange(LOW_HALF_TWICE);
            FloatVector a3 = FloatVector.fromArray(Lanes.F, x, x3 + k).rearrange(LOW_HALF_TWICE);
            FloatVector b = FloatVector.fromArray(Lanes.F, wp, w0 + wi);
            s00 = a0.fma(b, s00);
            s10 = a1.fma(b, s10);
            s20 = a2.fma(b, s20);
            s30 = a3.fma(b, s30);
            b = FloatVector.fromArray(Lanes.F, wp, w1 + wi);
            s01 = a0.fma(b, s01);
            s11 = a1.fma(b, s11);
            s21 = a2.fma(b, s21);
            s31 = a3.fma(b, s31);
            b = FloatVector.fromArray(Lanes.F, wp, w2 + wi);
            s02 = a0.fma(b, s02);
            s12 = a1.fma(b, s12);
            s22 = a2.fma(b, s22);
            s32 = a3.fma(b, s32);
            b = FloatVector.fromArray(Lanes.F, wp, w3 + wi);
            s03 = a0.fma(b, s03);
            s13 = a1.fma(b, s13);
            s23 = a2.fma(b, s23);
            s33 = a3.fma(b, s33);
            b = FloatVector.fromArray(Lanes.F, wp, w4 + wi);
            s04 = a0.fma(b, s04);
            s14 = a1.fma(b, s14);
            s24 = a2.fma(b, s24);
            s34 = a3.fma(b, s34);
        }
        s00.intoArray(tile, t0);
        s10.intoArray(tile, t1);
        s20.intoArray(tile, t2);
        s30.intoArray(tile, t3);
        s01.intoArray(tile, t0 + 16);
        s11.intoArray(tile, t1 + 16);
        s21.intoArray(tile, t2 + 16);
        s31.intoArray(tile, t3 + 16);
        s02.intoArray(tile, t0 + 32);
        s12.intoArray(tile, t1 + 32);
        s22.intoArray(tile, t2 + 32);
        s32.intoArray(tile, t3 + 32);
        s03.intoArray(tile, t0 + 48);
        s13.intoArray(tile, t1 + 48);
        s23.intoArray(tile, t2 + 48);
        s33.intoArray(tile, t3 + 48);
        s04.intoArray(tile, t0 + 64);
        s14.intoArray(tile, t1 + 64);
        s24.intoArray(tile, t2 + 64);
        s34.intoArray(tile, t3 + 64);
    }

    /** Lanes 0-7 in both halves of a 16-lane vector; {@code null} at other widths. */
    private static final jdk.incubator.vector.VectorShuffle<Float> LOW_HALF_TWICE =
            Lanes.L == 16 ? jdk.incubator.vector.VectorShuffle.fromOp(Lanes.F, j -> j % 8) : null;
}
