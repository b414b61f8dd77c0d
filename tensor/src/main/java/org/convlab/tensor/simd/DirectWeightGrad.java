package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.convlab.algebra.PaddingMode;

/**
 * A convolution's weight gradient with the {@link WeightGradKernel}, image by image:
 * <pre>  dw[o, k] += sum_{n, oy, ox} dy[n, o, oy, ox] * xpad[n, offset(k) + oy*strideH*paddedW + ox]</pre>
 * for the forward {@link Correlation} {@code g} ({@code dw} is {@code (O, C, kH, kW)}, row
 * {@code o} at {@code dwOff + o*taps}).
 *
 * <p>Per image: the input is padded ({@link Correlation#pad}) and the output gradient transposed
 * into {@code dT[(b*positions + q)*cw + lane]} for channel {@code cw*b + lane} ({@code cw}, the
 * {@link #channelWidth}, is 2L or L), where {@code q}
 * counts positions in the padded image's coordinates ({@code q = oy*paddedW + ox} for height
 * stride 1, so that output position {@code q} reads {@code xpad[offset(k) + q]} and the kernel's
 * loop is one flat sweep; the columns past the output width and the lanes past the channel count
 * are zero). With a height stride the rows are swept one by one ({@code q = oy*outW + ox}). Then
 * every tile of {@code cw} channels x {@link #tileTaps} taps sweeps the image.
 *
 * <p>With the input channels in the lanes ({@link #inputChannelsInLanes}: at 512 bits, at most L
 * output channels, a multiple of 2L input channels) the padded input is transposed too,
 * {@code xT[p*C + c] = xpad[c*paddedPlane + p]} ({@link Transpose16}), and every tile of 8 output
 * channels x 2L input channels x one tap of the filter's window sweeps the image
 * ({@link WeightGradKernel#k8x2Inputs}: two loads and eight broadcasts for sixteen FMAs, where
 * {@link WeightGradKernel#kLx8} broadcasts an input value per FMA). Each weight's gradient is the
 * same FMA chain over the same positions in either form, so the bits are the same. One JVM, the
 * two interleaved, batch 64, one thread, AMD Zen 4 at 512 bits: the 32->16 3x3 weight gradient
 * 1.21-1.24x (63-64 to 78-79 GFLOP/s on 28x28 and 32x32), a ConvNet's training step 1.05x.
 *
 * <p>Sums: {@link #images} adds images in order into a chunk's tiles (and the bias gradient's
 * sums); {@link #addTiles} adds
 * finished chunks to {@code dw} in chunk order. So the bits depend only on the chunking, which
 * depends only on the problem.
 */
final class DirectWeightGrad {
    private DirectWeightGrad() {
    }

    /**
     * Output channels per block and per tile: {@link WeightGradKernel#CHANNELS} ({@code 2L}), or
     * {@code L} at 512 bits when the layer has at most {@code L} channels ({@link WeightGradKernel#kLx8}).
     */
    static int channelWidth(Correlation g) {
        return Lanes.REGISTERS >= 32 && g.outChannels <= Lanes.L ? Lanes.L : WeightGradKernel.CHANNELS;
    }

    /** Floats of one tile's accumulators. */
    static int tileSize(Correlation g) {
        return channelWidth(g) * tileTaps(g);
    }

    /** Blocks of {@link #channelWidth} output channels. */
    static int channelBlocks(Correlation g) {
        return (g.outChannels + channelWidth(g) - 1) / channelWidth(g);
    }

    /**
     * Taps per tile: {@link WeightGradKernel#NARROW_TAPS} with the L-channel tile, else
     * {@link WeightGradKernel#FIVE_TAPS} for a multiple of 5 taps (5 x 5 filters) with 32 vector
     * registers, else {@link WeightGradKernel#TAPS}. (2L x 5 against 2L x 4, AMD Zen 4 at 512
     * bits, JDK 25, one thread: the 3x32x32 ConvNet's training step 1.026x, the 1x28x28 one's
     * 1.011x. A 2L x 8 tile for 512 bits, sixteen accumulators, was tried: alone it ran 12% faster
     * than 2L x 4, but in some JVM runs C2 compiled it with every vector boxed, 32 allocations in
     * its loop, and a training step allocated 292 MB.)
     */
    static int tileTaps(Correlation g) {
        if (channelWidth(g) != WeightGradKernel.CHANNELS) {
            return WeightGradKernel.NARROW_TAPS;
        }
        return Lanes.REGISTERS >= 32 && g.taps() % WeightGradKernel.FIVE_TAPS == 0
                ? WeightGradKernel.FIVE_TAPS : WeightGradKernel.TAPS;
    }

