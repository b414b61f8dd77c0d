package org.convlab.tensor.kernels;

import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.PaddingMode;

/**
 * A {@link ConvGeometry} of one or two spatial dimensions read into the plain integers and
 * index tables that kernels loop over. A 1-D geometry becomes a 2-D one of height 1 (kernel 1,
 * stride 1, no padding along the height), so one kernel serves both.
 *
 * <p>Nothing is recomputed here: sizes, padding and output sizes are read from the geometry's
 * {@link Axis} objects, and the tables apply {@link Axis#inputIndex} and
 * {@link PaddingMode#sourceIndex}:
 * <pre>
 *   rowSource[ki * outH + oy] = the input row read by kernel row ki of output row oy, or -1 for a zero
 *   colSource[kj * outW + ox] = the input column read by kernel column kj of output column ox, or -1
 * </pre>
 * With padding mode zeros, positions in the padding are -1; with reflect, replicate and
 * circular they name the input row or column the padding copies (PyTorch pads each axis
 * independently, so a 2-D padded element is {@code x[rowSource][colSource]}).
 * {@code colInterior[kj]} is the range {@code [lo, hi)} of output columns whose kernel column
 * {@code kj} reads a real input column {@code ox*strideW + kj*dilationW - padLeft}.
 *
 * <p>Shapes, for a batch of {@code n}: input {@code (n, channels, height, width)}, weight
 * {@code (filters, channels/groups, kernelH, kernelW)}, output {@code (n, filters, outH, outW)}.
 */
public final class ConvPlan {
    private final ConvGeometry geometry;
    /** Input channels C. */
    public final int channels;
    /** Output channels (filters) F. */
    public final int filters;
    /** Groups g; C and F are multiples of it. */
    public final int groups;
    /** C / g. */
    public final int channelsPerGroup;
    /** F / g. */
    public final int filtersPerGroup;
    /** Input height (1 for 1-D) and width. */
    public final int height, width;
    /** Kernel height (1 for 1-D) and width. */
    public final int kernelH, kernelW;
    /** Strides. */
    public final int strideH, strideW;
    /** Dilations. */
    public final int dilationH, dilationW;
    /** Padding before the first row and the first column. */
    public final int padTop, padLeft;
    /** Output height (1 for 1-D) and width. */
    public final int outH, outW;
    /** How the padding is filled. */
    public final PaddingMode mode;

    private final int[] rowSource;
    private final int[] colSource;
    private final int[] colInteriorLo;
    private final int[] colInteriorHi;
    /** {@link #windowSources()}, made on first use. */
    private volatile int[] windowSources;

    private ConvPlan(ConvGeometry g) {
        int dims = g.spatialDims();
        if (dims != 1 && dims != 2) {
            throw new IllegalArgumentException("kernels handle 1 or 2 spatial dimensions, got " + dims);
        }
        this.geometry = g;
        Axis ah = dims == 2 ? g.axis(0) : Axis.of(1, 1, 1, 1, 0);
        Axis aw = g.axis(dims - 1);
        channels = g.inChannels();
        filters = g.outChannels();
        groups = g.groups();
        channelsPerGroup = g.inChannelsPerGroup();
        filtersPerGroup = g.outChannelsPerGroup();
        height = ah.size();
        width = aw.size();
        kernelH = ah.kernel();
        kernelW = aw.kernel();
        strideH = ah.stride();
        strideW = aw.stride();
        dilationH = ah.dilation();
        dilationW = aw.dilation();
        padTop = ah.padBefore();
        padLeft = aw.padBefore();
        outH = ah.output();
        outW = aw.output();
        mode = g.paddingMode();
        rowSource = sources(ah, mode);
        colSource = sources(aw, mode);
        colInteriorLo = new int[kernelW];
        colInteriorHi = new int[kernelW];
        for (int kj = 0; kj < kernelW; kj++) {
            int lo = 0;
            while (lo < outW && aw.inputIndex(lo, kj) < 0) {
                lo++;
            }
            int hi = lo;
            while (hi < outW && aw.inputIndex(hi, kj) < width) {
                hi++;
            }
            colInteriorLo[kj] = lo;
            colInteriorHi[kj] = hi;
        }
    }

