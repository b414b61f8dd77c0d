package org.convlab.tensor.simd;

import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;

/**
 * The forward pass of a convolution with few taps (a 1-channel 5x5 layer: 25) and height stride
 * 1, per image and group as one product on the GEMM's micro-kernel whose B is read from the
 * padded image, with no im2col matrix:
 * <pre>  C (F/g, Q) = filters (F/g, K) x B (K, Q),   B[k, q] = xpad[offset(k) + q],   Q = (OH-1)*paddedW + OW</pre>
 * with the output positions {@code q = oy*paddedW + ox} counted in the padded image's
 * coordinates ({@link Correlation}), so that each row of B is a contiguous run of the padded
 * image: B is packed into the micro-kernel's strips with vector copies straight from it. The
 * columns of C past each output row ({@code ox >= OW}) are computed and dropped; the bias and a
 * following rectifier are applied while C's rows are copied out.
 *
 * <p>Shapes: {@code x (n, C, H, W)}, {@code w (F, C/g, kH, kW)}, {@code y (n, F, OH, OW)}.
 *
 * <p>Bits: with {@code K <= SimdGemm.KC} the depth is one block, so every output is the one
 * chain of fused multiply-adds over the taps in order that the im2col + GEMM path computes for
 * it (the same micro-kernels, {@code alpha = 1}, {@code beta = 0}), then {@code + bias}, then
 * the rectifier: the same bits as that path (tested).
 */
final class FewTapsForward {
    private static final Workspace.Key KEY_PANELS = Workspace.key("FewTapsForward.filterPanels");

