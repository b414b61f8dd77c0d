package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import org.convlab.tensor.kernels.PackedWeights;

/**
 * A wide linear layer's weights packed once for inference as the left operand of
 * <pre>
 *   t = w x^T          (out, n): the GEMM with w's row panels packed once, x^T's strips per call
 *   y = t^T + bias     (n, out): t transposed in L x L blocks, the bias added to each row
 *                      (and the rectifier applied) as each block lands
 * </pre>
 * rather than as the right operand of {@code y = x w^T}. Each element of {@code t} is the GEMM's
 * chain of fused multiply-adds along {@code in}, and {@code y = t + bias} as in
 * {@link org.convlab.tensor.kernels.GemmDense}: the bits of the unpacked forward.
 *
 * <p>Why this way round: a batch of 64 is whole strips of the GEMM's tile ({@code 2L}: two of 32
 * at 512 bits) while a layer's outputs rarely are (100 = 3 x 32 + 4), so the product has no
 * narrow strip; and {@code x} is packed as strips of 2L rows through block transposes, without
 * the 12-row panels' 16-row reads. MLP 784-100-100-10, batch 64, one thread, AMD Zen 4 at 512 bits:
 * see {@link SimdDense#pack}. Weights that come from memory on every pass (from
 * {@link SimdDense#STREAMED_WEIGHT_FLOATS}) are packed the other way round.
 */
record WeightRows(int in, int out, SimdGemm.RowPanels w) implements PackedWeights {
    /** Per thread: {@code t}, grown to the largest {@code out x n} seen. */
    private static final ThreadLocal<float[][]> PRODUCT = ThreadLocal.withInitial(() -> new float[1][0]);

    /** Packs {@code w (out, in)}. */
    static WeightRows pack(int in, int out, float[] w) {
        return new WeightRows(in, out, SimdGemm.packRows(false, out, in, w, 0, in));
    }

    /**
     * {@code y = x w^T + bias} for {@code n} rows of {@code x (n, in)}, rectified ({@code max(y, 0)})
     * when {@code relu}; {@code bias} may be {@code null}.
     */
    void forward(int n, float[] x, float[] bias, boolean relu, float[] y) {
        float[][] holder = PRODUCT.get();
        int size = Math.multiplyExact(out, n);
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        float[] t = holder[0];
        SimdGemm.multiply(w, true, n, 1f, x, 0, in, 0f, t, 0, n);
        transpose(t, n, out, bias, relu, y);
    }

    /**
     * {@code y[i*out + o] = t[o*n + i] + bias[o]}, then {@code max(y, 0)} when {@code relu}:
     * {@code L}-row blocks of {@code t} through registers, each block's {@code n x L} columns of
     * {@code y} finished while they are in L1, the rest element by element. The same additions
     * and maxima as {@link SimdElementwise#addBias} and the rectifier after a plain transpose.
     */
    static void transpose(float[] t, int n, int out, float[] bias, boolean relu, float[] y) {
        // max(v, -infinity) is v itself, NaN and -0 included: the rectifier's floor, or none.
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        int o = 0;
        if (BlockTranspose.available() && n >= Lanes.L) {
            for (; o + Lanes.L <= out; o += Lanes.L) {
                BlockTranspose.columns(t, o * n, n, n, y, o, out);
                if (bias != null) {
                    finish(y, n, out, o, bias, floor);
                } else if (relu) {
                    floor(y, n, out, o, floor);
                }
            }
        }
        for (; o < out; o++) {
            for (int i = 0; i < n; i++) {
                float v = t[o * n + i];
                if (bias != null) {
                    v += bias[o];
                }
                y[i * out + o] = Math.max(v, floor);
            }
        }
    }

    /**
     * Columns {@code o..o+L} of the {@code n} rows of {@code y (n, out)}: plus the bias, then
     * {@code max(., floor)}. (One loop per case, no vector across a branch: C2 boxes vectors that
     * cross a branch it has recompiled for the other direction, see {@link SimdWinograd}.)
     */
    private static void finish(float[] y, int n, int out, int o, float[] bias, float floor) {
        FloatVector b = FloatVector.fromArray(Lanes.F, bias, o);
        FloatVector least = FloatVector.broadcast(Lanes.F, floor);
        for (int i = 0; i < n; i++) {
            int at = i * out + o;
            FloatVector.fromArray(Lanes.F, y, at).add(b).max(least).intoArray(y, at);
        }
    }

    /** Columns {@code o..o+L} of the {@code n} rows of {@code y (n, out)}: {@code max(., floor)}. */
    private static void floor(float[] y, int n, int out, int o, float floor) {
        FloatVector least = FloatVector.broadcast(Lanes.F, floor);
        for (int i = 0; i < n; i++) {
            int at = i * out + o;
            FloatVector.fromArray(Lanes.F, y, at).max(least).intoArray(y, at);
        }
    }
}
