package org.convlab.tensor.kernels;

/**
 * A locally connected (unshared) layer over a batch: a convolution whose filters differ at
 * every output position. Geometry from a {@link ConvPlan} with one group; {@code P = OH*OW}
 * output positions, {@code K = C*kH*kW} taps per position.
 *
 * <p>Shapes: {@code x} is {@code (n, C, H, W)}; {@code w} is {@code (OH, OW, F, C, kH, kW)}
 * (Torch7's SpatialConvolutionLocal layout: the filter bank of position {@code q = oy*OW + ox}
 * is the contiguous {@code (F, K)} matrix at {@code q*F*K}); {@code bias} is
 * {@code (F, OH, OW)}, one per output element of an image; {@code y} is {@code (n, F, OH, OW)}.
 * <pre>
 *   y[i, f, oy, ox] = bias[f, oy, ox] + sum_{c, ki, kj} w[oy, ox, f, c, ki, kj] * xpad[i, c, oy*sH + ki*dH - pT, ox*sW + kj*dW - pL]
 * </pre>
 * Implementations: {@link GemmLocal} (the engine's) and {@link ReferenceLocal} (its oracle).
 */
public interface LocalKernels {
    /** Writes {@code y}; {@code bias} may be {@code null}. */
    void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws);

    /**
     * Gradients given {@code dy}; any output may be {@code null}: {@code dx} overwritten,
     * {@code dw} and {@code dbias} ADDED to.
     */
    void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] dbias,
                  Workspace ws);

    /** Weight elements: {@code OH*OW*F*C*kH*kW}. */
    static long weightSize(ConvPlan p) {
        return (long) p.outputPlane() * p.filters * p.channels * p.kernelH * p.kernelW;
    }
}
