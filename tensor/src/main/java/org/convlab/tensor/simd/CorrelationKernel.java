package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked micro-kernels of a {@link Correlation}: a tile of output channels (rows, whose
 * filters are broadcast) by output octets (runs of L columns, one vector of the width in use, loaded straight from the
 * padded image — no im2col), summed over {@code taps} taps (one block of a correlation's taps):
 * <pre>  tile[r][o][lane] += sum_{k < taps} wp[wIdx + k*P + r] * x[x_o + offsets[k] + lane]</pre>
 * Filters are packed with row stride {@link #P}: {@code wp[wIdx + k*P + r]} is filter {@code r} of the
 * panel at tap {@code k}. The tile lives in {@code acc[accIdx + (r*O + o)*L + lane]}: the
 * accumulators start from it, or from zero when {@code fresh} (a tile's first block of taps: no
 * zeros written and read back; each accumulator its own {@code FloatVector.zero}, as in
 * {@link SimdWinograd#products}), and are stored back to it. Shapes (rows x octets): 8x2 (512-bit
 * vectors only: 16 of the 32 registers), 6x2 and 4x2 for wide channel counts, 3x4 and 1x8 when there are only a few output channels (a
 * 1-channel input gradient, an RGB one) so that every kernel keeps 8 to 12 accumulators.
 *
 * <p>Each kernel keeps all its vectors in one method so that the JIT holds them in registers.
 * The loops' shape is deliberate, because C2's register allocation (JDK 25) depends on it and a
 * single accumulator spilled to the stack halves the speed (checked in the disassembly): the
 * loop counts from 0 with the block's own offset table (a loop from a variable start, or
 * {@code offsets[k0 + k]}, spilled), and the statements run "first filter broadcast, then each
 * image load followed by its first use" (loading the image vectors first spilled).
 */
final class CorrelationKernel {
    /** Row stride of packed filters: 8 where there are 32 vector registers ({@link #k8x2}), else 6. */
    static final int P = Lanes.REGISTERS >= 32 ? 8 : 6;
    /** Floats of the largest tile: sixteen vectors with {@link #k8x2}, else twelve. */
    static final int TILE = (P == 8 ? 16 : 12) * Lanes.L;

    private CorrelationKernel() {
    }

    /**
     * The 8 x 2 tile for 512-bit vectors: sixteen accumulators, two image vectors and the
     * broadcasts take at most 26 of the 32 registers; a 16-channel layer is two panels instead of
     * 6 + 6 + 4, and each pair of image loads feeds sixteen FMAs.
     */
    static void k8x2(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int x0, int x1,
                     float[] acc, int accIdx, boolean fresh) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (fresh) {
            c00 = FloatVector.zero(Lanes.F);
            c01 = FloatVector.zero(Lanes.F);
            c10 = FloatVector.zero(Lanes.F);
            c11 = FloatVector.zero(Lanes.F);
            c20 = FloatVector.zero(Lanes.F);
            c21 = FloatVector.zero(Lanes.F);
            c30 = FloatVector.zero(Lanes.F);
            c31 = FloatVector.zero(Lanes.F);
            c40 = FloatVector.zero(Lanes.F);
            c41 = FloatVector.zero(Lanes.F);
            c50 = FloatVector.zero(Lanes.F);
            c51 = FloatVector.zero(Lanes.F);
            c60 = FloatVector.zero(Lanes.F);
            c61 = FloatVector.zero(Lanes.F);
            c70 = FloatVector.zero(Lanes.F);
            c71 = FloatVector.zero(Lanes.F);
        } else {
            c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0 * Lanes.L);
            c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + 1 * Lanes.L);
            c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
            c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8 * Lanes.L);
            c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 9 * Lanes.L);
            c50 = FloatVector.fromArray(Lanes.F, acc, accIdx + 10 * Lanes.L);
            c51 = FloatVector.fromArray(Lanes.F, acc, accIdx + 11 * Lanes.L);
            c60 = FloatVector.fromArray(Lanes.F, acc, accIdx + 12 * Lanes.L);
            c61 = FloatVector.fromArray(Lanes.F, acc, accIdx + 13 * Lanes.L);
            c70 = FloatVector.fromArray(Lanes.F, acc, accIdx + 14 * Lanes.L);
            c71 = FloatVector.fromArray(Lanes.F, acc, accIdx + 15 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            int wi = wIdx + k * P;
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            int off = offsets[k];
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            c00 = a.fma(b0, c00);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(acc, accIdx + 0 * Lanes.L);
        c01.intoArray(acc, accIdx + 1 * Lanes.L);
        c10.intoArray(acc, accIdx + 2 * Lanes.L);
        c11.intoArray(acc, accIdx + 3 * Lanes.L);
        c20.intoArray(acc, accIdx + 4 * Lanes.L);
        c21.intoArray(acc, accIdx + 5 * Lanes.L);
        c30.intoArray(acc, accIdx + 6 * Lanes.L);
        c31.intoArray(acc, accIdx + 7 * Lanes.L);
        c40.intoArray(acc, accIdx + 8 * Lanes.L);
        c41.intoArray(acc, accIdx + 9 * Lanes.L);
        c50.intoArray(acc, accIdx + 10 * Lanes.L);
        c51.intoArray(acc, accIdx + 11 * Lanes.L);
        c60.intoArray(acc, accIdx + 12 * Lanes.L);
        c61.intoArray(acc, accIdx + 13 * Lanes.L);
        c70.intoArray(acc, accIdx + 14 * Lanes.L);
        c71.intoArray(acc, accIdx + 15 * Lanes.L);
    }

    /**
     * {@link #k8x2} for two adjacent octets ({@code x1 == x0 + L}: the two octets of one output
     * row, the common case): the second image vector is read at a constant distance from the
     * first, so its address needs no second base (JDK 25's loop: 40 instructions and one stack
     * operand against 41 and two; both bounds checks remain). The same loads and fused
     * multiply-adds, so the same bits. Alone, in L1, one JVM, the two interleaved: 1.09-1.25x
     * {@code k8x2} (96 taps, 512 bits, JDK 25).
     */
    static void k8x2Adjacent(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int x0,
                     float[] acc, int accIdx, boolean fresh) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (fresh) {
            c00 = FloatVector.zero(Lanes.F);
            c01 = FloatVector.zero(Lanes.F);
            c10 = FloatVector.zero(Lanes.F);
            c11 = FloatVector.zero(Lanes.F);
            c20 = FloatVector.zero(Lanes.F);
            c21 = FloatVector.zero(Lanes.F);
            c30 = FloatVector.zero(Lanes.F);
            c31 = FloatVector.zero(Lanes.F);
            c40 = FloatVector.zero(Lanes.F);
            c41 = FloatVector.zero(Lanes.F);
            c50 = FloatVector.zero(Lanes.F);
            c51 = FloatVector.zero(Lanes.F);
            c60 = FloatVector.zero(Lanes.F);
            c61 = FloatVector.zero(Lanes.F);
            c70 = FloatVector.zero(Lanes.F);
            c71 = FloatVector.zero(Lanes.F);
        } else {
            c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0 * Lanes.L);
            c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + 1 * Lanes.L);
            c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
            c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8 * Lanes.L);
            c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 9 * Lanes.L);
            c50 = FloatVector.fromArray(Lanes.F, acc, accIdx + 10 * Lanes.L);
            c51 = FloatVector.fromArray(Lanes.F, acc, accIdx + 11 * Lanes.L);
            c60 = FloatVector.fromArray(Lanes.F, acc, accIdx + 12 * Lanes.L);
            c61 = FloatVector.fromArray(Lanes.F, acc, accIdx + 13 * Lanes.L);
            c70 = FloatVector.fromArray(Lanes.F, acc, accIdx + 14 * Lanes.L);
            c71 = FloatVector.fromArray(Lanes.F, acc, accIdx + 15 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            int wi = wIdx + k * P;
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            int off = offsets[k];
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            c00 = a.fma(b0, c00);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x0 + off + Lanes.L);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(acc, accIdx + 0 * Lanes.L);
        c01.intoArray(acc, accIdx + 1 * Lanes.L);
        c10.intoArray(acc, accIdx + 2 * Lanes.L);
        c11.intoArray(acc, accIdx + 3 * Lanes.L);
        c20.intoArray(acc, accIdx + 4 * Lanes.L);
        c21.intoArray(acc, accIdx + 5 * Lanes.L);
        c30.intoArray(acc, accIdx + 6 * Lanes.L);
        c31.intoArray(acc, accIdx + 7 * Lanes.L);
        c40.intoArray(acc, accIdx + 8 * Lanes.L);
        c41.intoArray(acc, accIdx + 9 * Lanes.L);
        c50.intoArray(acc, accIdx + 10 * Lanes.L);
        c51.intoArray(acc, accIdx + 11 * Lanes.L);
        c60.intoArray(acc, accIdx + 12 * Lanes.L);
        c61.intoArray(acc, accIdx + 13 * Lanes.L);
        c70.intoArray(acc, accIdx + 14 * Lanes.L);
        c71.intoArray(acc, accIdx + 15 * Lanes.L);
    }

    static void k6x2(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int x0, int x1,
                     float[] acc, int accIdx, boolean fresh) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (fresh) {
            c00 = FloatVector.zero(Lanes.F);
            c01 = FloatVector.zero(Lanes.F);
            c10 = FloatVector.zero(Lanes.F);
            c11 = FloatVector.zero(Lanes.F);
            c20 = FloatVector.zero(Lanes.F);
            c21 = FloatVector.zero(Lanes.F);
            c30 = FloatVector.zero(Lanes.F);
            c31 = FloatVector.zero(Lanes.F);
            c40 = FloatVector.zero(Lanes.F);
            c41 = FloatVector.zero(Lanes.F);
            c50 = FloatVector.zero(Lanes.F);
            c51 = FloatVector.zero(Lanes.F);
        } else {
            c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
            c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
            c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
            c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8 * Lanes.L);
            c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 9 * Lanes.L);
            c50 = FloatVector.fromArray(Lanes.F, acc, accIdx + 10 * Lanes.L);
            c51 = FloatVector.fromArray(Lanes.F, acc, accIdx + 11 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            int wi = wIdx + k * P;
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            int off = offsets[k];
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            c00 = a.fma(b0, c00);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(acc, accIdx + 0);
        c01.intoArray(acc, accIdx + Lanes.L);
        c10.intoArray(acc, accIdx + 2 * Lanes.L);
        c11.intoArray(acc, accIdx + 3 * Lanes.L);
        c20.intoArray(acc, accIdx + 4 * Lanes.L);
        c21.intoArray(acc, accIdx + 5 * Lanes.L);
        c30.intoArray(acc, accIdx + 6 * Lanes.L);
        c31.intoArray(acc, accIdx + 7 * Lanes.L);
        c40.intoArray(acc, accIdx + 8 * Lanes.L);
        c41.intoArray(acc, accIdx + 9 * Lanes.L);
        c50.intoArray(acc, accIdx + 10 * Lanes.L);
        c51.intoArray(acc, accIdx + 11 * Lanes.L);
    }

    static void k4x2(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int x0, int x1,
                     float[] acc, int accIdx, boolean fresh) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (fresh) {
            c00 = FloatVector.zero(Lanes.F);
            c01 = FloatVector.zero(Lanes.F);
            c10 = FloatVector.zero(Lanes.F);
            c11 = FloatVector.zero(Lanes.F);
            c20 = FloatVector.zero(Lanes.F);
            c21 = FloatVector.zero(Lanes.F);
            c30 = FloatVector.zero(Lanes.F);
            c31 = FloatVector.zero(Lanes.F);
        } else {
            c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
            c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
            c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            int wi = wIdx + k * P;
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            int off = offsets[k];
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            c00 = a.fma(b0, c00);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(acc, accIdx + 0);
        c01.intoArray(acc, accIdx + Lanes.L);
        c10.intoArray(acc, accIdx + 2 * Lanes.L);
        c11.intoArray(acc, accIdx + 3 * Lanes.L);
        c20.intoArray(acc, accIdx + 4 * Lanes.L);
        c21.intoArray(acc, accIdx + 5 * Lanes.L);
        c30.intoArray(acc, accIdx + 6 * Lanes.L);
        c31.intoArray(acc, accIdx + 7 * Lanes.L);
    }

    static void k3x4(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int x0, int x1, int x2, int x3,
                     float[] acc, int accIdx, boolean fresh) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23;
        if (fresh) {
            c00 = FloatVector.zero(Lanes.F);
            c01 = FloatVector.zero(Lanes.F);
            c02 = FloatVector.zero(Lanes.F);
            c03 = FloatVector.zero(Lanes.F);
            c10 = FloatVector.zero(Lanes.F);
            c11 = FloatVector.zero(Lanes.F);
            c12 = FloatVector.zero(Lanes.F);
            c13 = FloatVector.zero(Lanes.F);
            c20 = FloatVector.zero(Lanes.F);
            c21 = FloatVector.zero(Lanes.F);
            c22 = FloatVector.zero(Lanes.F);
            c23 = FloatVector.zero(Lanes.F);
        } else {
            c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
            c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
            c02 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c03 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c12 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c13 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
            c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8 * Lanes.L);
            c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 9 * Lanes.L);
            c22 = FloatVector.fromArray(Lanes.F, acc, accIdx + 10 * Lanes.L);
            c23 = FloatVector.fromArray(Lanes.F, acc, accIdx + 11 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            int wi = wIdx + k * P;
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            int off = offsets[k];
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            c00 = a.fma(b0, c00);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            c01 = a.fma(b1, c01);
            FloatVector b2 = FloatVector.fromArray(Lanes.F, x, x2 + off);
            c02 = a.fma(b2, c02);
            FloatVector b3 = FloatVector.fromArray(Lanes.F, x, x3 + off);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(Lanes.F, wp[wi + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
        }
        c00.intoArray(acc, accIdx + 0);
        c01.intoArray(acc, accIdx + Lanes.L);
        c02.intoArray(acc, accIdx + 2 * Lanes.L);
        c03.intoArray(acc, accIdx + 3 * Lanes.L);
        c10.intoArray(acc, accIdx + 4 * Lanes.L);
        c11.intoArray(acc, accIdx + 5 * Lanes.L);
        c12.intoArray(acc, accIdx + 6 * Lanes.L);
        c13.intoArray(acc, accIdx + 7 * Lanes.L);
        c20.intoArray(acc, accIdx + 8 * Lanes.L);
        c21.intoArray(acc, accIdx + 9 * Lanes.L);
        c22.intoArray(acc, accIdx + 10 * Lanes.L);
        c23.intoArray(acc, accIdx + 11 * Lanes.L);
    }

    static void k1x8(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int[] bases, int bIdx,
                     float[] acc, int accIdx, boolean fresh) {
        int x0 = bases[bIdx + 0];
        int x1 = bases[bIdx + 1];
        int x2 = bases[bIdx + 2];
        int x3 = bases[bIdx + 3];
        int x4 = bases[bIdx + 4];
        int x5 = bases[bIdx + 5];
        int x6 = bases[bIdx + 6];
        int x7 = bases[bIdx + 7];
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (fresh) {
            c0 = FloatVector.zero(Lanes.F);
            c1 = FloatVector.zero(Lanes.F);
            c2 = FloatVector.zero(Lanes.F);
            c3 = FloatVector.zero(Lanes.F);
            c4 = FloatVector.zero(Lanes.F);
            c5 = FloatVector.zero(Lanes.F);
            c6 = FloatVector.zero(Lanes.F);
            c7 = FloatVector.zero(Lanes.F);
        } else {
            c0 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
            c1 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
            c2 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
            c3 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
            c4 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
            c5 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
            c6 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
            c7 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
        }
        for (int k = 0; k < taps; k++) {
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wIdx + k * P]);
            int off = offsets[k];
            c0 = a.fma(FloatVector.fromArray(Lanes.F, x, x0 + off), c0);
            c1 = a.fma(FloatVector.fromArray(Lanes.F, x, x1 + off), c1);
            c2 = a.fma(FloatVector.fromArray(Lanes.F, x, x2 + off), c2);
            c3 = a.fma(FloatVector.fromArray(Lanes.F, x, x3 + off), c3);
            c4 = a.fma(FloatVector.fromArray(Lanes.F, x, x4 + off), c4);
            c5 = a.fma(FloatVector.fromArray(Lanes.F, x, x5 + off), c5);
            c6 = a.fma(FloatVector.fromArray(Lanes.F, x, x6 + off), c6);
            c7 = a.fma(FloatVector.fromArray(Lanes.F, x, x7 + off), c7);
        }
        c0.intoArray(acc, accIdx + 0);
        c1.intoArray(acc, accIdx + Lanes.L);
        c2.intoArray(acc, accIdx + 2 * Lanes.L);
        c3.intoArray(acc, accIdx + 3 * Lanes.L);
        c4.intoArray(acc, accIdx + 4 * Lanes.L);
        c5.intoArray(acc, accIdx + 5 * Lanes.L);
        c6.intoArray(acc, accIdx + 6 * Lanes.L);
        c7.intoArray(acc, accIdx + 7 * Lanes.L);
    }
}
