package org.convlab.tensor.simd;

/**
 * Direct convolution of one image with the {@link CorrelationKernel}s: the padded image is the
 * only copy made (no im2col matrix), filters are packed once per call into panels of 6 channels.
 *
 * <p>Filters: {@code filt(o, k)} for output channel {@code o} and tap {@code k = (c, ki, kj)} is
 * packed to {@code wp[s*taps*6 + k*6 + r]} for panel {@code s} starting at channel {@code o0},
 * {@code o = o0 + r}; panels follow {@link Correlation#panelRows}.
 */
final class DirectConv {
    private DirectConv() {
    }

    /** Floats the packed filters of {@code g} take. */
    static int packedSize(Correlation g) {
        int panels = 0;
        for (int o = 0; o < g.outChannels; o += g.panelRows(g.outChannels - o)) {
            panels++;
        }
        return panels * g.taps() * 6;
    }

    /** Packs a convolution's weight {@code w[wOff + o*taps + k]} ({@code (O, C, kH, kW)}) for {@code g} at {@code wp[wpOff]}. */
    static void packFilters(Correlation g, float[] w, int wOff, float[] wp, int wpOff) {
        int taps = g.taps();
        int base = wpOff;
        for (int o0 = 0; o0 < g.outChannels; base += taps * 6) {
            int rows = g.panelRows(g.outChannels - o0);
            for (int k = 0; k < taps; k++) {
                for (int r = 0; r < 6; r++) {
                    wp[base + k * 6 + r] = r < rows ? w[wOff + (o0 + r) * taps + k] : 0f;
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
        for (int c0 = 0; c0 < channels; base += taps * 6) {
            int rows = g.panelRows(channels - c0);
            for (int k = 0; k < taps; k++) {
                int f = k / (kh * kw);
                int ki = (k / kw) % kh;
                int kj = k % kw;
                for (int r = 0; r < 6; r++) {
                    wp[base + k * 6 + r] = r < rows
                            ? w[wOff + ((f * channels + c0 + r) * kh + kh - 1 - ki) * kw + kw - 1 - kj] : 0f;
                }
            }
            c0 += rows;
        }
    }

    /**
     * {@code out[outOff + o*outPlane + p] = bias[biasOff + o] + correlation} for every output
     * channel {@code o} and position {@code p} of one image whose padded copy is {@code xpad},
     * filters packed at {@code wp[wpOff]}.
     *
     * @param bias {@code null} for none
     * @param tile scratch of at least 96 floats
     */
    static void image(Correlation g, float[] wp, int wpOff, float[] xpad, float[] bias, int biasOff,
                      float[] out, int outOff, float[] tile) {
        int taps = g.taps();
        int group = g.group;
        int octets = g.octets();
        int[] bases = g.octetInput;
        int[] offsets = g.offsets;
        for (int q0 = 0; q0 < octets; q0 += group) {
            int base = wpOff;
            for (int o0 = 0; o0 < g.outChannels; base += taps * 6) {
                int rows = g.panelRows(g.outChannels - o0);
                int valid = Math.min(group, octets - q0);
                int panelOut = outOff + o0 * g.outPlane();
                // Full 6- or 4-row tiles of two full octets are stored by the kernel itself.
                boolean full = group == 2 && (rows == 6 || rows == 4) && valid == 2
                        && g.octetWidth[q0] == Lanes.L && g.octetWidth[q0 + 1] == Lanes.L;
                float[] direct = full ? out : null;
                int out0 = full ? panelOut + g.octetOutput[q0] : 0;
                int out1 = full ? panelOut + g.octetOutput[q0 + 1] : 0;
                switch (group) {
                    case 2 -> {
                        if (rows > 4) {
                            CorrelationKernel.k6x2(wp, base, taps, offsets, xpad, bases, q0, tile,
                                    direct, out0, out1, g.outPlane(), bias, biasOff + o0);
                        } else {
                            CorrelationKernel.k4x2(wp, base, taps, offsets, xpad, bases, q0, tile,
                                    direct, out0, out1, g.outPlane(), bias, biasOff + o0);
                        }
                    }
                    case 4 -> CorrelationKernel.k3x4(wp, base, taps, offsets, xpad, bases, q0, tile);
                    default -> CorrelationKernel.k1x8(wp, base, taps, offsets, xpad, bases, q0, tile);
                }
                if (!full) {
                    store(g, tile, rows, q0, valid, bias, biasOff + o0, out, panelOut);
                }
                o0 += rows;
            }
        }
    }

    /**
     * Adds the bias to a tile and writes its valid rows and octets. Plain float code: it costs
     * no allocation before the JIT's C2 compiles it, unlike Vector API code.
     */
    private static void store(Correlation g, float[] tile, int rows, int q0, int valid, float[] bias, int biasOff,
                              float[] out, int outOff) {
        int group = g.group;
        int plane = g.outPlane();
        int[] octetOutput = g.octetOutput;
        int[] octetWidth = g.octetWidth;
        for (int r = 0; r < rows; r++) {
            float b = bias == null ? 0f : bias[biasOff + r];
            int dstPlane = outOff + r * plane;
            for (int o = 0; o < valid; o++) {
                int q = q0 + o;
                int t = (r * group + o) * Lanes.L;
                int dst = dstPlane + octetOutput[q];
                int width = octetWidth[q];
                for (int lane = 0; lane < width; lane++) {
                    out[dst + lane] = tile[t + lane] + b;
                }
            }
        }
    }
}
