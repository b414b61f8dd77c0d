package org.convlab.tensor.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import org.convlab.tensor.kernels.Chunks;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.kernels.WinogradGradient;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;

/**
 * The weight gradient in Winograd's form ({@link WinogradGradient}) on the Vector API, the
 * channels in the lanes: the same operations in the same order as {@code ReferenceWinograd}'s,
 * so the same bits at every width.
 *
 * <p>Per image:
 * <ol>
 * <li>the input is written channels last ({@link ChannelsLast}), {@code xT[(r * columns + col) * C' + c]}
 * over the zero-padded plane extended by zeros to {@code 2 * tileRows + 2} rows and
 * {@code 2 * tileColumns + 2} columns ({@code C'} the channels rounded up to a multiple of L);</li>
 * <li>the output gradient (masked by the rectifier when given) is transposed as the direct weight
 * gradient transposes it ({@link DirectWeightGrad#transpose}), and its per-channel sums added to
 * the bias gradient in that kernel's order ({@link DirectWeightGrad#channelSums}: the same bits as
 * the direct kernels' bias gradient);</li>
 * <li>then strip by strip of whole tile rows ({@link Layout#stripRows}, about
 * {@link #STRIP_TILES} tiles), in order: {@code V}, each tile's 16 input vectors of L channels
 * transformed ({@link #tileInput}); {@code Ŷ}, each tile's 4 gradient vectors of L filters
 * transformed ({@link #tileGradient}); and the 16 products {@code M[xi] += Ŷ[xi]ᵀ V[xi]} over the
 * strip's tiles, 8 filters x 2L channels a register tile ({@link PanelKernel#k8x2}: 2 loads and 8
 * broadcasts for 16 FMAs), into the chunk's {@code M[(xi * F' + f) * C' + c]}.</li>
 * </ol>
 *
 * <p>{@code V} and {@code Ŷ} are stored in panels of {@code PANEL = 2L} channels (filters), each
 * tile's {@code 2L} values of an element of a panel together:
 * {@code V[xi * vStride + (c / 2L) * T * TILE + t * TILE + c % 2L]} and
 * {@code Ŷ[xi * yStride + (f / 2L) * T * TILE + t * TILE + f % 2L]} ({@code T} a strip's tiles at
 * most, {@code TILE} {@link PanelKernel#TILE}), so that the products step from tile to tile by a
 * constant ({@link PanelKernel}). With 16 vector registers ({@link #ELEMENTS_TOGETHER}) a tile's
 * 16 elements of a panel lie together ({@code xi * stride} is {@code xi * 2L}, {@code TILE} is
 * {@code 16 * 2L + L}), so that its transform stores them at constant offsets from one index, one
 * bounds check for the 16; with 32 the elements are a strip's panels apart and the tiles of one
 * element together ({@code TILE} is {@code 2L}), which the products stream. A panel
 * with one vector of channels (an odd number of vectors) or one of filters ({@code F'} the
 * transposed gradient's {@code L} at 512 bits) leaves its second half unused.
 */
