package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked micro-kernels of a {@link Correlation}: a tile of output channels (rows, whose
 * filters are broadcast) by output octets (runs of L columns, one vector of the width in use, loaded straight from the
 * padded image — no im2col), summed over {@code taps} taps (one block of a correlation's taps):
 * <pre>  tile[r][o][lane] += sum_{k < taps} wp[wIdx + k*P + r] * x[x_o + offsets[k] + lane]</pre>
 * Filters are packed with row stride {@link #P}: {@code wp[wIdx + k*P + r]} is filter {@code r} of the
 * panel at tap {@code k}. The tile lives in {@code acc[accIdx + (r*O + o)*L + lane]}: the
 * accumulators start from it, or from zero when {@code fresh} (a tile's first block of taps:
 * {@link #start}), and are stored back to it. Shapes (rows x octets): 8x2 (512-bit
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
        FloatVector c00 = start(acc, accIdx + 0 * Lanes.L, fresh);
        FloatVector c01 = start(acc, accIdx + 1 * Lanes.L, fresh);
        FloatVector c10 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c11 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c20 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c21 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c30 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c31 = start(acc, accIdx + 7 * Lanes.L, fresh);
        FloatVector c40 = start(acc, accIdx + 8 * Lanes.L, fresh);
        FloatVector c41 = start(acc, accIdx + 9 * Lanes.L, fresh);
        FloatVector c50 = start(acc, accIdx + 10 * Lanes.L, fresh);
        FloatVector c51 = start(acc, accIdx + 11 * Lanes.L, fresh);
        FloatVector c60 = start(acc, accIdx + 12 * Lanes.L, fresh);
        FloatVector c61 = start(acc, accIdx + 13 * Lanes.L, fresh);
        FloatVector c70 = start(acc, accIdx + 14 * Lanes.L, fresh);
        FloatVector c71 = start(acc, accIdx + 15 * Lanes.L, fresh);
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
        FloatVector c00 = start(acc, accIdx + 0 * Lanes.L, fresh);
        FloatVector c01 = start(acc, accIdx + 1 * Lanes.L, fresh);
        FloatVector c10 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c11 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c20 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c21 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c30 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c31 = start(acc, accIdx + 7 * Lanes.L, fresh);
        FloatVector c40 = start(acc, accIdx + 8 * Lanes.L, fresh);
        FloatVector c41 = start(acc, accIdx + 9 * Lanes.L, fresh);
        FloatVector c50 = start(acc, accIdx + 10 * Lanes.L, fresh);
        FloatVector c51 = start(acc, accIdx + 11 * Lanes.L, fresh);
        FloatVector c60 = start(acc, accIdx + 12 * Lanes.L, fresh);
        FloatVector c61 = start(acc, accIdx + 13 * Lanes.L, fresh);
        FloatVector c70 = start(acc, accIdx + 14 * Lanes.L, fresh);
        FloatVector c71 = start(acc, accIdx + 15 * Lanes.L, fresh);
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
        FloatVector c00 = start(acc, accIdx + 0, fresh);
        FloatVector c01 = start(acc, accIdx + Lanes.L, fresh);
        FloatVector c10 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c11 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c20 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c21 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c30 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c31 = start(acc, accIdx + 7 * Lanes.L, fresh);
        FloatVector c40 = start(acc, accIdx + 8 * Lanes.L, fresh);
        FloatVector c41 = start(acc, accIdx + 9 * Lanes.L, fresh);
        FloatVector c50 = start(acc, accIdx + 10 * Lanes.L, fresh);
        FloatVector c51 = start(acc, accIdx + 11 * Lanes.L, fresh);
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
        FloatVector c00 = start(acc, accIdx + 0, fresh);
        FloatVector c01 = start(acc, accIdx + Lanes.L, fresh);
        FloatVector c10 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c11 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c20 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c21 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c30 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c31 = start(acc, accIdx + 7 * Lanes.L, fresh);
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
        FloatVector c00 = start(acc, accIdx + 0, fresh);
        FloatVector c01 = start(acc, accIdx + Lanes.L, fresh);
        FloatVector c02 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c03 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c10 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c11 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c12 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c13 = start(acc, accIdx + 7 * Lanes.L, fresh);
        FloatVector c20 = start(acc, accIdx + 8 * Lanes.L, fresh);
        FloatVector c21 = start(acc, accIdx + 9 * Lanes.L, fresh);
        FloatVector c22 = start(acc, accIdx + 10 * Lanes.L, fresh);
        FloatVector c23 = start(acc, accIdx + 11 * Lanes.L, fresh);
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
        FloatVector c0 = start(acc, accIdx + 0, fresh);
        FloatVector c1 = start(acc, accIdx + Lanes.L, fresh);
        FloatVector c2 = start(acc, accIdx + 2 * Lanes.L, fresh);
        FloatVector c3 = start(acc, accIdx + 3 * Lanes.L, fresh);
        FloatVector c4 = start(acc, accIdx + 4 * Lanes.L, fresh);
        FloatVector c5 = start(acc, accIdx + 5 * Lanes.L, fresh);
        FloatVector c6 = start(acc, accIdx + 6 * Lanes.L, fresh);
        FloatVector c7 = start(acc, accIdx + 7 * Lanes.L, fresh);
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

    /**
     * An accumulator of a tile at {@code acc[at..at+L)}: zero for a tile's first block of taps
     * ({@code fresh}: no zeros written and read back), else its stored value. Each call makes its
     * own zero (one zero shared by several accumulators was boxed by C2 in some compilations of
     * {@link SimdWinograd#products}).
     */
    private static FloatVector start(float[] acc, int at, boolean fresh) {
        return fresh ? FloatVector.zero(Lanes.F) : FloatVector.fromArray(Lanes.F, acc, at);
    }
}
