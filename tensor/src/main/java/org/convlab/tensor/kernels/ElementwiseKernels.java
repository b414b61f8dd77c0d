package org.convlab.tensor.kernels;

/**
 * Element-wise kernels of the training step on flat arrays of {@code n} elements (any shape).
 * Implementations: {@link ReferenceElementwise}, the plain loops and oracle, and
 * {@code org.convlab.tensor.simd.SimdElementwise}; {@link Kernels#elementwise()} picks one.
 * Every element is computed on its own, so results do not depend on the thread count.
 */
public interface ElementwiseKernels {
    /** {@code y[i] = max(x[i], 0)}; NaN stays NaN (PyTorch's {@code relu}). {@code y} may be {@code x}. */
    void relu(float[] x, float[] y, int n);

    /** {@code dx[i] = y[i] > 0 ? dy[i] : 0} where {@code y} is the rectifier's output. {@code dx} may be {@code dy}. */
    void reluBackward(float[] y, float[] dy, float[] dx, int n);

    /** {@code x[i*features + j] += bias[j]} for {@code rows x features} values: a bias row added to each row. */
    void addBiasRows(float[] x, int rows, int features, float[] bias);
}
