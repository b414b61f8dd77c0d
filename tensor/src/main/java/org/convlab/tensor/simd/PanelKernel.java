package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import org.convlab.tensor.kernels.Winograd;

/**
 * The products of Winograd's weight gradient ({@link SimdWinogradGradient}) over panels: both
 * operands stored {@code PANEL = 2L} floats of a tile's element, the tiles {@link #TILE} floats
 * apart, so that a step's index is the tile number times a constant,
 * <pre>  acc[accIdx + r*accStride + v*L + lane] += sum_{q < count} a[aBase + q*TILE + r] * b[bBase + q*TILE + v*L + lane]</pre>
 * for rows {@code r} of {@code a} (broadcast) and vectors {@code v} of {@code b} (loaded), each
 * accumulator one FMA chain over {@code q}, in order. With a constant stride C2 proves every
 * access of the loop in bounds before it starts (the 4 x 2L tile's loop at 256 bits: 22
 * instructions for 8 FMAs, none a check); with strides passed in (the layer's channel counts), as
 * before, each step carried four range checks and two multiplications by strides kept on the
 * stack, 30 instructions, and the tile ran at about 54% of the FMA peak inside a training step
 * (Zen 4, {@code -XX:UseAVX=2}).
 *
 * <p>{@link WeightGradKernel#k8x2Rows} is the same tile with its strides passed in, for the direct
 * weight gradient's input channels in the lanes ({@link WeightGradKernel#k8x2Inputs}), whose
 * position stride is the layer's padded channel count; one method for both would put the checks
 * back into this loop (C2 does not inline a method of this size into its caller, where the strides
 * would be constants).
 */
final class PanelKernel {
    /** Floats of a tile in either operand's panel: two vectors. */
    static final int PANEL = 2 * Lanes.L;
    /**
     * Floats from one tile of a panel to the next. With 16 vector registers
     * ({@link SimdWinograd#V_BY_CHANNEL}, the one choice for both of Winograd's passes) the tile's 16 elements
     * of the panel ({@code Winograd.XI}, {@code PANEL} floats each) and a vector of padding, so
     * that Winograd's gradient transforms store a tile's elements at constant offsets from one
     * index (one bounds check instead of one a store), and a pass over a panel's tiles, one
     * element of each, does not find them a power of two apart in the L1 cache's sets; with 32,
     * {@code PANEL}: the tiles of one element next to each other, which the products stream.
     */
    static final int TILE = SimdWinograd.V_BY_CHANNEL ? Winograd.XI * PANEL + Lanes.L : PANEL;

    private PanelKernel() {
    }