final class SimdWinogradGradient {
    private static final int L = Lanes.L;
    private static final int XI = Winograd.XI;
    /** Filters of a register tile. */
    private static final int ROWS = 8;
    private static final int PANEL = PanelKernel.PANEL;
    /**
     * Tiles whose transforms are made and multiplied at a time (whole tile rows, at least one):
     * their {@code V} and {@code Ŷ} (128 KiB and 64 KiB for 32 channels and 16 filters; {@code Ŷ}
     * 128 KiB at 512 bits, where its one panel of 16 filters is half used) stay in
     * L2 between the transforms and the products, where a whole 32 x 32 image's (768 KiB, with
     * its channels-last copy) did not. The products run over the strips in order, so each
     * element's chain over the tiles is the same.
     */
    static final int STRIP_TILES = 64;
    /**
     * Whether a tile's 16 elements of a panel lie together ({@link PanelKernel#TILE} apart from the
     * next tile's): with 16 vector registers. Fast paths at 256 bits (JDK 25, {@code -XX:UseAVX=2}):
     * {@code tileInput} 198 instructions and 18 range checks against 286 and 32 with the elements
     * apart, {@code tileGradient} 113 and 6 against 209 and 20; their {@code perf} shares of the
     * 3x32x32 ConvNet's step 5.4-5.5% -> 2.7-3.0% and 1.4-1.8% -> 0.9%, the products'
     * ({@code PanelKernel.k4x2}) 8.4-9.4% -> 9.6-10.1% (Zen 4). At 512 bits the step's profile moved
     * within its noise on Zen 4, and the forward pass's like layout ran the step 0.98x on Zen 5
     * ({@link SimdWinograd#V_BY_CHANNEL}): the elements stay apart there.
     */
    static final boolean ELEMENTS_TOGETHER = PanelKernel.TILE != PANEL;
    /** A vector of zeros read in place of the output gradient past the output's edge. */
    private static final float[] ZEROS = new float[L];
    private static final Workspace.Key KEY_PRODUCTS = Workspace.key("SimdWinogradGradient.products");
    private static final Workspace.Key KEY_BIAS_SUMS = Workspace.key("SimdWinogradGradient.biasSums");
    /** Per thread: the channels-last input, {@code V}, {@code Ŷ}, the transposed and the masked output gradient. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][0]);

    private SimdWinogradGradient() {
    }

    /** One plan's tiles, strides and buffer sizes (no reference to the plan: a weak map's value). */
    static final class Layout {
        /** The forward pass as a correlation: the transposed gradient's layout. */
        final Correlation g;
        final int tileRows;
        final int tileColumns;
        final int tiles;
        /** Rows and columns of the extended padded plane. */
        final int rows;
        final int columns;
        /** {@code C'}: channels rounded up to a multiple of L. */
        final int channelStride;
        /** {@code F'}: the transposed gradient's channel blocks times their width. */
        final int filterStride;
        /** Tile rows transformed and multiplied at a time: about {@link #STRIP_TILES} tiles. */
        final int stripRows;
        /** {@code T}: a strip's tiles at most, the tiles of one panel of {@code V} or {@code Ŷ}. */
        final int stripTiles;
        /**
         * Floats between the elements {@code xi} of {@code V} and of {@code Ŷ}: {@code 2L} where a
         * tile's elements lie together ({@link #ELEMENTS_TOGETHER}); else a strip's panels and one
         * vector more, so that a tile's 16 stores do not fall in one L1 set when those are a
         * multiple of 4 KB (as with whole 32 x 32 images, before the strips).
         */
        final int vStride;
        final int yStride;
        /** Floats of {@code V} and of {@code Ŷ}. */
        final int vSize;
        final int ySize;
        /** Register tiles of 8 filters. */
        final int filterBlocks;
        /** Register tiles of 2L channels, and whether one more of L channels follows. */
        final int channelPairs;
        final boolean oddVector;
        /** The input written channels last over the padded plane extended to the tiles' windows. */
        final ChannelsLast input;

        Layout(ConvPlan p) {
            g = SimdConv.newForwardCorrelation(p);
            tileRows = Winograd.tileRows(p);
            tileColumns = Winograd.tileColumns(p);
            tiles = tileRows * tileColumns;
            rows = 2 * tileRows + 2;
            columns = 2 * tileColumns + 2;
            channelStride = (p.channels + L - 1) / L * L;
            filterStride = DirectWeightGrad.channelBlocks(g) * DirectWeightGrad.channelWidth(g);
            stripRows = Math.max(1, Math.min(tileRows, STRIP_TILES / tileColumns));
            stripTiles = stripRows * tileColumns;
            int vPanels = panels(channelStride) * stripTiles * PanelKernel.TILE;
            int yPanels = panels(filterStride) * stripTiles * PanelKernel.TILE;
            vStride = ELEMENTS_TOGETHER ? PANEL : vPanels + L;
            yStride = ELEMENTS_TOGETHER ? PANEL : yPanels + L;
            vSize = ELEMENTS_TOGETHER ? vPanels : XI * vStride;
            ySize = ELEMENTS_TOGETHER ? yPanels : XI * yStride;
            filterBlocks = (p.filters + ROWS - 1) / ROWS;
            channelPairs = channelStride / (2 * L);
            oddVector = channelStride / L % 2 == 1;
            input = new ChannelsLast(p.channels, p.height, p.width, p.padTop, p.padLeft, rows, columns, channelStride);
        }

        int productsSize() {
            return XI * filterStride * channelStride;
        }

