package org.convlab.tensor.simd;

/**
 * A convolution's weight gradient over a batch with the {@link WeightGradKernel}:
 * <pre>  dw[o, k] += sum_{n, oy, ox} dy[n, o, oy, ox] * xpad[n, offset(k) + oy*strideH*paddedW + ox]</pre>
 * for the forward {@link Correlation} {@code g} ({@code dw} is {@code (O, C, kH, kW)}, row
 * {@code o} at {@code dwOff + o*taps}).
 *
 * <p>Inputs: {@code xpad} holds the padded images one after another, {@code xImage} floats
 * apart; {@code dy} holds the output gradients with rows of {@code rowWidth} floats (a multiple
 * of 8, zero past the output width), {@code dyImage} floats per image.
 *
 * <p>Work: one call handles output channels {@code [o0, o0+4)} (clamped) over all images, in
 * blocks of a few images whose output gradient stays in L1 while every tap group sweeps it.
 * Block sums are added to {@code dw} in block order, lanes summed in lane order, so the bits
 * depend only on the problem, not on which thread runs which channel group.
 */
final class DirectWeightGrad {
    /** Output-gradient floats (4 channels of a block of images) that should fit in L1. */
    static final int BLOCK_FLOATS = 8192;

    private DirectWeightGrad() {
    }

    /** Images per block for {@code g}. */
    static int blockImages(Correlation g, int rowWidth) {
        return Math.max(1, BLOCK_FLOATS / (4 * g.outH * rowWidth));
    }

    /** Adds the gradient of output channels {@code [o0, min(o0+4, O))} to {@code dw}. */
    static void channelGroup(Correlation g, int o0, int images, float[] xpad, int xImage,
                             float[] dy, int dyImage, int rowWidth, float[] dw, int dwOff, float[] tile) {
        int channels = g.outChannels;
        int taps = g.taps();
        int plane = g.outH * rowWidth;
        int rowStep = g.strideH * g.paddedW;
        int[] offsets = g.offsets;
        int rows = Math.min(4, channels - o0);
        int d0 = o0 * plane;
        int d1 = Math.min(o0 + 1, channels - 1) * plane;
        int d2 = Math.min(o0 + 2, channels - 1) * plane;
        int d3 = Math.min(o0 + 3, channels - 1) * plane;
        int block = blockImages(g, rowWidth);
        for (int n0 = 0; n0 < images; n0 += block) {
            int nb = Math.min(block, images - n0);
            int dBase = n0 * dyImage;
            int xBase = n0 * xImage;
            for (int k0 = 0; k0 < taps; k0 += 3) {
                int t0 = xBase + offsets[k0];
                int t1 = xBase + offsets[Math.min(k0 + 1, taps - 1)];
                int t2 = xBase + offsets[Math.min(k0 + 2, taps - 1)];
                WeightGradKernel.k4x3(dy, dBase + d0, dBase + d1, dBase + d2, dBase + d3, dyImage, rowWidth,
                        xpad, t0, t1, t2, xImage, rowStep, nb, g.outH, tile);
                int cols = Math.min(3, taps - k0);
                for (int r = 0; r < rows; r++) {
                    int row = dwOff + (o0 + r) * taps + k0;
                    for (int t = 0; t < cols; t++) {
                        int at = (r * 3 + t) * Lanes.L;
                        float s = tile[at];
                        for (int lane = 1; lane < Lanes.L; lane++) {
                            s += tile[at + lane];
                        }
                        dw[row + t] += s;
                    }
                }
            }
        }
    }
}