    /** Tiles of {@link #tileTaps} taps. */
    static int tapTiles(Correlation g) {
        return (g.taps() + tileTaps(g) - 1) / tileTaps(g);
    }

    /**
     * Floats of a chunk's tiles: every channel block by every tap tile; with the input channels in
     * the lanes, every block of 8 output channels by every 2L input channels by every tap of a
     * channel's filter, 16 vectors each.
     */
    static int tilesSize(Correlation g) {
        return tilesSize(g, inputChannelsInLanes(g));
    }

    static int tilesSize(Correlation g, boolean inputLanes) {
        if (inputLanes) {
            return outputBlocks(g) * inputPairs(g) * g.kernelH * g.kernelW * INPUT_TILE;
        }
        return channelBlocks(g) * tapTiles(g) * tileSize(g);
    }

    /**
     * Whether the weight gradient runs on {@link WeightGradKernel#k8x2Inputs}, the input channels
     * in the lanes: at 512 bits ({@link Transpose16} transposes the padded input), at most L output
     * channels (where {@link WeightGradKernel#kLx8} needs a broadcast per FMA), a multiple of 2L
     * input channels, height stride 1, a padded plane of at least 16 positions. The 3x32x32 and 1x28x28 ConvNets' 32->16 layer.
     */
    static boolean inputChannelsInLanes(Correlation g) {
        return Transpose16.available() && g.outChannels <= Lanes.L && g.strideH == 1
                && g.inChannels % (2 * Lanes.L) == 0 && g.paddedH * g.paddedW >= Transpose16.LANES;
    }

    /** Output channels per {@link WeightGradKernel#k8x2Inputs} tile. */
    private static final int INPUT_ROWS = 8;
    /** Floats of one {@link WeightGradKernel#k8x2Inputs} tile: 8 x 2 vectors. */
    private static final int INPUT_TILE = INPUT_ROWS * 2 * Lanes.L;

    /** Blocks of 8 output channels ({@link WeightGradKernel#k8x2Inputs}). */
    private static int outputBlocks(Correlation g) {
        return (g.outChannels + INPUT_ROWS - 1) / INPUT_ROWS;
    }

    /** Blocks of 2L input channels ({@link WeightGradKernel#k8x2Inputs}). */
    private static int inputPairs(Correlation g) {
        return g.inChannels / (2 * Lanes.L);
    }

    /**
     * Floats of the transposed padded input of one image, {@code xT[p*C + c] = xpad[c*paddedPlane + p]},
     * with the input channels in the lanes; 0 otherwise.
     */
    static int channelsLastSize(Correlation g) {
        return inputChannelsInLanes(g) ? g.inChannels * g.paddedH * g.paddedW : 0;
    }

    /** Output positions of {@code dT} per channel block (padded-width rows for height stride 1). */
    static int positions(Correlation g) {
        return g.strideH == 1 ? (g.outH - 1) * g.paddedW + g.outW : g.outH * g.outW;
    }

    /** Floats of the transposed output gradient of one image. */
    static int transposedSize(Correlation g) {
        return channelBlocks(g) * positions(g) * channelWidth(g);
    }

