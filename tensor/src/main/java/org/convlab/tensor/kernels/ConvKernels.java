package org.convlab.tensor.kernels;

/**
 * Convolution (PyTorch's cross-correlation) forward and backward over a batch, 1-D or 2-D, with
 * stride, dilation, groups, asymmetric padding and every padding mode, as described by a
 * {@link ConvPlan}. Implementations: {@link GemmConv} (im2col + {@link Gemm}), the engine's
 * path; {@link ReferenceConv}, the direct loops that are its oracle.
 *
 * <p>Shapes (flat row-major arrays): {@code x} is {@code (n, C, H, W)}, {@code w} is
 * {@code (F, C/g, kH, kW)}, {@code bias} is {@code (F)}, {@code y} and {@code dy} are
 * {@code (n, F, OH, OW)}. For 1-D read {@code H = kH = OH = 1}.
 * <pre>
 *   y[i, f, oy, ox] = bias[f] + sum_{c in group(f), ki, kj} w[f, c', ki, kj] * xpad[i, c, oy*sH + ki*dH - pT, ox*sW + kj*dW - pL]
 * </pre>
 * where {@code xpad} reads the padding as the plan's mode says. Implementations split work
 * into chunks that depend only on the problem, never on the thread count, so the bits do not
 * depend on {@link org.convlab.tensor.parallel.Parallel#threads()}.
 */
public interface ConvKernels {
    /**
     * Writes {@code y = conv(x, w) + bias}.
     *
     * @param bias {@code (F)}, or {@code null} for none
     * @param ws   scratch kept by the caller between calls
     */
    void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws);

    /**
     * {@link #forward} of a convolution followed by a rectifier: writes {@code y = conv(x, w) + bias}
     * and {@code rectified[i] = Math.max(y[i], 0)} (NaN stays NaN), both {@code (n, F, OH, OW)},
     * the same bits as {@code forward} then {@link ElementwiseKernels#relu}. The default does
     * exactly that; fast implementations rectify in the convolution's epilogue, while the output
     * is in registers or cache (the separate rectifier pass over the batch disappears).
     *
     * @param rectified {@code null} for none: then this is {@link #forward}; or {@code y} itself:
     *                  then {@code y} ends up holding only the rectified output (inference, where
     *                  the pre-activation is not needed again)
     */
    default void forwardRectified(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, float[] rectified,
                                  Workspace ws) {
        forward(p, n, x, w, bias, y, ws);
        if (rectified != null) {
            Kernels.elementwise().relu(y, rectified, n * p.outputSize());
        }
    }

    /**
     * Gradients of a loss {@code L} given {@code dy = dL/dy}; each output may be {@code null} to skip it.
     *
     * @param dx    overwritten with {@code dL/dx}, {@code (n, C, H, W)}
     * @param dw    {@code dL/dw} is ADDED to it (PyTorch accumulates parameter gradients), {@code (F, C/g, kH, kW)}
     * @param dbias {@code dL/dbias = sum over i, oy, ox of dy} is ADDED to it, {@code (F)}
     */
    void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] dbias,
                  Workspace ws);

    /**
     * {@link #backward} of a convolution followed by a rectifier, given the gradient of the
     * rectifier's output: the convolution's output gradient is
     * {@code dy[i] = rectified[i] > 0 ? dyRectified[i] : 0}, where {@code rectified} is the
     * rectifier's output {@code (n, F, OH, OW)}. The default masks the whole gradient into a
     * workspace buffer first; fast implementations mask image by image on the way into their
     * kernels (the separate rectifier pass over the batch disappears).
     */
    default void backwardRectified(ConvPlan p, int n, float[] x, float[] w, float[] dyRectified, float[] rectified,
                                   float[] dx, float[] dw, float[] dbias, Workspace ws) {
        int size = n * p.outputSize();
        float[] dy = ws.floats(KEY_MASKED, size);
        Kernels.elementwise().reluBackward(rectified, dyRectified, dy, size);
        backward(p, n, x, w, dy, dx, dw, dbias, ws);
    }

    /** The workspace buffer of {@link #backwardRectified}'s masked gradient. */
    Workspace.Key KEY_MASKED = Workspace.key("ConvKernels.masked");
}
