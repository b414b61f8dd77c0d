package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel of a convolution's weight gradient: 4 output channels by 3 taps, with the
 * output positions in the vector lanes,
 * <pre>  acc[r][t][lane] = sum_{n, oy, ox = lane mod 8} dy[n, o_r, oy, ox] * xpad[n, tap_t + oy*rowStep + ox]</pre>
 * so that {@code dw[o_r, tap_t]} is the sum of the 8 lanes of {@code acc[r][t]}. Each step loads
 * 4 vectors of the output gradient and 3 of the padded input (7 loads for 12 FMAs) and needs no
 * transposed copy of either.
 *
 * <p>{@code dy} rows are {@code rowWidth} floats long, a multiple of 8 whose lanes past the
 * output width are zero; an image takes {@code dyImage} floats of {@code dy} and
 * {@code xImage} of {@code xpad}. The 12 accumulators are left in {@code tile[(r*3 + t)*8 + lane]}.
 */
final class WeightGradKernel {
    private WeightGradKernel() {
    }

    static void k4x3(float[] dy, int d0, int d1, int d2, int d3, int dyImage, int rowWidth,
                     float[] xpad, int t0, int t1, int t2, int xImage, int rowStep,
                     int images, int outH, float[] tile) {
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        for (int n = 0; n < images; n++) {
            for (int oy = 0; oy < outH; oy++) {
                int dRow = n * dyImage + oy * rowWidth;
                int xRow = n * xImage + oy * rowStep;
                for (int ox = 0; ox < rowWidth; ox += 8) {
                    int di = dRow + ox;
                    int xi = xRow + ox;
                    FloatVector x0 = FloatVector.fromArray(Lanes.F, xpad, t0 + xi);
                    FloatVector x1 = FloatVector.fromArray(Lanes.F, xpad, t1 + xi);
                    FloatVector x2 = FloatVector.fromArray(Lanes.F, xpad, t2 + xi);
                    FloatVector d = FloatVector.fromArray(Lanes.F, dy, d0 + di);
                    c00 = d.fma(x0, c00);
                    c01 = d.fma(x1, c01);
                    c02 = d.fma(x2, c02);
                    d = FloatVector.fromArray(Lanes.F, dy, d1 + di);
                    c10 = d.fma(x0, c10);
                    c11 = d.fma(x1, c11);
                    c12 = d.fma(x2, c12);
                    d = FloatVector.fromArray(Lanes.F, dy, d2 + di);
                    c20 = d.fma(x0, c20);
                    c21 = d.fma(x1, c21);
                    c22 = d.fma(x2, c22);
                    d = FloatVector.fromArray(Lanes.F, dy, d3 + di);
                    c30 = d.fma(x0, c30);
                    c31 = d.fma(x1, c31);
                    c32 = d.fma(x2, c32);
                }
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c02.intoArray(tile, 16);
        c10.intoArray(tile, 24);
        c11.intoArray(tile, 32);
        c12.intoArray(tile, 40);
        c20.intoArray(tile, 48);
        c21.intoArray(tile, 56);
        c22.intoArray(tile, 64);
        c30.intoArray(tile, 72);
        c31.intoArray(tile, 80);
        c32.intoArray(tile, 88);
    }
}