    /** The plan of a 1-D or 2-D geometry. */
    public static ConvPlan of(ConvGeometry g) {
        return new ConvPlan(g);
    }

    private static int[] sources(Axis a, PaddingMode mode) {
        int out = a.output();
        int[] s = new int[a.kernel() * out];
        for (int t = 0; t < a.kernel(); t++) {
            for (int o = 0; o < out; o++) {
                s[t * out + o] = mode.sourceIndex(a.inputIndex(o, t), a.size());
            }
        }
        return s;
    }

    /** The geometry this plan was read from. */
    public ConvGeometry geometry() {
        return geometry;
    }

    /** The input row read by kernel row {@code ki} of output row {@code oy}, or -1 for a zero. */
    public int rowSource(int ki, int oy) {
        return rowSource[ki * outH + oy];
    }

    /** The input column read by kernel column {@code kj} of output column {@code ox}, or -1 for a zero. */
    public int colSource(int kj, int ox) {
        return colSource[kj * outW + ox];
    }

    /**
     * The input element each tap of each output position reads, within a channel's plane:
     * {@code windowSources()[q * kernelH*kernelW + ki*kernelW + kj] = rowSource(ki, oy) * width
     * + colSource(kj, ox)} for output position {@code q = oy*outW + ox}, or -1 where it reads a
     * zero. Made on first use ({@code outH*outW*kernelH*kernelW} ints) and shared: do not modify.
     * The locally connected layer gathers every position's windows with it.
     */
    public int[] windowSources() {
        int[] table = windowSources;
        if (table == null) {
            int taps = kernelH * kernelW;
            table = new int[Math.multiplyExact(outH * outW, taps)];
            for (int oy = 0, at = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int ki = 0; ki < kernelH; ki++) {
                        int ry = rowSource(ki, oy);
                        for (int kj = 0; kj < kernelW; kj++, at++) {
                            int rx = colSource(kj, ox);
                            table[at] = ry < 0 || rx < 0 ? -1 : ry * width + rx;
                        }
                    }
                }
            }
            windowSources = table;
        }
        return table;
    }

    /** The row table {@code rowSource[ki * outH + oy]}, shared: do not modify. */
    public int[] rowSources() {
        return rowSource;
    }

    /** The column table {@code colSource[kj * outW + ox]}, shared: do not modify. */
    public int[] colSources() {
        return colSource;
    }

    /** First output column whose kernel column {@code kj} reads a real input column. */
    public int colInteriorLo(int kj) {
        return colInteriorLo[kj];
    }

    /** One past the last output column whose kernel column {@code kj} reads a real input column. */
    public int colInteriorHi(int kj) {
        return colInteriorHi[kj];
    }

    /** Input elements per image: {@code C * H * W}. */
    public int inputSize() {
        return channels * height * width;
    }

    /** Output elements per image: {@code F * OH * OW}. */
    public int outputSize() {
        return filters * outH * outW;
    }

    /** Pixels per input channel plane: {@code H * W}. */
    public int inputPlane() {
        return height * width;
    }

    /** Pixels per output channel plane: {@code OH * OW}. */
    public int outputPlane() {
        return outH * outW;
    }

    /** Kernel taps per output element: {@code (C/g) * kH * kW}, the GEMM depth. */
    public int taps() {
        return channelsPerGroup * kernelH * kernelW;
    }

    /** Weight elements: {@code F * (C/g) * kH * kW}. */
    public int weightSize() {
        return filters * taps();
    }

    /** Whether the convolution reads each input pixel once in place (1x1 kernel, stride 1, no padding). */
    public boolean pointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
                && outH == height && outW == width;
    }

    @Override
    public String toString() {
        return "ConvPlan[" + geometry + "]";
    }
}
