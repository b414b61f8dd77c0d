package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import org.convlab.algebra.PaddingMode;

/**
 * One multi-channel 2-D cross-correlation with stride 1 along the width, the problem the direct
 * convolution kernels solve:
 * <pre>  out[o, oy, ox] = sum_{c, ki, kj} filt[o, c, ki, kj] * xpad[c, oy*strideH + ki*dilationH, ox + kj*dilationW]</pre>
 * where {@code xpad} is the input {@code (inChannels, inH, inW)} padded with {@code padTop} rows
 * and {@code padLeft} columns before it (negative values crop) and as many after as the output
 * needs, filled as {@code mode} says. A convolution's forward pass is one; with stride 1 and zero
 * padding its input gradient is another (the flipped, transposed filters over the padded output
 * gradient).
 *
 * <p>The padded image is stored {@code (inChannels, paddedH, paddedW)} plus {@link #SLACK} floats
 * so that vector loads (up to 16 lanes) past the last column stay inside the array. Tap {@code k = (c, ki, kj)}
 * of output position {@code (oy, ox)} reads {@code xpad[offset(k) + oy*strideH*paddedW + ox]}.
 */
final class Correlation {
    /** Floats after the padded image that vector loads may touch (their lanes are discarded). */
    static final int SLACK = 16;

    final int inChannels;
    final int inH;
    final int inW;
    final int padTop;
    final int padLeft;
    final PaddingMode mode;
    final int outChannels;
    final int outH;
    final int outW;
    final int kernelH;
    final int kernelW;
    final int dilationH;
    final int dilationW;
    final int strideH;
    final int paddedH;
    final int paddedW;
    /** {@code offsets[k]} for {@code k = (c*kernelH + ki)*kernelW + kj}. */
    final int[] offsets;
    /** Octets per kernel call: 2 for 4 or more output channels, 4 for 2 or 3, 8 for 1. */
    final int group;
    /**
     * Octets per set of {@link DirectConv#image}'s cache blocking: about one output row, a
     * multiple of {@link #group}.
     */
    final int setOctets;
    /** Taps per block of {@link DirectConv#image}'s cache blocking (the last block may have fewer). */
    final int blockTaps;
    /** {@code blockOffsets[b][k] = offsets[b*blockTaps + k]}: each block's own table, counted from 0. */
    final int[][] blockOffsets;
    /** Start of each octet in the padded image, padded to a multiple of {@link #group} with repeats. */
    final int[] octetInput;
    /** Start of each octet in an output plane. */
    final int[] octetOutput;
    /** Output columns each octet covers (L, or fewer at the end of a row). */
    final int[] octetWidth;
    /**
     * {@code channelStride[c] = c * outPlane()} for {@code c < 2L}: the index map with which the
     * weight gradient's transpose gathers one output position of {@code 2L} channels.
     */
    final int[] channelStride;
    /**
     * The index map of the last, partial vector of channels ({@code outChannels % L} of them):
     * {@code c * outPlane()} for the channels there are, the last one repeated in the other
     * lanes. Its masked gather reads no index past the array: JDK 25 checks the indices of
     * unset lanes too (JDK 17 does not), so lanes past the end must still point inside.
     */
    final int[] lastChannelStride;
    private final int[] rowSource;
    private final int[] colSource;
    /**
     * Each thread's padded image for zero padding ({@link #padded}): made zero, then only its
     * interior is ever written, so the border and the slack stay zero from one image to the next.
     */
    private final ThreadLocal<float[]> zeroBordered = ThreadLocal.withInitial(() -> new float[paddedSize()]);

    /** {@link #paddedChannelsLast}, made on first use. */
    private ChannelsLast paddedChannelsLast;

