package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel of a convolution's weight gradient, an implicit GEMM with the output channels
 * in the vector lanes: a tile of {@code CHANNELS = 2L} output channels (two vectors of L lanes) by 4 taps
 * ({@link #k2Lx5}: by 5 taps, for 5 x 5 filters at 512 bits; {@link #kLx8}: L channels by 8 taps, for
 * narrow layers at 512 bits),
 * <pre>  acc[r][v][lane] += sum_{q < count} dT[dBase + q*2L + v*L + lane] * x[xBase + q + t_r]</pre>
 * where {@code dT} is the output gradient transposed so that the 2L channels of one output
 * position are contiguous, {@code x} the padded input and {@code t_r} the offset of tap
 * {@code r} (see {@link DirectWeightGrad}). Then {@code dw[f0 + Lv + lane, tap_r]} is
 * {@code acc[r][v][lane]}: no lanes to add up at the end. Each step loads two vectors of the
 * gradient and broadcasts four input values for eight FMAs.
 *
 * <p>Four taps, not six: C2 loads every broadcast of a step before the first FMA, so a tile of
 * {@code 2 x T} accumulators needs {@code 3T + 2} vector registers. With six taps that is 20 of
 * AVX2's 16, and C2 kept five accumulators on the stack (a load and a store on their FMA chains
 * every step: the kernel ran at 26-36% of the FMA peak); with four it is 14, and the loop has no
 * spill. Eight accumulators are still enough to keep both FMA pipes busy. AVX-512's 32
 * registers hold five taps ({@link #k2Lx5}: 17).
 *
 * <p>The accumulators start from {@code acc[accIdx + (r*2 + v)*L + lane]} and are stored back
 * there.
 */
final class WeightGradKernel {
    /**
     * Output channels per tile: two vectors (8, 16 or 32 channels at 128, 256 or 512 bits); one
     * ({@link #kLx8}) for layers of at most L channels at 512 bits, see
     * {@link DirectWeightGrad#channelWidth}.
     */
    static final int CHANNELS = 2 * Lanes.L;
    /** Taps per tile of {@link #k2Lx4}. */
    static final int TAPS = 4;
    /** Taps per tile of {@link #k2Lx5}. */
    static final int FIVE_TAPS = 5;
    /** Taps per tile of {@link #kLx8}. */
    static final int NARROW_TAPS = 8;

    private WeightGradKernel() {
    }

    static void k2Lx4(float[] dT, int dBase, float[] x, int xBase, int t0, int t1, int t2, int t3,
                      int count, float[] acc, int accIdx) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
        FloatVector c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
        FloatVector c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
        FloatVector c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
        FloatVector c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
        for (int q = 0; q < count; q++) {
            int di = dBase + q * CHANNELS;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, dT, di);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, dT, di + Lanes.L);
            int xi = xBase + q;
            FloatVector a = FloatVector.broadcast(Lanes.F, x[xi + t0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, x[xi + t1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, x[xi + t2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, x[xi + t3]);
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

    /**
     * The 2L x 5 tile, for layers whose taps are a multiple of 5 (5 x 5 filters) with 32 vector
     * registers (512 bits): ten accumulators, two gradient vectors and five broadcasts a step,
     * 17 registers. A 25-tap layer takes 5 tiles where {@link #k2Lx4} takes 7 (28 taps, 3 of them
     * repeats), and each gradient vector feeds 10 multiply-adds instead of 8.
     */
    static void k2Lx5(float[] dT, int dBase, float[] x, int xBase, int t0, int t1, int t2, int t3, int t4,
                      int count, float[] acc, int accIdx) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + Lanes.L);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
        FloatVector c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
        FloatVector c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
        FloatVector c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
        FloatVector c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
        FloatVector c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8 * Lanes.L);
        FloatVector c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 9 * Lanes.L);
        for (int q = 0; q < count; q++) {
            int di = dBase + q * CHANNELS;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, dT, di);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, dT, di + Lanes.L);
            int xi = xBase + q;
            FloatVector a = FloatVector.broadcast(Lanes.F, x[xi + t0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(Lanes.F, x[xi + t1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(Lanes.F, x[xi + t2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(Lanes.F, x[xi + t3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(Lanes.F, x[xi + t4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
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
    }

    /**
     * The L x 8 tile for 512-bit vectors and at most L output channels (a 16-channel layer would
     * leave half of a 2L tile's lanes zero): eight accumulators, one gradient vector and eight
     * broadcasts per step. {@code dT} holds L channels per position here ({@code q*L}).
     */
    static void kLx8(float[] dT, int dBase, float[] x, int xBase, int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7,
                     int count, float[] acc, int accIdx) {
        FloatVector c0 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0 * Lanes.L);
        FloatVector c1 = FloatVector.fromArray(Lanes.F, acc, accIdx + 1 * Lanes.L);
        FloatVector c2 = FloatVector.fromArray(Lanes.F, acc, accIdx + 2 * Lanes.L);
        FloatVector c3 = FloatVector.fromArray(Lanes.F, acc, accIdx + 3 * Lanes.L);
        FloatVector c4 = FloatVector.fromArray(Lanes.F, acc, accIdx + 4 * Lanes.L);
        FloatVector c5 = FloatVector.fromArray(Lanes.F, acc, accIdx + 5 * Lanes.L);
        FloatVector c6 = FloatVector.fromArray(Lanes.F, acc, accIdx + 6 * Lanes.L);
        FloatVector c7 = FloatVector.fromArray(Lanes.F, acc, accIdx + 7 * Lanes.L);
        for (int q = 0; q < count; q++) {
            FloatVector b = FloatVector.fromArray(Lanes.F, dT, dBase + q * Lanes.L);
            int xi = xBase + q;
            c0 = FloatVector.broadcast(Lanes.F, x[xi + t0]).fma(b, c0);
            c1 = FloatVector.broadcast(Lanes.F, x[xi + t1]).fma(b, c1);
            c2 = FloatVector.broadcast(Lanes.F, x[xi + t2]).fma(b, c2);
            c3 = FloatVector.broadcast(Lanes.F, x[xi + t3]).fma(b, c3);
            c4 = FloatVector.broadcast(Lanes.F, x[xi + t4]).fma(b, c4);
            c5 = FloatVector.broadcast(Lanes.F, x[xi + t5]).fma(b, c5);
            c6 = FloatVector.broadcast(Lanes.F, x[xi + t6]).fma(b, c6);
            c7 = FloatVector.broadcast(Lanes.F, x[xi + t7]).fma(b, c7);
        }
        c0.intoArray(acc, accIdx + 0 * Lanes.L);
        c1.intoArray(acc, accIdx + 1 * Lanes.L);
        c2.intoArray(acc, accIdx + 2 * Lanes.L);
        c3.intoArray(acc, accIdx + 3 * Lanes.L);
        c4.intoArray(acc, accIdx + 4 * Lanes.L);
        c5.intoArray(acc, accIdx + 5 * Lanes.L);
        c6.intoArray(acc, accIdx + 6 * Lanes.L);
        c7.intoArray(acc, accIdx + 7 * Lanes.L);
    }
    /**
     * The 8 x 2L tile with the <em>input</em> channels in the lanes, for layers of at most L output
     * channels and a multiple of 2L input channels at 512 bits ({@link DirectWeightGrad#inputChannelsInLanes}):
     * <pre>  acc[r][v][lane] += sum_{q < count} dT[dBase + q*L + r] * xT[xBase + q*xStride + v*L + lane]</pre>
     * for 8 output channels {@code r} of {@code dT} (the output gradient transposed, L channels a
     * position) and 2L input channels of {@code xT} (the padded input transposed, {@code xStride}
     * channels a position; {@code xBase} holds the tap's offset). Each step loads two input vectors
     * and broadcasts eight gradient values for sixteen FMAs, where {@link #kLx8}, which holds the
     * output channels in the lanes, broadcasts one input value per FMA. The same products summed
     * in the same order (each accumulator one FMA chain over {@code q}), so the same bits.
     */
    static void k8x2Inputs(float[] dT, int dBase, float[] xT, int xBase, int xStride, int count,
                           float[] acc, int accIdx) {
        k8x2Rows(dT, dBase, Lanes.L, xT, xBase, xStride, count, acc, accIdx, 2 * Lanes.L);
    }

    /**
     * The tile of {@link #k8x2Inputs} with its strides given: rows {@code r < 8} of {@code a}
     * broadcast, two vectors of {@code b} loaded, a step:
     * <pre>  acc[accIdx + r*accStride + v*L + lane] += sum_{q < count} a[aBase + q*aStride + r] * b[bBase + q*bStride + v*L + lane]</pre>
     * each accumulator one FMA chain over {@code q} (Winograd's weight gradient runs its 16
     * products on it, {@code SimdWinogradGradient}).
     */
    static void k8x2Rows(float[] a, int aBase, int aStride, float[] b, int bBase, int bStride, int count,
                         float[] acc, int accIdx, int accStride) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0 * accStride);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0 * accStride + Lanes.L);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 1 * accStride);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 1 * accStride + Lanes.L);
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
            int di = aBase + q * aStride;
            int xi = bBase + q * bStride;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, b, xi);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, b, xi + Lanes.L);
            FloatVector s = FloatVector.broadcast(Lanes.F, a[di]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            s = FloatVector.broadcast(Lanes.F, a[di + 1]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            s = FloatVector.broadcast(Lanes.F, a[di + 2]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            s = FloatVector.broadcast(Lanes.F, a[di + 3]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            s = FloatVector.broadcast(Lanes.F, a[di + 4]);
            c40 = s.fma(b0, c40);
            c41 = s.fma(b1, c41);
            s = FloatVector.broadcast(Lanes.F, a[di + 5]);
            c50 = s.fma(b0, c50);
            c51 = s.fma(b1, c51);
            s = FloatVector.broadcast(Lanes.F, a[di + 6]);
            c60 = s.fma(b0, c60);
            c61 = s.fma(b1, c61);
            s = FloatVector.broadcast(Lanes.F, a[di + 7]);
            c70 = s.fma(b0, c70);
            c71 = s.fma(b1, c71);
        }
        c00.intoArray(acc, accIdx + 0 * accStride);
        c01.intoArray(acc, accIdx + 0 * accStride + Lanes.L);
        c10.intoArray(acc, accIdx + 1 * accStride);
        c11.intoArray(acc, accIdx + 1 * accStride + Lanes.L);
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
     * Whether an 8 x 2L tile ({@link #k8x2Rows}, {@link PanelKernel#k8x2}) fits the vector
     * registers the JIT has: its 16 accumulators, 2 vectors of {@code b} and 8 broadcasts (C2 loads
     * them all before the first FMA) take 26, which AVX-512's 32 hold. With AVX2's 16, C2 keeps
     * accumulators on the stack (Winograd's weight gradient of the 32->16 layer at 256 bits on Zen
     * 4 with {@code -XX:UseAVX=2}: 51 GFLOP/s against 107 with 32 registers), so callers run the
     * rows as two 4 x 2L tiles there ({@link PanelKernel#k4x2}, {@code SimdWinograd.products4}).
     */
    static final boolean EIGHT_ROWS_FIT = Lanes.REGISTERS >= 32;
}
