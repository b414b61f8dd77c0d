package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Direct convolution of one image with the {@link CorrelationKernel}s: the padded image is the
 * only copy made (no im2col matrix), filters are packed once per call into panels of up to
 * {@link CorrelationKernel#P} channels.
 *
 * <p>Filters: {@code filt(o, k)} for output channel {@code o} and tap {@code k = (c, ki, kj)} is
 * packed to {@code wp[s*taps*P + k*P + r]} ({@code P = CorrelationKernel.P}) for panel {@code s} starting at channel {@code o0},
 * {@code o = o0 + r}; panels follow {@link Correlation#panelRows}.
 */
final class DirectConv {
    private DirectConv() {
    }

    /** Floats the packed filters of {@code g} take. */
    static int packedSize(Correlation g) {
        return g.panels() * g.taps() * CorrelationKernel.P;
    }

    /** Packs a convolution's weight {@code w[wOff + o*taps + k]} ({@code (O, C, kH, kW)}) for {@code g} at {@code wp[wpOff]}. */
    static void packFilters(Correlation g, float[] w, int wOff, float[] wp, int wpOff) {
        int taps = g.taps();
        int base = wpOff;
        for (int o0 = 0; o0 < g.outChannels; base += taps * CorrelationKernel.P) {
            int rows = g.panelRows(g.outChannels - o0);
            for (int k = 0; k < taps; k++) {
                for (int r = 0; r < CorrelationKernel.P; r++) {
                    wp[base + k * CorrelationKernel.P + r] = r < rows ? w[wOff + (o0 + r) * taps + k] : 0f;
                }
            }
            o0 += rows;
        }
    }

    /**
     * Packs the filters of a convolution's input gradient: {@code g} correlates the output
     * gradient ({@code F} channels) into {@code C} channels with
     * {@code filt(c, (f, ki, kj)) = w[wOff + ((f*C + c)*kH + kH-1-ki)*kW + kW-1-kj]}, the weight
     * {@code (F, C, kH, kW)} transposed and flipped; packed at {@code wp[wpOff]}.
     */
    static void packFlippedFilters(Correlation g, float[] w, int wOff, float[] wp, int wpOff) {
        int taps = g.taps();
        int kh = g.kernelH;
        int kw = g.kernelW;
        int channels = g.outChannels;
        int base = wpOff;
        for (int c0 = 0; c0 < channels; base += taps * CorrelationKernel.P) {
            int rows = g.panelRows(channels - c0);
            for (int k = 0; k < taps; k++) {
                int f = k / (kh * kw);
                int ki = (k / kw) % kh;
                int kj = k % kw;
                for (int r = 0; r < CorrelationKernel.P; r++) {
                    wp[base + k * CorrelationKernel.P + r] = r < rows
                            ? w[wOff + ((f * channels + c0 + r) * kh + kh - 1 - ki) * kw + kw - 1 - kj] : 0f;
                }
            }
            c0 += rows;
        }
    }

    /** Floats of the scratch {@link #image} needs for {@code g}: the partial tiles of one set of octets. */
    static int scratchSize(Correlation g) {
        return g.panels() * (g.setOctets / g.group) * TILE;
    }

    /** Floats of one partial tile: up to sixteen vectors (8 or 6 rows x 2 octets, 3 x 4 or 1 x 8). */
    static final int TILE = CorrelationKernel.TILE;

    /**
     * {@code out[outOff + o*outPlane + p] = bias[biasOff + o] + correlation} for every output
     * channel {@code o} and position {@code p} of one image whose padded copy is {@code xpad},
     * filters packed at {@code wp[wpOff]}.
     *
     * <p>Blocked for the L1 cache: the octets are taken a set ({@link Correlation#setOctets}) at a
     * time, and within a set the taps a block ({@link Correlation#blockTaps}) at a time, every
     * panel of filters and every octet pair of the set per block; partial tiles wait in
     * {@code scratch} between blocks. So the image rows and filters one block touches stay in L1
     * while the set's tiles use them. Each output element is still summed tap after tap in order.
     *
     * @param bias    {@code null} for none
     * @param scratch at least {@link #scratchSize} floats
     */
    static void image(Correlation g, float[] wp, int wpOff, float[] xpad, float[] bias, int biasOff,
                      float[] out, int outOff, float[] scratch) {
        image(g, wp, wpOff, xpad, bias, biasOff, out, outOff, null, scratch);
    }

    /**
     * {@link #image} that also writes the rectified output, {@code rect[i] = Math.max(out[i], 0)}
     * at the same indices, from the registers that store {@code out} (no second pass over it).
     *
     * @param rect {@code null} for none; {@code out} itself to write only the rectified output
     */
    static void image(Correlation g, float[] wp, int wpOff, float[] xpad, float[] bias, int biasOff,
                      float[] out, int outOff, float[] rect, float[] scratch) {
        int taps = g.taps();
        int group = g.group;
        int octets = g.octets();
        int setOctets = g.setOctets;
        int blockTaps = g.blockTaps;
        int pairsPerSet = setOctets / group;
        int[] bases = g.octetInput;
        int plane = g.outPlane();
        for (int s0 = 0; s0 < octets; s0 += setOctets) {
            int s1 = Math.min(octets, s0 + setOctets);
            for (int k0 = 0, block = 0; k0 < taps; k0 += blockTaps, block++) {
                int k1 = Math.min(taps, k0 + blockTaps);
                int n = k1 - k0;
                int[] offsets = g.blockOffsets[block];
                boolean resume = k0 > 0;
                boolean last = k1 == taps;
                int base = wpOff;
                int panel = 0;
                for (int o0 = 0; o0 < g.outChannels; base += taps * CorrelationKernel.P, panel++) {
                    int rows = g.panelRows(g.outChannels - o0);
                    int panelOut = outOff + o0 * plane;
                    for (int q0 = s0; q0 < s1; q0 += group) {
                        int valid = Math.min(group, octets - q0);
                        int accIdx = (panel * pairsPerSet + (q0 - s0) / group) * TILE;
                        // Finished tiles of two octets are stored with vectors (masked
                        // for an octet narrower than L: a 28-wide row is 16 + 12 at 512 bits).
                        boolean full = last && group == 2 && valid == 2;
                        int out0 = full ? panelOut + g.octetOutput[q0] : 0;
                        int out1 = full ? panelOut + g.octetOutput[q0 + 1] : 0;
                        switch (group) {
                            case 2 -> {
                                if (rows > 6 && bases[q0 + 1] == bases[q0] + Lanes.L) {
                                    CorrelationKernel.k8x2Adjacent(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad,
                                            bases[q0], scratch, accIdx, !resume);
                                } else if (rows > 6) {
                                    CorrelationKernel.k8x2(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad, bases[q0],
                                            bases[q0 + 1], scratch, accIdx, !resume);
                                } else if (rows > 4) {
                                    CorrelationKernel.k6x2(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad, bases[q0], bases[q0 + 1],
                                            scratch, accIdx, !resume);
                                } else {
                                    CorrelationKernel.k4x2(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad, bases[q0], bases[q0 + 1],
                                            scratch, accIdx, !resume);
                                }
                            }
                            case 4 -> CorrelationKernel.k3x4(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad, bases[q0], bases[q0 + 1],
                                    bases[q0 + 2], bases[q0 + 3], scratch, accIdx, !resume);
                            default -> CorrelationKernel.k1x8(wp, base + k0 * CorrelationKernel.P, n, offsets, xpad, bases, q0, scratch,
                                    accIdx, !resume);
                        }
                        if (full) {
                            storeFull(scratch, accIdx, rows, out, rect, out0, out1, g.octetWidth[q0], g.octetWidth[q0 + 1],
                                    plane, bias, biasOff + o0);
                        } else if (last) {
                            store(g, scratch, accIdx, rows, q0, valid, bias, biasOff + o0, out, rect, panelOut);
                        }
                    }
                    o0 += rows;
                }
            }
        }
    }

    /**
     * Adds the bias to a finished tile of {@code rows} x 2 octets, {@code width0} and
     * {@code width1} columns wide, and stores it (lanes past an octet's width are not written),
     * and its rectified values to {@code rect} unless that is {@code null} (only those when
     * {@code rect} is {@code out}).
     */
    private static void storeFull(float[] tile, int tileIdx, int rows, float[] out, float[] rect, int out0, int out1,
                                  int width0, int width1, int plane, float[] bias, int biasOff) {
        FloatVector zero = FloatVector.zero(Lanes.F);
        if (width0 == Lanes.L && width1 == Lanes.L) {
            for (int r = 0; r < rows; r++) {
                float b = bias == null ? 0f : bias[biasOff + r];
                int t = tileIdx + r * 2 * Lanes.L;
                FloatVector v0 = FloatVector.fromArray(Lanes.F, tile, t).add(b);
                FloatVector v1 = FloatVector.fromArray(Lanes.F, tile, t + Lanes.L).add(b);
                if (rect != out) {
                    v0.intoArray(out, out0 + r * plane);
                    v1.intoArray(out, out1 + r * plane);
                }
                if (rect != null) {
                    v0.max(zero).intoArray(rect, out0 + r * plane);
                    v1.max(zero).intoArray(rect, out1 + r * plane);
                }
            }
            return;
        }
        VectorMask<Float> m0 = Lanes.F.indexInRange(0, width0);
        VectorMask<Float> m1 = Lanes.F.indexInRange(0, width1);
        for (int r = 0; r < rows; r++) {
            float b = bias == null ? 0f : bias[biasOff + r];
            int t = tileIdx + r * 2 * Lanes.L;
            FloatVector v0 = FloatVector.fromArray(Lanes.F, tile, t).add(b);
            FloatVector v1 = FloatVector.fromArray(Lanes.F, tile, t + Lanes.L).add(b);
            if (rect != out) {
                v0.intoArray(out, out0 + r * plane, m0);
                v1.intoArray(out, out1 + r * plane, m1);
            }
            if (rect != null) {
                v0.max(zero).intoArray(rect, out0 + r * plane, m0);
                v1.max(zero).intoArray(rect, out1 + r * plane, m1);
            }
        }
    }

    /**
     * Adds the bias to a tile and writes its valid rows and octets, rectified to {@code rect}
     * too unless that is {@code null}. Plain float code: it costs no allocation before the JIT's
     * C2 compiles it, unlike Vector API code.
     */
    private static void store(Correlation g, float[] tile, int tileIdx, int rows, int q0, int valid, float[] bias,
                              int biasOff, float[] out, float[] rect, int outOff) {
        int group = g.group;
        int plane = g.outPlane();
        int[] octetOutput = g.octetOutput;
        int[] octetWidth = g.octetWidth;
        for (int r = 0; r < rows; r++) {
            float b = bias == null ? 0f : bias[biasOff + r];
            int dstPlane = outOff + r * plane;
            for (int o = 0; o < valid; o++) {
                int q = q0 + o;
                int t = tileIdx + (r * group + o) * Lanes.L;
                int dst = dstPlane + octetOutput[q];
                int width = octetWidth[q];
                for (int lane = 0; lane < width; lane++) {
                    float v = tile[t + lane] + b;
                    if (rect == null) {
                        out[dst + lane] = v;
                    } else {
                        rect[dst + lane] = Math.max(v, 0f); // out itself when rectified in place
                        if (rect != out) {
                            out[dst + lane] = v;
                        }
                    }
                }
            }
        }
    }
}
