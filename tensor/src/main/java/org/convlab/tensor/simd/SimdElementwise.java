package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.convlab.tensor.kernels.ElementwiseKernels;
import org.convlab.tensor.parallel.Parallel;

/**
 * {@link ElementwiseKernels} on vectors of the width in use, split into chunks of {@link #CHUNK} elements
 * (fixed by the size, never by the thread count) when the arrays are large. The rectifier's
 * backward pass is a compare and a blend instead of a data-dependent branch, which a CPU
 * mispredicts half the time on activations.
 */
public final class SimdElementwise implements ElementwiseKernels {
    /** Elements per parallel chunk. */
    static final int CHUNK = 1 << 16;

    @Override
    public void relu(float[] x, float[] y, int n) {
        Parallel.forEach(Parallel.chunksFor(n, CHUNK), c -> relu(x, y, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    private static void relu(float[] x, float[] y, int from, int to) {
        FloatVector zero = FloatVector.zero(Lanes.F);
        int i = from;
        for (int bound = from + Lanes.F.loopBound(to - from); i < bound; i += Lanes.L) {
            FloatVector.fromArray(Lanes.F, x, i).max(zero).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, float[] dy, float[] dx, int n) {
        Parallel.forEach(Parallel.chunksFor(n, CHUNK),
                c -> reluBackward(y, dy, dx, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    private static void reluBackward(float[] y, float[] dy, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(Lanes.F);
        int i = from;
        for (int bound = from + Lanes.F.loopBound(to - from); i < bound; i += Lanes.L) {
            VectorMask<Float> on = FloatVector.fromArray(Lanes.F, y, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(Lanes.F, dy, i), on).intoArray(dx, i);
        }
        for (; i < to; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    /** {@code dst[j] = act[off + j] > 0 ? dy[off + j] : 0} for {@code j < len}: one image's rectifier mask. */
    static void mask(float[] act, float[] dy, int off, float[] dst, int len) {
        FloatVector zero = FloatVector.zero(Lanes.F);
        int j = 0;
        for (int bound = Lanes.F.loopBound(len); j < bound; j += Lanes.L) {
            VectorMask<Float> on = FloatVector.fromArray(Lanes.F, act, off + j).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(Lanes.F, dy, off + j), on).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] = act[off + j] > 0f ? dy[off + j] : 0f;
        }
    }

    @Override
    public void addBiasRows(float[] x, int rows, int features, float[] bias) {
        addBias(x, rows, features, bias);
    }

    /** {@code x[r*features + j] += bias[j]} for {@code r < rows}, {@code j < features}: a vector add a step, the tail in plain code. */
    static void addBias(float[] x, int rows, int features, float[] bias) {
        int bound = Lanes.F.loopBound(features);
        for (int r = 0; r < rows; r++) {
            int row = r * features;
            int j = 0;
            for (; j < bound; j += Lanes.L) {
                FloatVector.fromArray(Lanes.F, x, row + j).add(FloatVector.fromArray(Lanes.F, bias, j))
                        .intoArray(x, row + j);
            }
            for (; j < features; j++) {
                x[row + j] += bias[j];
            }
        }
    }
}