        /** Where channel (or filter) {@code c}, a multiple of L, of tile {@code t} starts in its element's {@code V} (or {@code Ŷ}). */
        int panelAt(int t, int c) {
            return c / PANEL * stripTiles * PanelKernel.TILE + t * PanelKernel.TILE + c % PANEL;
        }

        private static int panels(int width) {
            return (width + PANEL - 1) / PANEL;
        }
    }

    /**
     * {@code dw += } the weight gradient of {@code n} images and, unless {@code dbias} is
     * {@code null}, {@code dbias += } the output gradient's sums (as {@code WinogradKernels}
     * describes, {@code rectified} masking {@code dy}).
     */
    static void weightGradient(ConvPlan p, Layout s, int n, float[] x, float[] dy, float[] rectified, float[] dw, float[] dbias,
                               Workspace ws) {
        WinogradGradient.check(p);
        int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
        int size = s.productsSize();
        float[][] m = ws.floats(KEY_PRODUCTS, chunks, size);
        float[][] sums = dbias == null ? null : ws.floats(KEY_BIAS_SUMS, chunks, p.filters);
        int outImage = p.outputSize();
        Parallel.forEach(chunks, k -> {
            float[][] t = ThreadScratch.grow(SCRATCH.get(), s.input.size(), s.vSize, s.ySize, DirectWeightGrad.transposedSize(s.g), rectified == null ? 0 : outImage);
            Arrays.fill(m[k], 0, size, 0f);
            float[] chunkSums = null;
            if (sums != null) {
                chunkSums = sums[k];
                Arrays.fill(chunkSums, 0, p.filters, 0f);
            }
            for (int i = Chunks.start(k, chunks, n); i < Chunks.end(k, chunks, n); i++) {
                s.input.write(x, i * p.inputSize(), t[0]);
                float[] src = dy;
                int srcOff = i * outImage;
                if (rectified != null) {
                    SimdElementwise.mask(rectified, dy, srcOff, t[4], outImage);
                    src = t[4];
                    srcOff = 0;
                }
                DirectWeightGrad.transpose(s.g, src, srcOff, t[3]);
                if (chunkSums != null) {
                    DirectWeightGrad.channelSums(s.g, t[3], chunkSums);
                }
                for (int ty0 = 0; ty0 < s.tileRows; ty0 += s.stripRows) {
                    int ty1 = Math.min(s.tileRows, ty0 + s.stripRows);
                    inputTransforms(s, t[0], t[1], ty0, ty1);
                    gradientTransforms(s, t[3], t[2], ty0, ty1);
                    products(s, t[2], t[1], m[k], (ty1 - ty0) * s.tileColumns);
                }
            }
        });
        WinogradGradient.addWeightGradient(p, m, chunks, s.filterStride, s.channelStride, dw);
        if (sums != null) {
            for (int k = 0; k < chunks; k++) {
                for (int f = 0; f < p.filters; f++) {
                    dbias[f] += sums[k][f];
                }
            }
        }
    }

    /** {@code V} of every tile of tile rows {@code [ty0, ty1)} and channel vector, from the channels-last input. */
    static void inputTransforms(Layout s, float[] xT, float[] v, int ty0, int ty1) {
        int cs = s.channelStride;
        int rowStride = s.columns * cs;
        int xiStride = s.vStride;
        for (int ty = ty0; ty < ty1; ty++) {
            for (int tx = 0; tx < s.tileColumns; tx++) {
                int t = (ty - ty0) * s.tileColumns + tx;
                int at = (2 * ty * s.columns + 2 * tx) * cs;
                for (int c0 = 0; c0 < cs; c0 += L) {
                    tileInput(xT, at + c0, rowStride, cs, v, s.panelAt(t, c0), xiStride);
                }
            }
        }
    }

