package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked micro-kernels of a {@link Correlation}: a tile of output channels (rows, whose
 * filters are broadcast) by output octets (runs of 8 columns, loaded as vectors straight from the
 * padded image — no im2col):
 * <pre>  tile[r][o][lane] = sum_k wp[wIdx + k*6 + r] * x[bases[bIdx + o] + offsets[k] + lane]</pre>
 * Filters are packed with row stride 6: {@code wp[wIdx + k*6 + r]} is filter {@code r} of the
 * panel at tap {@code k}. The tile is left in {@code tile[(r*O + o)*8 + lane]} for the caller's
 * epilogue — except that the 6x2 and 4x2 kernels, given an {@code out} array, add the bias and
 * store full tiles themselves ({@code out[out_o + r*plane + lane] = tile + bias[biasOff + r]}),
 * which keeps the vectors in registers. Shapes (rows x octets): 6x2 and 4x2 for wide channel counts, 3x4 and 1x8 when there
 * are only a few output channels (a 1-channel input gradient, an RGB one) so that every kernel
 * keeps 8 to 12 independent accumulators.
 *
 * <p>Each kernel keeps all its vectors in one method so that the JIT holds them in registers.
 */
final class CorrelationKernel {
    private CorrelationKernel() {
    }

    static void k6x2(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int[] bases, int bIdx, float[] tile,
                     float[] out, int out0, int out1, int plane, float[] bias, int biasOff) {
        int x0 = bases[bIdx];
        int x1 = bases[bIdx + 1];
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int k = 0; k < taps; k++) {
            int off = offsets[k];
            int wi = wIdx + k * 6;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            c00 = a.fma(b0, c00);
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
        if (out != null) {
            float b0 = bias == null ? 0f : bias[biasOff + 0];
            c00.add(b0).intoArray(out, out0 + 0 * plane);
            c01.add(b0).intoArray(out, out1 + 0 * plane);
            float b1 = bias == null ? 0f : bias[biasOff + 1];
            c10.add(b1).intoArray(out, out0 + 1 * plane);
            c11.add(b1).intoArray(out, out1 + 1 * plane);
            float b2 = bias == null ? 0f : bias[biasOff + 2];
            c20.add(b2).intoArray(out, out0 + 2 * plane);
            c21.add(b2).intoArray(out, out1 + 2 * plane);
            float b3 = bias == null ? 0f : bias[biasOff + 3];
            c30.add(b3).intoArray(out, out0 + 3 * plane);
            c31.add(b3).intoArray(out, out1 + 3 * plane);
            float b4 = bias == null ? 0f : bias[biasOff + 4];
            c40.add(b4).intoArray(out, out0 + 4 * plane);
            c41.add(b4).intoArray(out, out1 + 4 * plane);
            float b5 = bias == null ? 0f : bias[biasOff + 5];
            c50.add(b5).intoArray(out, out0 + 5 * plane);
            c51.add(b5).intoArray(out, out1 + 5 * plane);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    static void k4x2(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int[] bases, int bIdx, float[] tile,
                     float[] out, int out0, int out1, int plane, float[] bias, int biasOff) {
        int x0 = bases[bIdx];
        int x1 = bases[bIdx + 1];
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int k = 0; k < taps; k++) {
            int off = offsets[k];
            int wi = wIdx + k * 6;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            c00 = a.fma(b0, c00);
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
        if (out != null) {
            float b0 = bias == null ? 0f : bias[biasOff + 0];
            c00.add(b0).intoArray(out, out0 + 0 * plane);
            c01.add(b0).intoArray(out, out1 + 0 * plane);
            float b1 = bias == null ? 0f : bias[biasOff + 1];
            c10.add(b1).intoArray(out, out0 + 1 * plane);
            c11.add(b1).intoArray(out, out1 + 1 * plane);
            float b2 = bias == null ? 0f : bias[biasOff + 2];
            c20.add(b2).intoArray(out, out0 + 2 * plane);
            c21.add(b2).intoArray(out, out1 + 2 * plane);
            float b3 = bias == null ? 0f : bias[biasOff + 3];
            c30.add(b3).intoArray(out, out0 + 3 * plane);
            c31.add(b3).intoArray(out, out1 + 3 * plane);
            return;
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

    static void k3x4(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int[] bases, int bIdx, float[] tile) {
        int x0 = bases[bIdx];
        int x1 = bases[bIdx + 1];
        int x2 = bases[bIdx + 2];
        int x3 = bases[bIdx + 3];
        FloatVector c00 = FloatVector.zero(Lanes.F);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        for (int k = 0; k < taps; k++) {
            int off = offsets[k];
            int wi = wIdx + k * 6;
            FloatVector b0 = FloatVector.fromArray(Lanes.F, x, x0 + off);
            FloatVector b1 = FloatVector.fromArray(Lanes.F, x, x1 + off);
            FloatVector b2 = FloatVector.fromArray(Lanes.F, x, x2 + off);
            FloatVector b3 = FloatVector.fromArray(Lanes.F, x, x3 + off);
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wi]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c02.intoArray(tile, 16);
        c03.intoArray(tile, 24);
        c10.intoArray(tile, 32);
        c11.intoArray(tile, 40);
        c12.intoArray(tile, 48);
        c13.intoArray(tile, 56);
        c20.intoArray(tile, 64);
        c21.intoArray(tile, 72);
        c22.intoArray(tile, 80);
        c23.intoArray(tile, 88);
    }

    static void k1x8(float[] wp, int wIdx, int taps, int[] offsets, float[] x, int[] bases, int bIdx, float[] tile) {
        int x0 = bases[bIdx];
        int x1 = bases[bIdx + 1];
        int x2 = bases[bIdx + 2];
        int x3 = bases[bIdx + 3];
        int x4 = bases[bIdx + 4];
        int x5 = bases[bIdx + 5];
        int x6 = bases[bIdx + 6];
        int x7 = bases[bIdx + 7];
        FloatVector c0 = FloatVector.zero(Lanes.F);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int k = 0; k < taps; k++) {
            int off = offsets[k];
            FloatVector a = FloatVector.broadcast(Lanes.F, wp[wIdx + k * 6]);
            c0 = a.fma(FloatVector.fromArray(Lanes.F, x, x0 + off), c0);
            c1 = a.fma(FloatVector.fromArray(Lanes.F, x, x1 + off), c1);
            c2 = a.fma(FloatVector.fromArray(Lanes.F, x, x2 + off), c2);
            c3 = a.fma(FloatVector.fromArray(Lanes.F, x, x3 + off), c3);
            c4 = a.fma(FloatVector.fromArray(Lanes.F, x, x4 + off), c4);
            c5 = a.fma(FloatVector.fromArray(Lanes.F, x, x5 + off), c5);
            c6 = a.fma(FloatVector.fromArray(Lanes.F, x, x6 + off), c6);
            c7 = a.fma(FloatVector.fromArray(Lanes.F, x, x7 + off), c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, 8);
        c2.intoArray(tile, 16);
        c3.intoArray(tile, 24);
        c4.intoArray(tile, 32);
        c5.intoArray(tile, 40);
        c6.intoArray(tile, 48);
        c7.intoArray(tile, 56);
    }
}
