package org.convlab.tensor.kernels;

/**
 * Max and average pooling over a batch, PyTorch's semantics (floor mode), on a {@link ConvPlan}
 * whose geometry has {@code C} input channels, {@code C} outputs and {@code C} groups (each
 * channel pooled alone) and padding mode zeros. Shapes: {@code x} and {@code dx} are
 * {@code (n, C, H, W)}, {@code y}, {@code dy} and {@code argmax} are {@code (n, C, OH, OW)}.
 * <pre>
 *   max:  y[i, c, oy, ox] = max over taps (ki, kj) inside the input of x[i, c, oy*sH + ki*dH - pT, ox*sW + kj*dW - pL]
 *         (padding never wins; the first maximum in row-major window order wins ties; NaN propagates)
 *   avg:  y[i, c, oy, ox] = (sum over taps inside the input) / divisor, divisor = the taps inside
 *         the padded input if countIncludePad, else the taps inside the input
 * </pre>
 * {@code argmax} holds the winner's index {@code iy*W + ix} within its input plane, as
 * PyTorch's {@code return_indices}. Implementations: {@link DirectPool} (the engine's) and
 * {@link ReferencePool} (its double-precision oracle).
 */
public interface PoolKernels {
    /** Max pooling forward; writes {@code y} and {@code argmax}. */
    void maxForward(ConvPlan p, int n, float[] x, float[] y, int[] argmax);

    /** Max pooling backward: {@code dx} is overwritten, each {@code dy} added at its argmax. */
    void maxBackward(ConvPlan p, int n, float[] dy, int[] argmax, float[] dx);

    /** Average pooling forward. */
    void avgForward(ConvPlan p, int n, boolean countIncludePad, float[] x, float[] y);

    /** Average pooling backward: {@code dx} is overwritten. */
    void avgBackward(ConvPlan p, int n, boolean countIncludePad, float[] dy, float[] dx);
}