    /**
     * {@code V = Bᵀ (d B)} of one tile and L channels: {@code d[a][b]} at
     * {@code xT[at + a * rowStride + b * colStride]}, {@code V[xi]} to {@code v[vAt + xi * xiStride]};
     * the rows of {@code d} first, as {@code ReferenceWinograd}'s input transform.
     */
    private static void tileInput(float[] xT, int at, int rowStride, int colStride, float[] v, int vAt, int xiStride) {
        int xs = ELEMENTS_TOGETHER ? PANEL : xiStride; // a constant where the elements lie together
        FloatVector d0 = FloatVector.fromArray(Lanes.F, xT, at);
        FloatVector d1 = FloatVector.fromArray(Lanes.F, xT, at + colStride);
        FloatVector d2 = FloatVector.fromArray(Lanes.F, xT, at + 2 * colStride);
        FloatVector d3 = FloatVector.fromArray(Lanes.F, xT, at + 3 * colStride);
        FloatVector h00 = d0.sub(d2);
        FloatVector h01 = d1.add(d2);
        FloatVector h02 = d2.sub(d1);
        FloatVector h03 = d1.sub(d3);
        at += rowStride;
        d0 = FloatVector.fromArray(Lanes.F, xT, at);
        d1 = FloatVector.fromArray(Lanes.F, xT, at + colStride);
        d2 = FloatVector.fromArray(Lanes.F, xT, at + 2 * colStride);
        d3 = FloatVector.fromArray(Lanes.F, xT, at + 3 * colStride);
        FloatVector h10 = d0.sub(d2);
        FloatVector h11 = d1.add(d2);
        FloatVector h12 = d2.sub(d1);
        FloatVector h13 = d1.sub(d3);
        at += rowStride;
        d0 = FloatVector.fromArray(Lanes.F, xT, at);
        d1 = FloatVector.fromArray(Lanes.F, xT, at + colStride);
        d2 = FloatVector.fromArray(Lanes.F, xT, at + 2 * colStride);
        d3 = FloatVector.fromArray(Lanes.F, xT, at + 3 * colStride);
        FloatVector h20 = d0.sub(d2);
        FloatVector h21 = d1.add(d2);
        FloatVector h22 = d2.sub(d1);
        FloatVector h23 = d1.sub(d3);
        at += rowStride;
        d0 = FloatVector.fromArray(Lanes.F, xT, at);
        d1 = FloatVector.fromArray(Lanes.F, xT, at + colStride);
        d2 = FloatVector.fromArray(Lanes.F, xT, at + 2 * colStride);
        d3 = FloatVector.fromArray(Lanes.F, xT, at + 3 * colStride);
        FloatVector h30 = d0.sub(d2);
        FloatVector h31 = d1.add(d2);
        FloatVector h32 = d2.sub(d1);
        FloatVector h33 = d1.sub(d3);
        h00.sub(h20).intoArray(v, vAt);
        h01.sub(h21).intoArray(v, vAt + xs);
        h02.sub(h22).intoArray(v, vAt + 2 * xs);
        h03.sub(h23).intoArray(v, vAt + 3 * xs);
        h10.add(h20).intoArray(v, vAt + 4 * xs);
        h11.add(h21).intoArray(v, vAt + 5 * xs);
        h12.add(h22).intoArray(v, vAt + 6 * xs);
        h13.add(h23).intoArray(v, vAt + 7 * xs);
        h20.sub(h10).intoArray(v, vAt + 8 * xs);
        h21.sub(h11).intoArray(v, vAt + 9 * xs);
        h22.sub(h12).intoArray(v, vAt + 10 * xs);
        h23.sub(h13).intoArray(v, vAt + 11 * xs);
        h10.sub(h30).intoArray(v, vAt + 12 * xs);
        h11.sub(h31).intoArray(v, vAt + 13 * xs);
        h12.sub(h32).intoArray(v, vAt + 14 * xs);
        h13.sub(h33).intoArray(v, vAt + 15 * xs);
    }

    /**
     * {@code Ŷ} of every tile and filter vector, from the transposed output gradient
     * {@code dT} ({@link DirectWeightGrad#transpose}: position {@code oy * paddedW + ox} of block
     * {@code b}); positions past the output's edge read {@link #ZEROS}.
     */
    static void gradientTransforms(Layout s, float[] dT, float[] yhat, int ty0, int ty1) {
        Correlation g = s.g;
        int cw = DirectWeightGrad.channelWidth(g);
        int positions = DirectWeightGrad.positions(g);
        int blocks = DirectWeightGrad.channelBlocks(g);
        int fs = s.filterStride;
        int xiStride = s.yStride;
        for (int ty = ty0; ty < ty1; ty++) {
            boolean lower = 2 * ty + 1 < g.outH;
            for (int tx = 0; tx < s.tileColumns; tx++) {
                boolean right = 2 * tx + 1 < g.outW;
                int t = (ty - ty0) * s.tileColumns + tx;
                int q = 2 * ty * g.paddedW + 2 * tx;
                for (int b = 0; b < blocks; b++) {
                    for (int v = 0; v < cw; v += L) {
                        int i00 = (b * positions + q) * cw + v;
                        int i10 = i00 + g.paddedW * cw;
                        tileGradient(dT, i00, right ? dT : ZEROS, right ? i00 + cw : 0, lower ? dT : ZEROS,
                                lower ? i10 : 0, lower && right ? dT : ZEROS, lower && right ? i10 + cw : 0, yhat,
                                s.panelAt(t, b * cw + v), xiStride);
                    }
                }
            }
        }
    }