    /** The 8 x 2L tile: 16 accumulators, 2 vectors of {@code b} and 8 broadcasts, 26 registers (AVX-512's 32 hold them). */
    static void k8x2(float[] a, int aBase, float[] b, int bBase, int count, float[] acc, int accIdx, int accStride) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + accStride);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + accStride + Lanes.L);
        FloatVector c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * accStride);
        FloatVector c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * accStride + Lanes.L);
        FloatVector c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * accStride);
        FloatVector c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * accStride + Lanes.L);
        FloatVector c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * accStride);
        FloatVector c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * accStride + Lanes.L);
        FloatVector c50 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * accStride);
        FloatVector c51 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * accStride + Lanes.L);
        FloatVector c60 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * accStride);
        FloatVector c61 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * accStride + Lanes.L);
        FloatVector c70 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * accStride);
        FloatVector c71 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * accStride + Lanes.L);
        for (int q = 0; q < count; q++) {
            int ai = aBase + q * TILE;
            int bi = bBase + q * TILE;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector s = FloatVector.broadcast(Lanes.F, a[ai]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            s = FloatVector.broadcast(Lanes.F, a[ai + 1]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            s = FloatVector.broadcast(Lanes.F, a[ai + 2]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            s = FloatVector.broadcast(Lanes.F, a[ai + 3]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            s = FloatVector.broadcast(Lanes.F, a[ai + 4]);
            c40 = s.fma(b0, c40);
            c41 = s.fma(b1, c41);
            s = FloatVector.broadcast(Lanes.F, a[ai + 5]);
            c50 = s.fma(b0, c50);
            c51 = s.fma(b1, c51);
            s = FloatVector.broadcast(Lanes.F, a[ai + 6]);
            c60 = s.fma(b0, c60);
            c61 = s.fma(b1, c61);
            s = FloatVector.broadcast(Lanes.F, a[ai + 7]);
            c70 = s.fma(b0, c70);
            c71 = s.fma(b1, c71);
        }
        c00.intoArray(acc, accIdx);
        c01.intoArray(acc, accIdx + Lanes.L);
        c10.intoArray(acc, accIdx + accStride);
        c11.intoArray(acc, accIdx + accStride + Lanes.L);
        c20.intoArray(acc, accIdx + 2 * accStride);
        c21.intoArray(acc, accIdx + 2 * accStride + Lanes.L);
        c30.intoArray(acc, accIdx + 3 * accStride);
        c31.intoArray(acc, accIdx + 3 * accStride + Lanes.L);
        c40.intoArray(acc, accIdx + 4 * accStride);
        c41.intoArray(acc, accIdx + 4 * accStride + Lanes.L);
        c50.intoArray(acc, accIdx + 5 * accStride);
        c51.intoArray(acc, accIdx + 5 * accStride + Lanes.L);
        c60.intoArray(acc, accIdx + 6 * accStride);
        c61.intoArray(acc, accIdx + 6 * accStride + Lanes.L);
        c70.intoArray(acc, accIdx + 7 * accStride);
        c71.intoArray(acc, accIdx + 7 * accStride + Lanes.L);
    }

    /**
     * Rows {@code r < 4} of {@link #k8x2}'s tile: 8 accumulators, 2 vectors of {@code b} and 4
     * broadcasts, 14 registers, for JITs with AVX2's 16 ({@link WeightGradKernel#EIGHT_ROWS_FIT}).
     * Rows 0-3 and then 4-7 ({@code aBase + 4}, {@code accIdx + 4 * accStride}) give
     * {@link #k8x2}'s bits: each accumulator is the same FMA chain.
     */
    static void k4x2(float[] a, int aBase, float[] b, int bBase, int count, float[] acc, int accIdx, int accStride) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + accStride);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + accStride + Lanes.L);
        FloatVector c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * accStride);
        FloatVector c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * accStride + Lanes.L);
        FloatVector c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * accStride);
        FloatVector c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * accStride + Lanes.L);
        for (int q = 0; q < count; q++) {
            int ai = aBase + q * TILE;
            int bi = bBase + q * TILE;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, bi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, bi + Lanes.L);
            FloatVector s = FloatVector.broadcast(Lanes.F, a[ai]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            s = FloatVector.broadcast(Lanes.F, a[ai + 1]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            s = FloatVector.broadcast(Lanes.F, a[ai + 2]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            s = FloatVector.broadcast(Lanes.F, a[ai + 3]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
        }
        c00.intoArray(acc, accIdx);
        c01.intoArray(acc, accIdx + Lanes.L);
        c10.intoArray(acc, accIdx + accStride);
        c11.intoArray(acc, accIdx + accStride + Lanes.L);
        c20.intoArray(acc, accIdx + 2 * accStride);
        c21.intoArray(acc, accIdx + 2 * accStride + Lanes.L);
        c30.intoArray(acc, accIdx + 3 * accStride);
        c31.intoArray(acc, accIdx + 3 * accStride + Lanes.L);
    }

    /** {@link #k8x2} with one vector of {@code b} ({@code v = 0}), for a channel count that is an odd number of vectors. */
    static void k8x1(float[] a, int aBase, float[] b, int bBase, int count, float[] acc, int accIdx, int accStride) {
        FloatVector c0 = FloatVector.fromArray(Lanes.F, acc, accIdx);
        FloatVector c1 = FloatVector.fromArray(Lanes.F, acc, accIdx + accStride);
        FloatVector c2 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * accStride);
        FloatVector c3 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * accStride);
        FloatVector c4 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * accStride);
        FloatVector c5 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * accStride);
        FloatVector c6 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * accStride);
        FloatVector c7 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * accStride);
        for (int q = 0; q < count; q++) {
            int ai = aBase + q * TILE;
            FloatVector v = FloatVector.fromArray(Lanes.F, b, bBase + q * TILE);
            c0 = FloatVector.broadcast(Lanes.F, a[ai]).fma(v, c0);
            c1 = FloatVector.broadcast(Lanes.F, a[ai + 1]).fma(v, c1);
            c2 = FloatVector.broadcast(Lanes.F, a[ai + 2]).fma(v, c2);
            c3 = FloatVector.broadcast(Lanes.F, a[ai + 3]).fma(v, c3);
            c4 = FloatVector.broadcast(Lanes.F, a[ai + 4]).fma(v, c4);
            c5 = FloatVector.broadcast(Lanes.F, a[ai + 5]).fma(v, c5);
            c6 = FloatVector.broadcast(Lanes.F, a[ai + 6]).fma(v, c6);
            c7 = FloatVector.broadcast(Lanes.F, a[ai + 7]).fma(v, c7);
        }
        c0.intoArray(acc, accIdx);
        c1.intoArray(acc, accIdx + accStride);
        c2.intoArray(acc, accIdx + 2 * accStride);
        c3.intoArray(acc, accIdx + 3 * accStride);
        c4.intoArray(acc, accIdx + 4 * accStride);
        c5.intoArray(acc, accIdx + 5 * accStride);
        c6.intoArray(acc, accIdx + 6 * accStride);
        c7.intoArray(acc, accIdx + 7 * accStride);
    }
}