    Correlation(int inChannels, int inH, int inW, int padTop, int padLeft, PaddingMode mode,
                int outChannels, int outH, int outW, int kernelH, int kernelW,
                int dilationH, int dilationW, int strideH) {
        this.inChannels = inChannels;
        this.inH = inH;
        this.inW = inW;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.mode = mode;
        this.outChannels = outChannels;
        this.outH = outH;
        this.outW = outW;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.strideH = strideH;
        this.paddedH = (outH - 1) * strideH + (kernelH - 1) * dilationH + 1;
        this.paddedW = outW - 1 + (kernelW - 1) * dilationW + 1;
        this.offsets = new int[taps()];
        for (int c = 0, k = 0; c < inChannels; c++) {
            for (int ki = 0; ki < kernelH; ki++) {
                for (int kj = 0; kj < kernelW; kj++, k++) {
                    offsets[k] = (c * paddedH + ki * dilationH) * paddedW + kj * dilationW;
                }
            }
        }
        group = outChannels >= 4 ? 2 : outChannels >= 2 ? 4 : 8;
        int octets = octets();
        setOctets = Math.min(roundUp(Math.max(octetsPerRow(), SET_MIN_OCTETS), group), roundUp(octets, group));
        int taps = taps();
        int blocks = (taps + MAX_BLOCK_TAPS - 1) / MAX_BLOCK_TAPS;
        blockTaps = (taps + blocks - 1) / blocks;
        octetInput = new int[roundUp(octets, group)];
        octetOutput = new int[octets];
        octetWidth = new int[octets];
        for (int q = 0; q < octetInput.length; q++) {
            octetInput[q] = octetInput(Math.min(q, octets - 1));
        }
        for (int q = 0; q < octets; q++) {
            octetOutput[q] = octetOutput(q);
            octetWidth[q] = octetWidth(q);
        }
        channelStride = new int[2 * Lanes.L];
        for (int c = 0; c < channelStride.length; c++) {
            channelStride[c] = c * outPlane();
        }
        int partial = Math.max(1, outChannels % Lanes.L);
        lastChannelStride = new int[Lanes.L];
        for (int c = 0; c < Lanes.L; c++) {
            lastChannelStride[c] = Math.min(c, partial - 1) * outPlane();
        }
        blockOffsets = new int[(taps + blockTaps - 1) / blockTaps][];
        for (int b = 0; b < blockOffsets.length; b++) {
            blockOffsets[b] = java.util.Arrays.copyOfRange(offsets, b * blockTaps, Math.min(taps, (b + 1) * blockTaps));
        }
        rowSource = new int[paddedH];
        for (int r = 0; r < paddedH; r++) {
            rowSource[r] = mode.sourceIndex(r - padTop, inH);
        }
        colSource = new int[paddedW];
        for (int s = 0; s < paddedW; s++) {
            colSource[s] = mode.sourceIndex(s - padLeft, inW);
        }
    }

    /** The smallest set of octets {@link DirectConv#image} works on (while a block of taps stays in L1). */
    static final int SET_MIN_OCTETS = 4;
    /** The most taps per block of {@link DirectConv#image} (the block's image rows and filters stay in L1). */
    static final int MAX_BLOCK_TAPS = 96;

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /** Panels of filters ({@link #panelRows} each) the output channels take. */
    int panels() {
        int panels = 0;
        for (int o = 0; o < outChannels; o += panelRows(outChannels - o)) {
            panels++;
        }
        return panels;
    }

    /** Rows of the kernel tile: up to {@link CorrelationKernel#P} with {@code group == 2}, else 3 or 1. */
    int panelRows(int remaining) {
        if (group == 2) {
            if (CorrelationKernel.P == 8) {
                // Panels of 8 (k8x2); what is left at the end in one panel of at most 8 rows.
                return Math.min(remaining, 8);
            }
            return Math.min(GemmPacking.panelHeight(remaining, CorrelationKernel.P), remaining);
        }
        return Math.min(remaining, group == 4 ? 3 : 1);
    }

    /** Taps per output element: {@code inChannels * kernelH * kernelW}. */
    int taps() {
        return inChannels * kernelH * kernelW;
    }

    /** Floats of one padded image, slack included. */
    int paddedSize() {
        return inChannels * paddedH * paddedW + SLACK;
    }

    /** Output elements per channel: {@code outH * outW}. */
    int outPlane() {
        return outH * outW;
    }

    /** Octets (runs of L output columns in one row) per output row. */
    int octetsPerRow() {
        return (outW + Lanes.L - 1) / Lanes.L;
    }

    /** Octets per output channel plane. */
    int octets() {
        return outH * octetsPerRow();
    }

    /** Where octet {@code q} starts in the padded image. */
    int octetInput(int q) {
        int opr = octetsPerRow();
        return (q / opr) * strideH * paddedW + (q % opr) * Lanes.L;
    }

    /** Where octet {@code q} starts in an output plane. */
    int octetOutput(int q) {
        int opr = octetsPerRow();
        return (q / opr) * outW + (q % opr) * Lanes.L;
    }