    /** Per thread: padded image, B strips, C, the micro-kernel's tile. */
    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0], new float[0], new float[MR * NR]});

    private FewTapsForward() {
    }

    /**
     * Floats of C a thread may hold (4 MiB): a group's filters times its output positions. Larger
     * problems (hundreds of filters on large images) keep the im2col path, which writes the
     * output in place.
     */
    static final int MAX_C_FLOATS = 1 << 20;

    /**
     * Whether the forward pass of {@code p} (width stride 1, see {@link SimdConv#direct}), whose
     * forward correlation per group is {@code g}, runs here.
     */
    static boolean applies(ConvPlan p, Correlation g) {
        return p.strideH == 1 && p.taps() <= SimdGemm.KC
                && (long) p.filtersPerGroup * columns(g) <= MAX_C_FLOATS;
    }

    /** Output positions in padded coordinates, {@code (OH-1)*paddedW + OW}. */
    private static int positions(Correlation g) {
        return (g.outH - 1) * g.paddedW + g.outW;
    }

    /** Columns of C: the positions rounded up to whole strips. */
    private static int columns(Correlation g) {
        return (positions(g) + NR - 1) / NR * NR;
    }

    /**
     * {@code y = conv(x, w) + bias} and, unless {@code rectified} is {@code null}, its rectified
     * values ({@code rectified == y}: only those) for the {@code n} images; {@code g} is the
     * forward correlation of one group of {@code p}.
     */
    static void forward(ConvPlan p, Correlation g, int n, float[] x, float[] w, float[] bias, float[] y,
                        float[] rectified, Workspace ws) {
        int taps = g.taps();
        int fg = p.filtersPerGroup;
        int panelFloats = packedRows(fg) * taps;
        float[] ap = ws.floats(KEY_PANELS, panelFloats * p.groups);
        for (int gi = 0; gi < p.groups; gi++) {
            GemmPacking.packARowByRow(w, gi * fg * taps, taps, 0, fg, 0, taps, ap, gi * panelFloats);
        }
        int positions = positions(g);
        int ldc = columns(g);
        int strips = ldc / NR;
        int inImage = p.inputSize();
        int outImage = p.outputSize();
        int inGroup = p.channelsPerGroup * p.inputPlane();
        int outGroup = fg * p.outputPlane();
        Parallel.forEach(n * p.groups, task -> {
            int i = task / p.groups;
            int gi = task % p.groups;
            // The strips read up to NR - 1 floats past the last position (room after the padding's
            // slack) and the copy-out a vector past a row: C gets L floats more.
            float[][] s = scratch(g.paddedSize() + NR, strips * taps * NR, fg * ldc + Lanes.L);
            float[] xpad = s[0];
            float[] bp = s[1];
            float[] cs = s[2];
            g.pad(x, i * inImage + gi * inGroup, xpad);
            packStrips(g, xpad, strips, bp);
            int aIdx = gi * panelFloats;
            for (int f = 0; f < fg; aIdx += taps * MR) {
                int rows = GemmPacking.panelRows(fg - f);
                for (int t = 0; t < strips; t++) {
                    MicroKernel.panel(ap, aIdx, bp, t * taps * NR, taps, cs, f * ldc + t * NR, ldc,
                            rows, Math.min(NR, positions - t * NR), 1f, 0f, s[3]);
                }
                f += rows;
            }
            copyOut(g, cs, ldc, fg, bias, gi * fg, y, rectified, i * outImage + gi * outGroup);
        });
    }

    /** Rows of the packed filter panels of {@code filters} filters (each panel {@code MR} rows in memory). */
    private static int packedRows(int filters) {
        int rows = 0;
        for (int f = 0; f < filters; rows += MR) {
            f += GemmPacking.panelRows(filters - f);
        }
        return rows;
    }

    /** {@code bp[t*K*NR + k*NR + c] = xpad[offset(k) + t*NR + c]}: two vector copies per strip and tap. */
    private static void packStrips(Correlation g, float[] xpad, int strips, float[] bp) {
        int[] offsets = g.offsets;
        int taps = offsets.length;
        for (int t = 0; t < strips; t++) {
            int dst = t * taps * NR;
            int q = t * NR;
            for (int k = 0; k < taps; k++, dst += NR) {
                int src = offsets[k] + q;
                FloatVector.fromArray(Lanes.F, xpad, src).intoArray(bp, dst);
                FloatVector.fromArray(Lanes.F, xpad, src + Lanes.L).intoArray(bp, dst + Lanes.L);
            }
        }
    }

    /**
     * {@code y[yOff + f*OH*OW + oy*OW + ox] = cs[f*ldc + oy*paddedW + ox] + bias[biasOff + f]} for
     * the group's filters, and the rectified values to {@code rectified} (only those when it is
     * {@code y}): whole vectors along each row, the last one ending at the row's end.
     */
    private static void copyOut(Correlation g, float[] cs, int ldc, int filters, float[] bias, int biasOff,
                                float[] y, float[] rectified, int yOff) {
        int outW = g.outW;
        // Rows of at least L columns go out in full vectors, the last one ending at the row's end
        // (overlapping the one before, with the same values: a masked store cost 11% of the pass
        // with the rectified output in place, batch 64); narrower rows in one masked vector.
        boolean wide = outW >= Lanes.L;
        VectorMask<Float> narrow = Lanes.F.indexInRange(0, outW);
        FloatVector zero = FloatVector.zero(Lanes.F);
        int plane = g.outPlane();
        for (int f = 0; f < filters; f++) {
            float b = bias == null ? 0f : bias[biasOff + f];
            for (int oy = 0; oy < g.outH; oy++) {
                int src = f * ldc + oy * g.paddedW;
                int dst = yOff + f * plane + oy * outW;
                for (int ox = 0; ox < outW; ox += Lanes.L) {
                    int at = wide ? Math.min(ox, outW - Lanes.L) : 0;
                    FloatVector v = FloatVector.fromArray(Lanes.F, cs, src + at);
                    if (bias != null) {
                        v = v.add(b);
                    }
                    if (wide) {
                        if (rectified != y) {
                            v.intoArray(y, dst + at);
                        }
                        if (rectified != null) {
                            v.max(zero).intoArray(rectified, dst + at);
                        }
                    } else {
                        if (rectified != y) {
                            v.intoArray(y, dst, narrow);
                        }
                        if (rectified != null) {
                            v.max(zero).intoArray(rectified, dst, narrow);
                        }
                    }
                }
            }
        }
    }

    /** Per-thread buffers of at least the given sizes (grown, never shrunk). */
    private static float[][] scratch(int xpad, int strips, int c) {
        return ThreadScratch.grow(SCRATCH.get(), xpad, strips, c);
    }
}
