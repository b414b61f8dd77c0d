package org.convlab.tensor.simd;

import java.util.Arrays;

/**
 * A convolution's weight gradient with the {@link WeightGradKernel}, image by image:
 * <pre>  dw[o, k] += sum_{n, oy, ox} dy[n, o, oy, ox] * xpad[n, offset(k) + oy*strideH*paddedW + ox]</pre>
 * for the forward {@link Correlation} {@code g} ({@code dw} is {@code (O, C, kH, kW)}, row
 * {@code o} at {@code dwOff + o*taps}).
 *
 * <p>Per image: the input is padded ({@link Correlation#pad}) and the output gradient transposed
 * into {@code dT[(b*positions + q)*CHANNELS + lane]} for channel {@code CHANNELS*b + lane} ({@code CHANNELS = 2L}), where {@code q}
 * counts positions in the padded image's coordinates ({@code q = oy*paddedW + ox} for height
 * stride 1, so that output position {@code q} reads {@code xpad[offset(k) + q]} and the kernel's
 * loop is one flat sweep; the columns past the output width and the lanes past the channel count
 * are zero). With a height stride the rows are swept one by one ({@code q = oy*outW + ox}). Then
 * every tile of {@code CHANNELS} channels x {@link WeightGradKernel#TAPS} taps sweeps the image.
 *
 * <p>Sums: {@link #images} adds images in order into a chunk's tiles (and the bias gradient's
 * sums); {@link #addTiles} adds
 * finished chunks to {@code dw} in chunk order. So the bits depend only on the chunking, which
 * depends only on the problem.
 */
final class DirectWeightGrad {
    private DirectWeightGrad() {
    }

    /** Blocks of {@link WeightGradKernel#CHANNELS} output channels. */
    static int channelBlocks(Correlation g) {
        return (g.outChannels + WeightGradKernel.CHANNELS - 1) / WeightGradKernel.CHANNELS;
    }

    /** Tiles of {@link WeightGradKernel#TAPS} taps. */
    static int tapTiles(Correlation g) {
        return (g.taps() + WeightGradKernel.TAPS - 1) / WeightGradKernel.TAPS;
    }

    /** Floats of a chunk's tiles: every channel block by every tap tile. */
    static int tilesSize(Correlation g) {
        return channelBlocks(g) * tapTiles(g) * WeightGradKernel.TILE;
    }

    /** Output positions of {@code dT} per channel block (padded-width rows for height stride 1). */
    static int positions(Correlation g) {
        return g.strideH == 1 ? (g.outH - 1) * g.paddedW + g.outW : g.outH * g.outW;
    }

    /** Floats of the transposed output gradient of one image. */
    static int transposedSize(Correlation g) {
        return channelBlocks(g) * positions(g) * WeightGradKernel.CHANNELS;
    }

    /**
     * Transposes one image's output gradient {@code dy[dyOff ...]} ({@code (O, outH, outW)}) into
     * {@code dT} as described in the class comment, zeros included.
     */
    static void transpose(Correlation g, float[] dy, int dyOff, float[] dT) {
        int positions = positions(g);
        int rowStride = g.strideH == 1 ? g.paddedW : g.outW;
        int outW = g.outW;
        int plane = g.outPlane();
        int channels = g.outChannels;
        Arrays.fill(dT, 0, transposedSize(g), 0f);
        for (int o = 0; o < channels; o++) {
            int block = o / WeightGradKernel.CHANNELS;
            int lane = o % WeightGradKernel.CHANNELS;
            int base = block * positions * WeightGradKernel.CHANNELS + lane;
            int src = dyOff + o * plane;
            for (int oy = 0; oy < g.outH; oy++) {
                int dst = base + oy * rowStride * WeightGradKernel.CHANNELS;
                for (int ox = 0; ox < outW; ox++) {
                    dT[dst + ox * WeightGradKernel.CHANNELS] = dy[src + oy * outW + ox];
                }
            }
        }
    }