    /**
     * {@code Ŷ = (A dY) Aᵀ} of one tile and L filters, {@code dY = [a b; c d]}, as
     * {@link WinogradGradient#transformGradient}; {@code Ŷ[xi]} to {@code yhat[at + xi * xiStride]}.
     */
    private static void tileGradient(float[] aa, int ai, float[] ba, int bi, float[] ca, int ci, float[] da, int di,
                                     float[] yhat, int at, int xiStride) {
        int xs = ELEMENTS_TOGETHER ? PANEL : xiStride; // a constant where the elements lie together
        FloatVector a = FloatVector.fromArray(Lanes.F, aa, ai);
        FloatVector b = FloatVector.fromArray(Lanes.F, ba, bi);
        FloatVector c = FloatVector.fromArray(Lanes.F, ca, ci);
        FloatVector d = FloatVector.fromArray(Lanes.F, da, di);
        a.intoArray(yhat, at);
        a.add(b).intoArray(yhat, at + xs);
        a.sub(b).intoArray(yhat, at + 2 * xs);
        b.neg().intoArray(yhat, at + 3 * xs);
        FloatVector s = a.add(c);
        FloatVector u = b.add(d);
        s.intoArray(yhat, at + 4 * xs);
        s.add(u).intoArray(yhat, at + 5 * xs);
        s.sub(u).intoArray(yhat, at + 6 * xs);
        u.neg().intoArray(yhat, at + 7 * xs);
        s = a.sub(c);
        u = b.sub(d);
        s.intoArray(yhat, at + 8 * xs);
        s.add(u).intoArray(yhat, at + 9 * xs);
        s.sub(u).intoArray(yhat, at + 10 * xs);
        u.neg().intoArray(yhat, at + 11 * xs);
        s = c.neg();
        u = d.neg();
        s.intoArray(yhat, at + 12 * xs);
        s.add(u).intoArray(yhat, at + 13 * xs);
        s.sub(u).intoArray(yhat, at + 14 * xs);
        u.neg().intoArray(yhat, at + 15 * xs);
    }

    /** {@code m[(xi * F' + f) * C' + c] += sum_t Ŷ[xi][t][f] V[xi][t][c]} over a strip's {@code tiles} tiles in order. */
    static void products(Layout s, float[] yhat, float[] v, float[] m, int tiles) {
        int fs = s.filterStride;
        int cs = s.channelStride;
        for (int xi = 0; xi < XI; xi++) {
            int yBase = xi * s.yStride;
            int vBase = xi * s.vStride;
            for (int fb = 0; fb < s.filterBlocks; fb++) {
                int mRow = (xi * fs + fb * ROWS) * cs;
                int a = yBase + s.panelAt(0, fb * ROWS);
                for (int cp = 0; cp < s.channelPairs; cp++) {
                    int b = vBase + s.panelAt(0, cp * PANEL);
                    if (WeightGradKernel.EIGHT_ROWS_FIT) {
                        PanelKernel.k8x2(yhat, a, v, b, tiles, m, mRow + cp * PANEL, cs);
                    } else {
                        PanelKernel.k4x2(yhat, a, v, b, tiles, m, mRow + cp * PANEL, cs);
                        PanelKernel.k4x2(yhat, a + 4, v, b, tiles, m, mRow + 4 * cs + cp * PANEL, cs);
                    }
                }
                if (s.oddVector) {
                    int c0 = s.channelPairs * PANEL;
                    PanelKernel.k8x1(yhat, a, v, vBase + s.panelAt(0, c0), tiles, m, mRow + c0, cs);
                }
            }
        }
    }
}
