package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel of a convolution's weight gradient: 4 output channels by 2 taps, with the
 * output positions in the vector lanes,
 * <pre>  acc[r][t][lane] = sum_q dy[d_r + 8q + lane] * xpad[tap_t + octets[q] + lane]</pre>
 * so that {@code dw[o_r, tap_t]} is the sum of the 8 lanes of {@code acc[r][t]}. Each step loads
 * 4 vectors of the output gradient and 2 of the padded input (6 loads for 8 FMAs) and needs no
 * transposed copy of either. Eight accumulators cover the FMA latency; the tile is kept this
 * small because the JIT unrolls the short inner loop and a larger tile would spill.
 *
 * <p>The output gradient of channel {@code r} is read as consecutive octets from {@code d_r}
 * (rows padded to a multiple of 8 with zeros); {@code octets[q]} is where the input under octet
 * {@code q} starts. One flat loop over a table, rather than loops over images, rows and
 * columns, because JDK 17 keeps vectors in registers only across a single loop level. The
 * accumulators are left in {@code tile[(r*2 + t)*8 + lane]}.
 */
final class WeightGradKernel {
    /** Output channels per tile. */
    static final int ROWS = 4;
    /** Taps per tile. */
    static final int TAPS = 2;

    private WeightGradKernel() {
    }

    static void k4x2(float[] dy, int d0, int d1, int d2, int d3,
                     float[] xpad, int t0, int t1, int[] octets, int count, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int q = 0; q < count; q++) {
            int xi = octets[q];
            int di = q * 8;
            FloatVector x0 = FloatVector.fromArray(Lanes.F, xpad, t0 + xi);
            FloatVector x1 = FloatVector.fromArray(Lanes.F, xpad, t1 + xi);
            FloatVector d = FloatVector.fromArray(Lanes.F, dy, d0 + di);
            c00 = d.fma(x0, c00);
            c01 = d.fma(x1, c01);
            d = FloatVector.fromArray(Lanes.F, dy, d1 + di);
            c10 = d.fma(x0, c10);
            c11 = d.fma(x1, c11);
            d = FloatVector.fromArray(Lanes.F, dy, d2 + di);
            c20 = d.fma(x0, c20);
            c21 = d.fma(x1, c21);
            d = FloatVector.fromArray(Lanes.F, dy, d3 + di);
            c30 = d.fma(x0, c30);
            c31 = d.fma(x1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
    }
}
