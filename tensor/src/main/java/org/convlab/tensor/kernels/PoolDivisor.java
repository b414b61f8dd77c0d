package org.convlab.tensor.kernels;

/**
 * The divisor of average pooling, as PyTorch computes it: the window clipped to the padded
 * input ({@code countIncludePad}) or to the input itself.
 * <pre>
 *   start = o*s - pBefore, end = min(start + d(k-1) + 1, n + pAfter)   (per axis)
 *   countIncludePad: (endH - startH) * (endW - startW)
 *   otherwise:       (min(endH, H) - max(startH, 0)) * (min(endW, W) - max(startW, 0))
 * </pre>
 * In floor mode the window always fits the padded input, so with {@code countIncludePad} the
 * divisor is {@code kH * kW} (for dilation 1).
 */
final class PoolDivisor {
    private PoolDivisor() {
    }

    static int of(ConvPlan p, int oy, int ox, boolean countIncludePad) {
        int padBottom = p.geometry().spatialDims() == 2 ? p.geometry().axis(0).padAfter() : 0;
        int padRight = p.geometry().axis(p.geometry().spatialDims() - 1).padAfter();
        int hs = oy * p.strideH - p.padTop;
        int he = Math.min(hs + (p.kernelH - 1) * p.dilationH + 1, p.height + padBottom);
        int ws = ox * p.strideW - p.padLeft;
        int we = Math.min(ws + (p.kernelW - 1) * p.dilationW + 1, p.width + padRight);
        if (countIncludePad) {
            return (he - hs) * (we - ws);
        }
        return (Math.min(he, p.height) - Math.max(hs, 0)) * (Math.min(we, p.width) - Math.max(ws, 0));
    }
}
