package org.convlab.tensor.kernels;

/**
 * A fully connected (linear) layer's computation over a batch:
 * <pre>  y[i, o] = bias[o] + sum_j x[i, j] * w[o, j]</pre>
 * Shapes: {@code x} is {@code (n, in)}, {@code w} is {@code (out, in)} (PyTorch's layout),
 * {@code bias} is {@code (out)}, {@code y} and {@code dy} are {@code (n, out)}.
 * Implementations: {@link GemmDense} (the engine's) and {@link ReferenceDense} (its oracle).
 */
public interface DenseKernels {
    /** Writes {@code y = x w^T + bias}; {@code bias} may be {@code null}. */
    void forward(int n, int in, int out, float[] x, float[] w, float[] bias, float[] y);

    /**
     * Gradients given {@code dy}; each output may be {@code null} to skip it.
     *
     * @param dx    overwritten with {@code dy w}, {@code (n, in)}
     * @param dw    {@code dy^T x} is ADDED to it, {@code (out, in)}
     * @param dbias the column sums of {@code dy} are ADDED to it, {@code (out)}
     */
    void backward(int n, int in, int out, float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] dbias);

    /**
     * Prepares {@code w (out, in)} for many forward passes by
     * {@link #forward(int, float[], PackedWeights, float[], float[])}: a snapshot in these
     * kernels' layout (the default copies {@code w}).
     */
    default PackedWeights pack(int in, int out, float[] w) {
        return new CopiedWeights(in, out, w.clone());
    }

    /**
     * Writes {@code y = x w^T + bias} for {@code n} rows with weights these kernels
     * {@link #pack packed}: the bits of the unpacked forward.
     *
     * @throws IllegalArgumentException if other kernels packed {@code w}
     */
    default void forward(int n, float[] x, PackedWeights w, float[] bias, float[] y) {
        if (!(w instanceof CopiedWeights copy)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot use "
                    + w.getClass().getSimpleName() + ", packed by other kernels");
        }
        forward(n, copy.in(), copy.out(), x, copy.w(), bias, y);
    }

    /**
     * {@link #forward(int, float[], PackedWeights, float[], float[]) forward} followed by the
     * rectifier, {@code y = max(x w^T + bias, 0)} (NaN stays NaN): the bits of the two passes
     * ({@code forward} then {@link ElementwiseKernels#relu}), which the default runs in turn; fast
     * implementations rectify in the product's epilogue, while {@code y} is in cache.
     */
    default void forwardRectified(int n, float[] x, PackedWeights w, float[] bias, float[] y) {
        forward(n, x, w, bias, y);
        Kernels.elementwise().relu(y, y, n * w.out());
    }
}
