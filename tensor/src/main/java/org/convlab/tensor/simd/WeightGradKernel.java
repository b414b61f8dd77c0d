package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel of a convolution's weight gradient, an implicit GEMM with the output channels
 * in the vector lanes: a tile of 16 output channels (two vectors) by 6 taps,
 * <pre>  acc[r][v][lane] += sum_{q < count} dT[dBase + q*16 + v*8 + lane] * x[xBase + q + t_r]</pre>
 * where {@code dT} is the output gradient transposed so that the 16 channels of one output
 * position are contiguous, {@code x} the padded input and {@code t_r} the offset of tap
 * {@code r} (see {@link DirectWeightGrad}). Then {@code dw[f0 + 8v + lane, tap_r]} is
 * {@code acc[r][v][lane]}: no lanes to add up at the end. Each step loads two vectors of the
 * gradient and broadcasts six input values for twelve FMAs, the shape of the GEMM micro-kernel
 * ({@link MicroKernel}), whose loop C2 compiles without spilling an accumulator.
 *
 * <p>The accumulators start from {@code acc[accIdx + (r*2 + v)*8 + lane]} and are stored back
 * there.
 */
final class WeightGradKernel {
    /** Output channels per tile: two vectors. */
    static final int CHANNELS = 16;
    /** Taps per tile. */
    static final int TAPS = 6;
    /** Floats of one tile's accumulators. */
    static final int TILE = CHANNELS * TAPS;

    private WeightGradKernel() {
    }

    static void k16x6(float[] dT, int dBase, float[] x, int xBase, int t0, int t1, int t2, int t3, int t4, int t5,
                      int count, float[] acc, int accIdx) {
        FloatVector c00 = FloatVector.fromArray(Lanes.F, acc, accIdx + 0);
        FloatVector c01 = FloatVector.fromArray(Lanes.F, acc, accIdx + 8);
        FloatVector c10 = FloatVector.fromArray(Lanes.F, acc, accIdx + 16);
        FloatVector c11 = FloatVector.fromArray(Lanes.F, acc, accIdx + 24);
        FloatVector c20 = FloatVector.fromArray(Lanes.F, acc, accIdx + 32);
        FloatVector c21 = FloatVector.fromArray(Lanes.F, acc, accIdx + 40);
        FloatVector c30 = FloatVector.fromArray(Lanes.F, acc, accIdx + 48);
        FloatVector c31 = FloatVector.fromArray(Lanes.F, acc, accIdx + 56);
        FloatVector c40 = FloatVector.fromArray(Lanes.F, acc, accIdx + 64);
        FloatVector c41 = FloatVector.fromArray(Lanes.F, acc, accIdx + 72);
        FloatVector c50 = FloatVector.fromArray(Lanes.F, acc, accIdx + 80);
        FloatVector c51 = FloatVector.fromArray(Lanes.F, acc, accIdx + 88);
        for (int q = 0; q < count; q++) {
            int di = dBase + q * CHANNELS;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, dT, di);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, dT, di + 8);
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
            a = FloatVector.broadcast(Lanes.F, x[xi + t5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(acc, accIdx + 0);
        c01.intoArray(acc, accIdx + 8);
        c10.intoArray(acc, accIdx + 16);
        c11.intoArray(acc, accIdx + 24);
        c20.intoArray(acc, accIdx + 32);
        c21.intoArray(acc, accIdx + 40);
        c30.intoArray(acc, accIdx + 48);
        c31.intoArray(acc, accIdx + 56);
        c40.intoArray(acc, accIdx + 64);
        c41.intoArray(acc, accIdx + 72);
        c50.intoArray(acc, accIdx + 80);
        c51.intoArray(acc, accIdx + 88);
    }
}
