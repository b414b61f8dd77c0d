package org.convlab.tensor.kernels;

/**
 * The forward pass of a 3x3 convolution in Winograd's F(2x2, 3x3) form ({@link Winograd}), for a
 * plan where {@link Winograd#applies}, and of the input gradient of such a plan (the output
 * gradient masked by a gate, on {@link Winograd#inputGradientPlan}). Implementations:
 * {@link ReferenceWinograd}, tile by tile in scalar code, and the Vector API one (which the
 * Vector API convolution kernels call), which computes the same operations in the same order for
 * many tiles at once: the same bits.
 *
 * <p>Shapes (flat row-major arrays): {@code x} is {@code (n, C, H, W)}, {@code u} the filters
 * transformed by {@link Winograd#transformFilters} ({@code (16, F'/8, C, 8)}), {@code bias}
 * {@code (F)}, {@code y} {@code (n, F, OH, OW)}.
 */
public interface WinogradKernels {
    /**
     * Writes {@code y = conv(x, w) + bias} and {@code rectified = max(y, 0)} (NaN stays NaN) for
     * the weight {@code w} whose transform is {@code u}; the input is {@code x} where
     * {@code gate > 0} and 0 elsewhere (a NaN gate too; all of {@code x} when {@code gate} is
     * {@code null}: an input gradient masked by the rectifier's output). Each image is computed on
     * its own, so the bits depend on neither the batch nor the thread count.
     *
     * @param gate      {@code (n, C, H, W)} or {@code null}
     * @param bias      {@code (F)}, or {@code null} for none
     * @param rectified {@code (n, F, OH, OW)}; {@code null} for none; {@code y} itself to write
     *                  only the rectified values
     */
    void forward(ConvPlan p, int n, float[] x, float[] gate, float[] u, float[] bias, float[] y, float[] rectified);

    /**
     * Adds to {@code dw} the weight gradient of {@code n} images of a plan where
     * {@link WinogradGradient#applies}, computed in that form: {@code dw += sum dy ⋆ x}, the
     * output gradient {@code dy} counting only where {@code rectified > 0} (all of it when
     * {@code rectified} is {@code null}). Chunks of images as {@link WinogradGradient} fixes, so
     * the bits depend on the batch size only.
     *
     * @param x         {@code (n, C, H, W)}
     * @param dy        {@code (n, F, OH, OW)}
     * @param rectified {@code (n, F, OH, OW)} or {@code null}
     * @param dw        {@code (F, C, 3, 3)}
     * @param ws        where per-call buffers are kept between calls
     * @throws IllegalArgumentException if the form does not apply to {@code p}
     */
    void weightGradient(ConvPlan p, int n, float[] x, float[] dy, float[] rectified, float[] dw, Workspace ws);
}