    /** Output columns octet {@code q} covers (L, or fewer at the end of a row). */
    int octetWidth(int q) {
        return Math.min(Lanes.L, outW - (q % octetsPerRow()) * Lanes.L);
    }

    /**
     * The padded image of {@code x[xOff ...]}: with zero padding this thread's own buffer for this
     * correlation, of which only the interior is written (the border is still zero from when it was
     * made: no pass over it per image); otherwise {@code scratch}, written by {@link #pad}.
     */
    float[] padded(float[] x, int xOff, float[] scratch) {
        if (mode != PaddingMode.ZEROS) {
            pad(x, xOff, scratch);
            return scratch;
        }
        float[] xpad = zeroBordered.get();
        int interiorLo = Math.max(0, padLeft);
        int width = Math.min(paddedW, padLeft + inW) - interiorLo;
        if (width <= 0) {
            return xpad;
        }
        for (int c = 0; c < inChannels; c++) {
            int plane = xOff + c * inH * inW;
            for (int r = 0; r < paddedH; r++) {
                int sr = rowSource[r];
                if (sr < 0) {
                    continue;
                }
                copyInterior(x, plane + sr * inW + interiorLo - padLeft, xpad, (c * paddedH + r) * paddedW + interiorLo,
                        width);
            }
        }
        return xpad;
    }

    /**
     * Writes the padded image of {@code x[xOff ...]} (layout {@code (inChannels, inH, inW)}) into
     * {@code xpad}, slack zeroed.
     */
    void pad(float[] x, int xOff, float[] xpad) {
        pad(x, xOff, xpad, 0);
    }

    /** Like {@link #pad(float[], int, float[])}, writing from {@code xpad[xpadOff]}. */
    void pad(float[] x, int xOff, float[] xpad, int xpadOff) {
        int d = xpadOff;
        int interiorLo = Math.max(0, padLeft);
        int interiorHi = Math.min(paddedW, padLeft + inW);
        for (int c = 0; c < inChannels; c++) {
            int plane = xOff + c * inH * inW;
            for (int r = 0; r < paddedH; r++, d += paddedW) {
                int sr = rowSource[r];
                if (sr < 0) {
                    java.util.Arrays.fill(xpad, d, d + paddedW, 0f);
                    continue;
                }
                int row = plane + sr * inW;
                for (int s = 0; s < interiorLo; s++) {
                    int sc = colSource[s];
                    xpad[d + s] = sc < 0 ? 0f : x[row + sc];
                }
                if (interiorHi > interiorLo) {
                    copyInterior(x, row + interiorLo - padLeft, xpad, d + interiorLo, interiorHi - interiorLo);
                }
                for (int s = Math.max(interiorLo, interiorHi); s < paddedW; s++) {
                    int sc = colSource[s];
                    xpad[d + s] = sc < 0 ? 0f : x[row + sc];
                }
            }
        }
        java.util.Arrays.fill(xpad, d, d + SLACK, 0f);
    }

    /** A row's interior: {@code width > 0} floats, with vectors from L on ({@link #copyRow}). */
    private static void copyInterior(float[] src, int from, float[] dst, int to, int width) {
        if (width >= Lanes.L) {
            copyRow(src, from, dst, to, width);
        } else {
            System.arraycopy(src, from, dst, to, width);
        }
    }

    /**
     * Copies {@code width >= L} floats with full vectors, the last one ending at the row's end
     * (overlapping the one before it): no masks, no call per row (System.arraycopy's cost for a
     * 28-float row was most of the padding's time).
     */
    private static void copyRow(float[] src, int from, float[] dst, int to, int width) {
        int last = width - Lanes.L;
        for (int s = 0; s < last; s += Lanes.L) {
            FloatVector.fromArray(Lanes.F, src, from + s).intoArray(dst, to + s);
        }
        FloatVector.fromArray(Lanes.F, src, from + last).intoArray(dst, to + last);
    }

    /**
     * The input written channels last over the padded plane, {@code inChannels} floats a position
     * (the direct weight gradient's transposed input, where the channels are a multiple of 2L and the
     * padding on the top and left at least 0).
     */
    ChannelsLast paddedChannelsLast() {
        ChannelsLast c = paddedChannelsLast;
        if (c == null) {
            c = new ChannelsLast(inChannels, inH, inW, padTop, padLeft, paddedH, paddedW, inChannels);
            paddedChannelsLast = c;
        }
        return c;
    }
}