    /**
     * Transposes one image's output gradient {@code dy[dyOff ...]} ({@code (O, outH, outW)}) into
     * {@code dT} as described in the class comment, zeros included: each output position's
     * channels of a block are gathered with one vector load per L channels
     * ({@link Correlation#channelStride} is the index map; lanes past the channel count are
     * masked to zero, their indices inside the array: {@link Correlation#lastChannelStride}) and
     * stored contiguously; at 512 and 256 bits, runs of L positions of L full channels are
     * transposed in registers instead ({@link BlockTranspose}), a row's last run ending at its end (overlapping the
     * run before it). Scalar, with one store per element landing on
     * another cache line, the transpose took as many samples as the weight-gradient kernel.
     */
    static void transpose(Correlation g, float[] dy, int dyOff, float[] dT) {
        int cw = channelWidth(g);
        int positions = positions(g);
        int rowStride = g.strideH == 1 ? g.paddedW : g.outW;
        int outW = g.outW;
        int plane = g.outPlane();
        int[] stride = g.channelStride;
        FloatVector zero = FloatVector.zero(Lanes.F);
        for (int b = 0; b < channelBlocks(g); b++) {
            int blockBase = b * positions * cw;
            for (int v = 0; v < cw; v += Lanes.L) {
                int first = b * cw + v;
                int count = Math.min(Lanes.L, g.outChannels - first);
                VectorMask<Float> some = Lanes.F.indexInRange(0, Math.max(count, 0));
                for (int oy = 0; oy < g.outH; oy++) {
                    int dst = blockBase + oy * rowStride * cw + v;
                    if (count <= 0) {
                        int width = oy == g.outH - 1 ? outW : rowStride;
                        for (int ox = 0; ox < width; ox++) {
                            zero.intoArray(dT, dst + ox * cw);
                        }
                        continue;
                    }
                    int src = dyOff + first * plane + oy * outW;
                    if (count == Lanes.L) {
                        int ox = 0;
                        if (BlockTranspose.available() && outW >= Lanes.L) {
                            BlockTranspose.columns(dy, src, plane, outW, dT, dst, cw);
                            ox = outW;
                        }
                        for (; ox < outW; ox++) {
                            FloatVector.fromArray(Lanes.F, dy, src + ox, stride, 0).intoArray(dT, dst + ox * cw);
                        }
                    } else {
                        // An unmasked gather (its indices are inside the array), the lanes past the
                        // channel count zeroed in registers: JDK 17 does not compile the masked
                        // gather into vector code at these widths, and allocated per call.
                        for (int ox = 0; ox < outW; ox++) {
                            zero.blend(FloatVector.fromArray(Lanes.F, dy, src + ox, g.lastChannelStride, 0), some)
                                    .intoArray(dT, dst + ox * cw);
                        }
                    }
                    // The padding columns between rows (none after the last row).
                    int end = oy == g.outH - 1 ? outW : rowStride;
                    for (int ox = outW; ox < end; ox++) {
                        zero.intoArray(dT, dst + ox * cw);
                    }
                }
            }
        }
    }

