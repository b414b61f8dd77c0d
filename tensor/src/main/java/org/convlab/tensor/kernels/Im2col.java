package org.convlab.tensor.kernels;

import java.util.Arrays;

/**
 * Unfolding one image's channels into the columns of a matrix, and folding back.
 *
 * <p>For a block of {@code cb} channels starting at {@code xOff} (each an {@code (H, W)} plane),
 * {@code cols} is {@code (cb*kH*kW, OH*OW)}:
 * <pre>  cols[(c*kH + ki)*kW + kj, oy*OW + ox] = xpad[c, oy*sH + ki*dH - pT, ox*sW + kj*dW - pL]</pre>
 * so that a convolution is {@code W (F, cb*kH*kW) x cols}. {@link #col2im} is the transpose:
 * it adds every column entry back onto the input element it was read from (padding that copies
 * an input, as reflect does, sends its gradient to that input).
 */
public final class Im2col {
    private Im2col() {
    }

    /** Fills {@code cols} (from offset 0) for {@code cb} channels of {@code x} starting at {@code xOff}. */
    public static void im2col(ConvPlan p, int cb, float[] x, int xOff, float[] cols) {
        int oh = p.outH;
        int ow = p.outW;
        int w = p.width;
        int sw = p.strideW;
        int plane = oh * ow;
        int[] rows = p.rowSources();
        int[] colSrc = p.colSources();
        int row = 0;
        for (int c = 0; c < cb; c++) {
            int xc = xOff + c * p.height * w;
            for (int ki = 0; ki < p.kernelH; ki++) {
                for (int kj = 0; kj < p.kernelW; kj++, row++) {
                    int lo = p.colInteriorLo(kj);
                    int hi = p.colInteriorHi(kj);
                    int shift = kj * p.dilationW - p.padLeft;
                    int tab = kj * ow;
                    int dst = row * plane;
                    for (int oy = 0; oy < oh; oy++, dst += ow) {
                        int ry = rows[ki * oh + oy];
                        if (ry < 0) {
                            Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = xc + ry * w;
                        for (int ox = 0; ox < lo; ox++) {
                            int rx = colSrc[tab + ox];
                            cols[dst + ox] = rx < 0 ? 0f : x[src + rx];
                        }
                        if (sw == 1) {
                            if (hi > lo) {
                                System.arraycopy(x, src + shift + lo, cols, dst + lo, hi - lo);
                            }
                        } else {
                            int from = src + shift;
                            for (int ox = lo; ox < hi; ox++) {
                                cols[dst + ox] = x[from + ox * sw];
                            }
                        }
                        for (int ox = hi; ox < ow; ox++) {
                            int rx = colSrc[tab + ox];
                            cols[dst + ox] = rx < 0 ? 0f : x[src + rx];
                        }
                    }
                }
            }
        }
    }

    /** Adds every entry of {@code cols} (as laid out by {@link #im2col}) onto {@code dx} at the element it was read from. */
    public static void col2im(ConvPlan p, int cb, float[] cols, float[] dx, int dxOff) {
        int oh = p.outH;
        int ow = p.outW;
        int w = p.width;
        int sw = p.strideW;
        int plane = oh * ow;
        int[] rows = p.rowSources();
        int[] colSrc = p.colSources();
        int row = 0;
        for (int c = 0; c < cb; c++) {
            int xc = dxOff + c * p.height * w;
            for (int ki = 0; ki < p.kernelH; ki++) {
                for (int kj = 0; kj < p.kernelW; kj++, row++) {
                    int lo = p.colInteriorLo(kj);
                    int hi = p.colInteriorHi(kj);
                    int shift = kj * p.dilationW - p.padLeft;
                    int tab = kj * ow;
                    int src = row * plane;
                    for (int oy = 0; oy < oh; oy++, src += ow) {
                        int ry = rows[ki * oh + oy];
                        if (ry < 0) {
                            continue;
                        }
                        int dst = xc + ry * w;
                        for (int ox = 0; ox < lo; ox++) {
                            int rx = colSrc[tab + ox];
                            if (rx >= 0) {
                                dx[dst + rx] += cols[src + ox];
                            }
                        }
                        int to = dst + shift;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[to + ox] += cols[src + ox];
                            }
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[to + ox * sw] += cols[src + ox];
                            }
                        }
                        for (int ox = hi; ox < ow; ox++) {
                            int rx = colSrc[tab + ox];
                            if (rx >= 0) {
                                dx[dst + rx] += cols[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
