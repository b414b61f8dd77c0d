package org.convlab.tensor.simd;

/**
 * A convolution's weight gradient over a batch with the {@link WeightGradKernel}:
 * <pre>  dw[o, k] += sum_{n, oy, ox} dy[n, o, oy, ox] * xpad[n, offset(k) + oy*strideH*paddedW + ox]</pre>
 * for the forward {@link Correlation} {@code g} ({@code dw} is {@code (O, C, kH, kW)}, row
 * {@code o} at {@code dwOff + o*taps}).
 *
 * <p>Inputs: {@code xpad} holds the padded images one after another, {@code xImage} floats
 * apart; {@code dy} holds the output gradients channel-major over the batch,
 * {@code dy[((o*images + n)*outH + oy)*rowWidth + ox]}, rows of {@code rowWidth} floats (a
 * multiple of 8, zero past the output width) — see {@link #copyRows}.
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

    /**
     * Copies output channels {@code [o0, o1)} of image {@code n}'s gradient {@code dy[dyOff ...]}
     * ({@code (O, outH, outW)}) into the channel-major padded rows the kernel reads.
     */
    static void copyRows(Correlation g, int n, int images, int o0, int o1, float[] dy, int dyOff,
                         int rowWidth, float[] rows) {
        int outW = g.outW;
        for (int o = o0; o < o1; o++) {
            int src = dyOff + o * g.outH * outW;
            int dst = ((o * images + n) * g.outH) * rowWidth;
            for (int oy = 0; oy < g.outH; oy++, src += outW, dst += rowWidth) {
                System.arraycopy(dy, src, rows, dst, outW);
                java.util.Arrays.fill(rows, dst + outW, dst + rowWidth, 0f);
            }
        }
    }

    /** Images per block for {@code g}. */
    static int blockImages(Correlation g, int rowWidth) {
        return Math.max(1, BLOCK_FLOATS / (4 * g.outH * rowWidth));
    }

    /**
     * Where each output octet of a block of images starts in the padded input, relative to the
     * block: {@code table[(n*outH + oy)*rowWidth/8 + ox/8] = n*xImage + oy*strideH*paddedW + ox}.
     */
    static int[] octetTable(Correlation g, int rowWidth, int xImage, int images) {
        int[] table = new int[tableSize(g, rowWidth, images)];
        fillOctetTable(g, rowWidth, xImage, images, table);
        return table;
    }

    /** Entries of {@link #octetTable}. */
    static int tableSize(Correlation g, int rowWidth, int images) {
        return images * g.outH * (rowWidth / Lanes.L);
    }

    /** Fills {@code table} as {@link #octetTable} describes. */
    static void fillOctetTable(Correlation g, int rowWidth, int xImage, int images, int[] table) {
        int perRow = rowWidth / Lanes.L;
        for (int n = 0, q = 0; n < images; n++) {
            for (int oy = 0; oy < g.outH; oy++) {
                for (int o = 0; o < perRow; o++, q++) {
                    table[q] = n * xImage + oy * g.strideH * g.paddedW + o * Lanes.L;
                }
            }
        }
    }

    /**
     * Adds the gradient of output channels {@code [o0, min(o0+4, O))} to {@code dw}; {@code table}
     * is {@link #octetTable} for {@link #blockImages} images.
     */
    static void channelGroup(Correlation g, int o0, int images, float[] xpad, int xImage,
                             float[] dy, int rowWidth, int[] table, float[] dw, int dwOff, float[] tile) {
        int channels = g.outChannels;
        int taps = g.taps();
        int plane = images * g.outH * rowWidth;
        int[] offsets = g.offsets;
        int rows = Math.min(4, channels - o0);
        int d0 = o0 * plane;
        int d1 = Math.min(o0 + 1, channels - 1) * plane;
        int d2 = Math.min(o0 + 2, channels - 1) * plane;
        int d3 = Math.min(o0 + 3, channels - 1) * plane;
        int block = blockImages(g, rowWidth);
        int octetsPerImage = g.outH * rowWidth / Lanes.L;
        for (int n0 = 0; n0 < images; n0 += block) {
            int nb = Math.min(block, images - n0);
            int dBase = n0 * g.outH * rowWidth;
            int xBase = n0 * xImage;
            for (int k0 = 0; k0 < taps; k0 += WeightGradKernel.TAPS) {
                int t0 = xBase + offsets[k0];
                int t1 = xBase + offsets[Math.min(k0 + 1, taps - 1)];
                WeightGradKernel.k4x2(dy, dBase + d0, dBase + d1, dBase + d2, dBase + d3,
                        xpad, t0, t1, table, nb * octetsPerImage, tile);
                int cols = Math.min(WeightGradKernel.TAPS, taps - k0);
                for (int r = 0; r < rows; r++) {
                    int row = dwOff + (o0 + r) * taps + k0;
                    for (int t = 0; t < cols; t++) {
                        int at = (r * WeightGradKernel.TAPS + t) * Lanes.L;
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