    /**
     * Adds each output channel's sum of one image's output gradient to {@code sums} (the bias
     * gradient), read from its transpose {@code dT} ({@link #transpose}), L channels to a vector.
     * Each channel's sum has one fixed order, whatever the width: output position
     * {@code p = oy*outW + ox} goes into partial sum {@code p mod 8} for {@code p < plane - plane mod 8},
     * the eight partial sums are added in order, then the remaining positions one by one; the
     * order of the scalar plane sums this replaces, which cost one add per position and channel
     * (2-3% of a ConvNet's training step) where this costs one per position and L channels.
     */
    static void channelSums(Correlation g, float[] dT, float[] sums) {
        int cw = channelWidth(g);
        int positions = positions(g);
        int rowStride = g.strideH == 1 ? g.paddedW : g.outW;
        int outW = g.outW;
        int plane = g.outPlane();
        int bound = plane & ~7;
        for (int b = 0; b < channelBlocks(g); b++) {
            for (int v = 0; v < cw; v += Lanes.L) {
                int first = b * cw + v;
                int count = Math.min(Lanes.L, g.outChannels - first);
                if (count <= 0) {
                    continue;
                }
                int base = b * positions * cw + v;
                FloatVector s0 = FloatVector.zero(Lanes.F);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                FloatVector s4 = s0;
                FloatVector s5 = s0;
                FloatVector s6 = s0;
                FloatVector s7 = s0;
                // Output position p is at q = row + ox in dT's coordinates (row: oy * rowStride).
                int row = 0;
                int ox = 0;
                for (int p = 0; p < bound; p += 8) {
                    s0 = s0.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s1 = s1.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s2 = s2.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s3 = s3.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s4 = s4.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s5 = s5.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s6 = s6.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                    s7 = s7.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                }
                FloatVector total = s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7);
                for (int p = bound; p < plane; p++) {
                    total = total.add(FloatVector.fromArray(Lanes.F, dT, base + (row + ox) * cw));
                    if (++ox == outW) {
                        ox = 0;
                        row += rowStride;
                    }
                }
                if (count == Lanes.L) {
                    FloatVector.fromArray(Lanes.F, sums, first).add(total).intoArray(sums, first);
                } else {
                    VectorMask<Float> some = Lanes.F.indexInRange(0, count);
                    FloatVector.fromArray(Lanes.F, sums, first, some).add(total).intoArray(sums, first, some);
                }
            }
        }
    }

    /**
     * Adds images {@code [from, to)} to a chunk's tiles {@code acc} (zeroed by the caller):
     * {@code acc[(b*tapTiles + t)*tileSize + (r*cw/L + v)*L + lane]} is channel {@code cw*b + L*v + lane},
     * tap {@code tileTaps*t + r}.
     *
     * @param x    the input {@code (n, C, H, W)}, image {@code i} at {@code i*inImage + inOff}
     * @param dy        the output gradient, image {@code i} at {@code i*outImage + outOff}
     * @param rectified {@code null}, or a following rectifier's output (same layout as {@code dy}):
     *                  {@code dy} counts only where it is positive
     * @param xpad      scratch of at least {@link Correlation#paddedSize()} floats (for padding other than zeros)
     * @param xT        scratch of at least {@link #channelsLastSize} floats
     * @param dT        scratch of at least {@link #transposedSize} floats
     * @param masked    scratch of one image's output gradient, with {@code rectified}
     * @param sums      {@code null}, or per output channel: the output gradient's sum over the images
     *                  (in order, each image's as {@link #channelSums}) is ADDED to it (the bias gradient)
     */
    static void images(Correlation g, int from, int to, float[] x, int inImage, int inOff, float[] dy,
                       float[] rectified, int outImage, int outOff, float[] xpad, float[] xT, float[] dT, float[] masked,
                       float[] acc, float[] sums) {
        images(g, inputChannelsInLanes(g), from, to, x, inImage, inOff, dy, rectified, outImage, outOff, xpad, xT, dT,
                masked, acc, sums);
    }

    /** {@link #images} with the kernel chosen by the caller (a test compares the two). */
    static void images(Correlation g, boolean inputLanes, int from, int to, float[] x, int inImage, int inOff,
                       float[] dy, float[] rectified, int outImage, int outOff, float[] xpad, float[] xT, float[] dT,
                       float[] masked, float[] acc, float[] sums) {
        int blocks = channelBlocks(g);
        int tiles = tapTiles(g);
        int taps = g.taps();
        int[] offsets = g.offsets;
        int positions = positions(g);
        boolean flat = g.strideH == 1;
        int cw = channelWidth(g);
        int tile = tileSize(g);
        int tileTaps = tileTaps(g);
        boolean narrow = cw != WeightGradKernel.CHANNELS;
        boolean direct = inputLanes && transposesUnpadded(g);
        for (int i = from; i < to; i++) {
            float[] padded = null;
            if (direct) {
                transposePadded(g, x, i * inImage + inOff, xT);
            } else {
                padded = g.padded(x, i * inImage + inOff, xpad);
            }
            float[] src = dy;
            int srcOff = i * outImage + outOff;
            if (rectified != null) {
                SimdElementwise.mask(rectified, dy, srcOff, masked, g.outChannels * g.outPlane());
                src = masked;
                srcOff = 0;
            }
            transpose(g, src, srcOff, dT);
            if (sums != null) {
                channelSums(g, dT, sums);
            }
            if (inputLanes) {
                int channels = g.inChannels;
                if (!direct) {
                    int plane = g.paddedH * g.paddedW;
                    for (int c0 = 0; c0 < channels; c0 += Transpose16.LANES) {
                        BlockTranspose.columns(padded, c0 * plane, plane, plane, xT, c0, channels);
                    }
                }
                int spatial = g.kernelH * g.kernelW;
                int pairs = inputPairs(g);
                for (int ob = 0; ob < outputBlocks(g); ob++) {
                    for (int cp = 0; cp < pairs; cp++) {
                        for (int s = 0; s < spatial; s++) {
                            // offsets[s] is tap s of input channel 0: its offset in the padded plane.
                            WeightGradKernel.k8x2Inputs(dT, ob * INPUT_ROWS, xT, offsets[s] * channels + cp * 2 * Lanes.L,
                                    channels, positions, acc, ((ob * pairs + cp) * spatial + s) * INPUT_TILE);
                        }
                    }
                }
                continue;
            }
            for (int b = 0; b < blocks; b++) {
                int dBlock = b * positions * cw;
                for (int t = 0; t < tiles; t++) {
                    int k = t * tileTaps;
                    int accIdx = (b * tiles + t) * tile;
                    // Taps past the last repeat it; their accumulators are never read.
                    int t0 = offsets[k];
                    int t1 = offsets[Math.min(k + 1, taps - 1)];
                    int t2 = offsets[Math.min(k + 2, taps - 1)];
                    int t3 = offsets[Math.min(k + 3, taps - 1)];
                    int rows = flat ? 1 : g.outH;
                    int count = flat ? positions : g.outW;
                    for (int oy = 0; oy < rows; oy++) {
                        int dBase = dBlock + oy * g.outW * cw;
                        int xBase = oy * g.strideH * g.paddedW;
                        // The kernels are called here, not through a helper: with a helper between
                        // this loop and them, C2 compiled them with boxed vectors in some runs.
                        if (tileTaps == WeightGradKernel.FIVE_TAPS) {
                            WeightGradKernel.k2Lx5(dT, dBase, padded, xBase, t0, t1, t2, t3,
                                    offsets[Math.min(k + 4, taps - 1)], count, acc, accIdx);
                        } else if (narrow) {
                            WeightGradKernel.kLx8(dT, dBase, padded, xBase, t0, t1, t2, t3,
                                    offsets[Math.min(k + 4, taps - 1)], offsets[Math.min(k + 5, taps - 1)],
                                    offsets[Math.min(k + 6, taps - 1)], offsets[Math.min(k + 7, taps - 1)],
                                    count, acc, accIdx);
                        } else {
                            WeightGradKernel.k2Lx4(dT, dBase, padded, xBase, t0, t1, t2, t3, count, acc, accIdx);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #transposePadded} can build the transposed padded input straight from the
     * input: zero padding, none cropped on the left or top, and at least 16 input columns inside
     * the padded rows.
     */
    static boolean transposesUnpadded(Correlation g) {
        return g.mode == PaddingMode.ZEROS && g.padTop >= 0 && g.padLeft >= 0
                && Math.min(g.inW, g.paddedW - g.padLeft) >= Transpose16.LANES;
    }

    /**
     * {@code xT[p*C + c] = xpad[c*paddedPlane + p]} for one image {@code x[xOff ...]} ({@code (C, H, W)})
     * without the padded copy ({@link ChannelsLast}: each input row's 16-channel blocks go through
     * {@link Transpose16} into their place, the positions of the zero border are written as zeros).
     */
    static void transposePadded(Correlation g, float[] x, int xOff, float[] xT) {
        g.paddedChannelsLast().write(x, xOff, xT);
    }

    /** {@code dw[dwOff + o*taps + k] += acc(o, k)} for every channel and tap of a chunk's tiles. */
    static void addTiles(Correlation g, float[] acc, float[] dw, int dwOff) {
        addTiles(g, inputChannelsInLanes(g), acc, dw, dwOff);
    }

    /** {@link #addTiles} for tiles {@link #images} computed as {@code inputLanes} says. */
    static void addTiles(Correlation g, boolean inputLanes, float[] acc, float[] dw, int dwOff) {
        if (inputLanes) {
            int spatial = g.kernelH * g.kernelW;
            int pairs = inputPairs(g);
            for (int o = 0; o < g.outChannels; o++) {
                for (int c = 0; c < g.inChannels; c++) {
                    int tile = (o / INPUT_ROWS * pairs + c / (2 * Lanes.L)) * spatial;
                    int lane = (o % INPUT_ROWS * 2 + c % (2 * Lanes.L) / Lanes.L) * Lanes.L + c % Lanes.L;
                    int row = dwOff + (o * g.inChannels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        dw[row + s] += acc[(tile + s) * INPUT_TILE + lane];
                    }
                }
            }
            return;
        }
        int taps = g.taps();
        int tiles = tapTiles(g);
        int cw = channelWidth(g);
        int vectors = cw / Lanes.L;
        int tile = tileSize(g);
        int tileTaps = tileTaps(g);
        for (int o = 0; o < g.outChannels; o++) {
            int b = o / cw;
            int v = (o % cw) / Lanes.L;
            int lane = o % Lanes.L;
            int row = dwOff + o * taps;
            for (int k = 0; k < taps; k++) {
                int t = k / tileTaps;
                int r = k % tileTaps;
                dw[row + k] += acc[(b * tiles + t) * tile + (r * vectors + v) * Lanes.L + lane];
            }
        }
    }
}