    /**
     * Adds images {@code [from, to)} to a chunk's tiles {@code acc} (zeroed by the caller):
     * {@code acc[(b*tapTiles + t)*TILE + (r*2 + v)*L + lane]} is channel {@code CHANNELS*b + L*v + lane},
     * tap {@code TAPS*t + r}.
     *
     * @param x    the input {@code (n, C, H, W)}, image {@code i} at {@code i*inImage + inOff}
     * @param dy        the output gradient, image {@code i} at {@code i*outImage + outOff}
     * @param rectified {@code null}, or a following rectifier's output (same layout as {@code dy}):
     *                  {@code dy} counts only where it is positive
     * @param xpad      scratch of at least {@link Correlation#paddedSize()} floats
     * @param dT        scratch of at least {@link #transposedSize} floats
     * @param masked    scratch of one image's output gradient, with {@code rectified}
     * @param sums      {@code null}, or per output channel: the output gradient's sum over the images
     *                  (in order) is ADDED to it (the bias gradient)
     */
    static void images(Correlation g, int from, int to, float[] x, int inImage, int inOff, float[] dy,
                       float[] rectified, int outImage, int outOff, float[] xpad, float[] dT, float[] masked,
                       float[] acc, float[] sums) {
        int blocks = channelBlocks(g);
        int tiles = tapTiles(g);
        int taps = g.taps();
        int[] offsets = g.offsets;
        int positions = positions(g);
        boolean flat = g.strideH == 1;
        for (int i = from; i < to; i++) {
            g.pad(x, i * inImage + inOff, xpad);
            float[] src = dy;
            int srcOff = i * outImage + outOff;
            if (rectified != null) {
                SimdElementwise.mask(rectified, dy, srcOff, masked, g.outChannels * g.outPlane());
                src = masked;
                srcOff = 0;
            }
            transpose(g, src, srcOff, dT);
            if (sums != null) {
                for (int o = 0; o < g.outChannels; o++) {
                    sums[o] += Reductions.sum(src, srcOff + o * g.outPlane(), g.outPlane());
                }
            }
            for (int b = 0; b < blocks; b++) {
                int dBlock = b * positions * WeightGradKernel.CHANNELS;
                for (int t = 0; t < tiles; t++) {
                    int k = t * WeightGradKernel.TAPS;
                    // Taps past the last repeat it; their accumulators are never read.
                    int t0 = offsets[k];
                    int t1 = offsets[Math.min(k + 1, taps - 1)];
                    int t2 = offsets[Math.min(k + 2, taps - 1)];
                    int t3 = offsets[Math.min(k + 3, taps - 1)];
                    int accIdx = (b * tiles + t) * WeightGradKernel.TILE;
                    if (flat) {
                        WeightGradKernel.k2Lx4(dT, dBlock, xpad, 0, t0, t1, t2, t3, positions, acc, accIdx);
                    } else {
                        for (int oy = 0; oy < g.outH; oy++) {
                            WeightGradKernel.k2Lx4(dT, dBlock + oy * g.outW * WeightGradKernel.CHANNELS, xpad,
                                    oy * g.strideH * g.paddedW, t0, t1, t2, t3, g.outW, acc, accIdx);
                        }
                    }
                }
            }
        }
    }

    /** {@code dw[dwOff + o*taps + k] += acc(o, k)} for every channel and tap of a chunk's tiles. */
    static void addTiles(Correlation g, float[] acc, float[] dw, int dwOff) {
        int taps = g.taps();
        int tiles = tapTiles(g);
        for (int o = 0; o < g.outChannels; o++) {
            int b = o / WeightGradKernel.CHANNELS;
            int v = (o % WeightGradKernel.CHANNELS) / Lanes.L;
            int lane = o % Lanes.L;
            int row = dwOff + o * taps;
            for (int k = 0; k < taps; k++) {
                int t = k / WeightGradKernel.TAPS;
                int r = k % WeightGradKernel.TAPS;
                dw[row + k] += acc[(b * tiles + t) * WeightGradKernel.TILE + (r * 2 + v) * Lanes.L + lane];
            }
        }
    }
}
