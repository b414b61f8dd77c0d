package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.kernels.WinogradKernels;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;

/**
 * {@link WinogradKernels} with {@link Lanes#L} tiles of one tile row in the lanes of a vector:
 * the same operations in the same order as {@code ReferenceWinograd}, so the same bits, at every
 * width.
 *
 * <p>Per image: each channel's zero-padded plane is first split into its even and odd columns
 * ({@code D}, {@link #deinterleave}), so that the four columns {@code 2 tx + b} of the windows
 * of {@code L} adjacent tiles are four unit-stride vectors (even and odd columns at {@code tx}
 * and {@code tx + 1}). Then two tile-row vectors ("columns") at a time: their inputs are
 * transformed ({@code V}, {@code (C, 16, 2, L)} or {@code (16, C, 2, L)}: {@link #V_BY_CHANNEL}), the 16 products {@code M[xi] = U[xi] V[xi]}
 * computed 8 filters x 2 vectors at a time ({@link #products}: 2 loads and 8 broadcasts for 16
 * fused multiply-adds), and {@code M} ({@code (F', 2, 16, L)}) transformed back into the
 * output's rows, the tiles' two columns interleaved by lane shuffles.
 */
final class SimdWinograd implements WinogradKernels {
    private static final int L = Lanes.L;
    private static final int XI = Winograd.XI;
    private static final int BLOCK = Winograd.BLOCK;
    /** Vectors transformed and multiplied together: the register tile's width. */
    private static final int COLUMNS = 2;
    /** Floats of one vector of tiles' 16 elements in {@code M} ({@code (F', 2, 16, L)}). */
    private static final int M_COLUMN = XI * L;
    /** Floats of one filter's {@code COLUMNS} vectors of tiles in {@code M}. */
    private static final int M_FILTER = COLUMNS * M_COLUMN;
    /**
     * Whether {@code V} is laid out channel by channel, {@code (C, 16, COLUMNS, L)} (with 16 vector
     * registers), or element by element, {@code (16, C, COLUMNS, L)} (with 32). Channel by channel
     * a channel's 16 elements lie at constant offsets from one index, and the input transform's
     * stores share one bounds check and one address (at 256 bits, JDK 25, {@code -XX:UseAVX=2}: 164
     * instructions a channel against 287, 16 range checks against 32; its share of the 32->16
     * layer's forward 22% -> 18%). Element by element the products read each element's channels
     * one after the other (their share 50% -> 45% there); at 512 bits, where the transform's code
     * is not what limits it, that order is kept (the other ran the 3x32x32 ConvNet's step 0.98x on
     * Zen 5, within the noise on Zen 4). The weight gradient's panels follow the same choice
     * ({@link PanelKernel#TILE}, {@code SimdWinogradGradient.ELEMENTS_TOGETHER}).
     */
    static final boolean V_BY_CHANNEL = Lanes.REGISTERS < 32;
    /** Channel by channel: floats from one element {@code xi} of a channel to the next. */
    private static final int V_ELEMENT = COLUMNS * L;
    /**
     * Floats from one channel to the next in {@code V}: channel by channel its 16 elements and a
     * vector of padding (so that the products, which read one element of every channel, do not
     * find the channels a power of two apart in the L1 cache's sets), else one element's vectors.
     */
    private static final int V_CHANNEL = V_BY_CHANNEL ? XI * V_ELEMENT + L : COLUMNS * L;
    /** Lanes {@code 0, 0, 1, 1, ...}: the first half of a vector, each lane twice. */
    private static final VectorShuffle<Float> LOW_TWICE = VectorShuffle.fromOp(Lanes.F, i -> i / 2);
    /** Lanes {@code L/2, L/2, L/2+1, ...}: the second half, each lane twice. */
    private static final VectorShuffle<Float> HIGH_TWICE = VectorShuffle.fromOp(Lanes.F, i -> L / 2 + i / 2);
    /** Lanes {@code 0, 2, 4, ..., L-2} twice: a vector's even lanes in each half. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(Lanes.F, i -> 2 * i % L);
    /** Lanes {@code 1, 3, 5, ..., L-1} twice. */
    private static final VectorShuffle<Float> ODDS = VectorShuffle.fromOp(Lanes.F, i -> (2 * i + 1) % L);
    /** The second half's lanes. */
    private static final VectorMask<Float> HIGH = Lanes.F.indexInRange(-L / 2, L / 2);
    /** The odd lanes. */
    private static final VectorMask<Float> ODD = VectorMask.fromLong(Lanes.F, 0xAAAAAAAAAAAAAAAAL);
    /**
     * The lane numbers {@code 0, 1, ..., L-1}: masks of the lanes inside a row are compares with
     * it ({@code VectorSpecies.indexInRange} with an offset past its limit or below 0 allocated
     * on every call on JDK 17, and past its limit on JDK 25, as rows narrower than a vector have).
     */
    private static final FloatVector IOTA = FloatVector.fromArray(Lanes.F, lanes(), 0);

    private static float[] lanes() {
        float[] j = new float[L];
        for (int i = 0; i < L; i++) {
            j[i] = i;
        }
        return j;
    }

    /** Per thread: two output rows of {@code 2L} values, the values and their rectified copies. */
    private static final ThreadLocal<float[]> LANE_BUFFER = ThreadLocal.withInitial(() -> new float[8 * L]);

    /** Per thread: the deinterleaved image, {@code V} and {@code M}. */
    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0], new float[0]});

    /** The weight gradient's layout of each plan seen, made once. */
    private final Map<ConvPlan, SimdWinogradGradient.Layout> gradientLayouts =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void weightGradient(ConvPlan p, int n, float[] x, float[] dy, float[] rectified, float[] dw, Workspace ws) {
        weightGradient(p, n, x, dy, rectified, dw, null, ws);
    }

    /**
     * {@link #weightGradient(ConvPlan, int, float[], float[], float[], float[], Workspace)} and,
     * unless {@code dbias} is {@code null}, {@code dbias +=} the masked output gradient's sums
     * (the direct kernels' bits for them, {@link SimdWinogradGradient}).
     */
    void weightGradient(ConvPlan p, int n, float[] x, float[] dy, float[] rectified, float[] dw, float[] dbias,
                        Workspace ws) {
        SimdWinogradGradient.Layout s = gradientLayouts.get(p);
        if (s == null) {
            s = new SimdWinogradGradient.Layout(p);
            gradientLayouts.put(p, s);
        }
        SimdWinogradGradient.weightGradient(p, s, n, x, dy, rectified, dw, dbias, ws);
    }

    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] gate, float[] u, float[] bias, float[] y,
                        float[] rectified) {
        Geometry g = new Geometry(p);
        Parallel.forEach(n, i -> {
            float[][] t = ThreadScratch.grow(SCRATCH.get(), g.deinterleavedSize(), g.vSize(), g.mSize());
            image(g, x, gate, i * p.inputSize(), u, bias, y, rectified, i * p.outputSize(), t[0], t[1], t[2]);
        });
    }

    /** One plan's tiles and buffer sizes. */
    static final class Geometry {
        final ConvPlan p;
        final int tileRows;
        /** Vectors of {@code L} tiles a tile row takes. */
        final int vectorsPerRow;
        /** Floats of one padded row's even columns (as many for its odd ones): one more than the tiles' vectors, whose windows reach one column past them. */
        final int half;
        /** Rows of the zero-padded plane the tiles read. */
        final int paddedRows;
        final int paddedFilters;
        /**
         * Floats from one element {@code xi} of {@code V} to the next: {@link #V_ELEMENT} channel by
         * channel; else the channels' vectors and one more, so that the 16 elements of a tile, stored
         * together, do not fall in one set of the L1 cache (at 32 channels and 512 bits they are 4
         * KiB apart otherwise).
         */
        final int vStride;

        Geometry(ConvPlan p) {
            this.p = p;
            tileRows = Winograd.tileRows(p);
            vectorsPerRow = (Winograd.tileColumns(p) + L - 1) / L;
            half = vectorsPerRow * L + 1;
            paddedRows = 2 * tileRows + 2;
            paddedFilters = Winograd.paddedFilters(p.filters);
            vStride = V_BY_CHANNEL ? V_ELEMENT : p.channels * COLUMNS * L + L;
        }

        /** Floats of {@code V}. */
        int vSize() {
            return V_BY_CHANNEL ? p.channels * V_CHANNEL : XI * vStride;
        }

        /**
         * Floats of {@code M}, {@code (F', 2, 16, L)}: the 16 elements of a filter's tiles in one
         * vector of tiles one after the other, so that the output transform reads them as 16
         * consecutive vectors at constant offsets from one index.
         */
        int mSize() {
            return paddedFilters * M_FILTER;
        }

        /** Floats of the deinterleaved image {@code D}: {@code (C, paddedRows, 2, half)} and a vector of slack. */
        int deinterleavedSize() {
            return p.channels * paddedRows * 2 * half + L;
        }

        /** Where padded row {@code r} of channel {@code c} starts in {@code D} (its even columns; the odd ones {@code half} after). */
        int splitRow(int c, int r) {
            return (c * paddedRows + r) * 2 * half;
        }

        /** Where padded row {@code r} (an input row: {@code padTop <= r < padTop + height}) of channel {@code c} starts in one image of the input. */
        int inputRow(int c, int r) {
            return (c * p.height + r - p.padTop) * p.width;
        }
    }

    /** One image: {@code x[xOff...]} {@code (C, H, W)} into {@code y[yOff...]} {@code (F, OH, OW)}. */
    static void image(Geometry g, float[] x, float[] gate, int xOff, float[] u, float[] bias, float[] y,
                      float[] rectified, int yOff, float[] d, float[] v, float[] m) {
        ConvPlan p = g.p;
        int channels = p.channels;
        int blocks = g.paddedFilters / BLOCK;
        deinterleave(g, x, gate, xOff, d);
        int columns = g.tileRows * g.vectorsPerRow;
        for (int q0 = 0; q0 < columns; q0 += COLUMNS) {
            int valid = Math.min(COLUMNS, columns - q0);
            inputTransform(d, windows(g, q0), windows(g, q0 + valid - 1), valid, g.paddedRows * 2 * g.half, g.half, v,
                    g.vStride, channels);
            for (int xi = 0; xi < XI; xi++) {
                for (int b = 0; b < blocks; b++) {
                    int uAt = (xi * blocks + b) * channels * BLOCK;
                    int mAt = b * BLOCK * M_FILTER + xi * L;
                    if (WeightGradKernel.EIGHT_ROWS_FIT) {
                        products(u, uAt, channels, v, xi * g.vStride, m, mAt);
                    } else {
                        products4(u, uAt, channels, v, xi * g.vStride, m, mAt);
                        products4(u, uAt + 4, channels, v, xi * g.vStride, m, mAt + 4 * M_FILTER);
                    }
                }
            }
            for (int j = 0; j < valid; j++) {
                int ty = (q0 + j) / g.vectorsPerRow;
                int ox = 2 * ((q0 + j) % g.vectorsPerRow * L);
                if (rectified == null || rectified == y) {
                    outputTransform(m, j * M_COLUMN, bias, rectified == null ? Float.NEGATIVE_INFINITY : 0f, p, y, yOff,
                            2 * ty, ox);
                } else {
                    outputTransformTwice(m, j * M_COLUMN, bias, p, y, rectified, yOff, 2 * ty, ox);
                }
            }
        }
    }

    /**
     * {@code D[((c * paddedRows + r) * 2 + parity) * half + k]} = the zero-padded plane's element
     * at row {@code r}, column {@code 2k + parity} (padded coordinates: input row {@code r - padTop},
     * column {@code 2k + parity - padLeft}; zero outside the input), of {@code x} masked by
     * {@code gate > 0} unless {@code gate} is {@code null}. Two vectors of an input row at a time
     * are split into their even and odd lanes, the columns outside the row zeroed under a mask
     * that depends only on where the vectors start in the row: one pass over every input row of
     * every channel per pair of vectors ({@code 2L} columns), the row's last pair first, so the
     * masks are made once per pass (made per row, with the row's loads under them, this copy
     * took 13% of a 1x28x28 ConvNet's inference). An earlier copy into a zero-bordered row cost
     * a fifth of the kernel: loads that straddled the copy's stores waited for them.
     *
     * <p>Stores run past their place: a pair's even vector past the row's half, over odd columns
     * that the pass of the pair before it writes again (later); the first pair's odd vector into
     * the next row, which its own store in the same pass writes after it (D has L floats of slack
     * after the last row). The padding rows are zeroed last, after every spill into them.
     */
    static void deinterleave(Geometry g, float[] x, float[] gate, int xOff, float[] d) {
        ConvPlan p = g.p;
        int half = g.half;
        int firstRow = Math.max(0, p.padTop);
        int endRow = Math.min(g.paddedRows, p.padTop + p.height);
        for (int k = (half - 1) / L * L; k >= 0; k -= L) {
            int col = 2 * k - p.padLeft;
            if (col >= p.width || col + 2 * L <= 0) {
                zeroPairs(g, k, firstRow, endRow, d);
            } else if (gate == null) {
                splitPairs(g, x, xOff, k, firstRow, endRow, d);
            } else {
                splitGatedPairs(g, x, gate, xOff, k, firstRow, endRow, d);
            }
        }
        for (int c = 0; c < p.channels; c++) {
            for (int r = 0; r < g.paddedRows; r++) {
                if (r < firstRow || r >= endRow) {
                    int at = g.splitRow(c, r);
                    java.util.Arrays.fill(d, at, at + 2 * half, 0f);
                }
            }
        }
    }

    /**
     * {@link #splitPairs} for a pair of vectors that holds no column of the input (the last pass
     * where the tiles' windows reach a column past a row: at 28 columns and 512 bits, half of the
     * passes): zeros stored where the pair's lanes would go, no loads or shuffles.
     */
    private static void zeroPairs(Geometry g, int k, int firstRow, int endRow, float[] d) {
        int half = g.half;
        FloatVector zero = FloatVector.zero(Lanes.F);
        for (int c = 0; c < g.p.channels; c++) {
            for (int r = firstRow; r < endRow; r++) {
                int at = g.splitRow(c, r) + k;
                zero.intoArray(d, at);
                zero.intoArray(d, at + half);
            }
        }
    }

    /**
     * The pair of vectors from column {@code 2k - padLeft} of every input row (rows
     * {@code [firstRow, endRow)} in padded coordinates), its lanes outside the row zero, into
     * its even lanes at {@code D}'s column {@code k} and odd lanes {@code half} after. Unmasked
     * loads where both vectors lie in the array (the lanes past the row are the next row's,
     * zeroed by the blend), masked ones at its ends. (The vectors stay in this method: a mask
     * passed to a helper the JIT did not inline was boxed, and the copy ran 0.9x. Each branch
     * stores its own pair: JDK 17 boxed the pair merged from both branches, 43 MB a step of the
     * 1x28x28 ConvNet with {@code splitGatedPairs}; JDK 25 compiles both forms alike.)
     */
    private static void splitPairs(Geometry g, float[] x, int xOff, int k, int firstRow, int endRow, float[] d) {
        ConvPlan p = g.p;
        int half = g.half;
        int col = 2 * k - p.padLeft;
        // Lane j of the first vector is column col + j, of the second col + L + j.
        VectorMask<Float> inA = IOTA.compare(VectorOperators.GE, -col).and(IOTA.compare(VectorOperators.LT, p.width - col));
        VectorMask<Float> inB = IOTA.compare(VectorOperators.GE, -col - L)
                .and(IOTA.compare(VectorOperators.LT, p.width - col - L));
        FloatVector zero = FloatVector.zero(Lanes.F);
        for (int c = 0; c < p.channels; c++) {
            for (int r = firstRow; r < endRow; r++) {
                int at = g.splitRow(c, r) + k;
                int src = xOff + g.inputRow(c, r) + col;
                if (src >= 0 && src <= x.length - 2 * L) {
                    FloatVector a = zero.blend(FloatVector.fromArray(Lanes.F, x, src), inA);
                    FloatVector b = zero.blend(FloatVector.fromArray(Lanes.F, x, src + L), inB);
                    a.rearrange(EVENS).blend(b.rearrange(EVENS), HIGH).intoArray(d, at);
                    a.rearrange(ODDS).blend(b.rearrange(ODDS), HIGH).intoArray(d, at + half);
                } else {
                    FloatVector a = FloatVector.fromArray(Lanes.F, x, src,
                            inA.and(IOTA.compare(VectorOperators.LT, x.length - src)));
                    FloatVector b = FloatVector.fromArray(Lanes.F, x, src + L,
                            inB.and(IOTA.compare(VectorOperators.LT, x.length - src - L)));
                    a.rearrange(EVENS).blend(b.rearrange(EVENS), HIGH).intoArray(d, at);
                    a.rearrange(ODDS).blend(b.rearrange(ODDS), HIGH).intoArray(d, at + half);
                }
            }
        }
    }

    /** {@link #splitPairs} of {@code x} where {@code gate > 0}, else 0 (a NaN gate too). */
    private static void splitGatedPairs(Geometry g, float[] x, float[] gate, int xOff, int k, int firstRow, int endRow,
                                        float[] d) {
        ConvPlan p = g.p;
        int half = g.half;
        int col = 2 * k - p.padLeft;
        VectorMask<Float> inA = IOTA.compare(VectorOperators.GE, -col).and(IOTA.compare(VectorOperators.LT, p.width - col));
        VectorMask<Float> inB = IOTA.compare(VectorOperators.GE, -col - L)
                .and(IOTA.compare(VectorOperators.LT, p.width - col - L));
        FloatVector zero = FloatVector.zero(Lanes.F);
        int end = Math.min(x.length, gate.length);
        for (int c = 0; c < p.channels; c++) {
            for (int r = firstRow; r < endRow; r++) {
                int at = g.splitRow(c, r) + k;
                int src = xOff + g.inputRow(c, r) + col;
                if (src >= 0 && src <= end - 2 * L) {
                    FloatVector ga = FloatVector.fromArray(Lanes.F, gate, src);
                    FloatVector gb = FloatVector.fromArray(Lanes.F, gate, src + L);
                    FloatVector a = zero.blend(FloatVector.fromArray(Lanes.F, x, src),
                            inA.and(ga.compare(VectorOperators.GT, 0f)));
                    FloatVector b = zero.blend(FloatVector.fromArray(Lanes.F, x, src + L),
                            inB.and(gb.compare(VectorOperators.GT, 0f)));
                    a.rearrange(EVENS).blend(b.rearrange(EVENS), HIGH).intoArray(d, at);
                    a.rearrange(ODDS).blend(b.rearrange(ODDS), HIGH).intoArray(d, at + half);
                } else {
                    VectorMask<Float> ma = inA.and(IOTA.compare(VectorOperators.LT, end - src));
                    VectorMask<Float> mb = inB.and(IOTA.compare(VectorOperators.LT, end - src - L));
                    FloatVector ga = FloatVector.fromArray(Lanes.F, gate, src, ma);
                    FloatVector gb = FloatVector.fromArray(Lanes.F, gate, src + L, mb);
                    FloatVector a = zero.blend(FloatVector.fromArray(Lanes.F, x, src, ma),
                            ma.and(ga.compare(VectorOperators.GT, 0f)));
                    FloatVector b = zero.blend(FloatVector.fromArray(Lanes.F, x, src + L, mb),
                            mb.and(gb.compare(VectorOperators.GT, 0f)));
                    a.rearrange(EVENS).blend(b.rearrange(EVENS), HIGH).intoArray(d, at);
                    a.rearrange(ODDS).blend(b.rearrange(ODDS), HIGH).intoArray(d, at + half);
                }
            }
        }
    }

    /** Where in {@code D} the windows of tile-row vector {@code q} start (channel 0). */
    private static int windows(Geometry g, int q) {
        int ty = q / g.vectorsPerRow;
        int lane0 = q % g.vectorsPerRow * L;
        return ((2 * ty) * 2) * g.half + lane0;
    }

    /**
     * {@code V = Bᵀ (d B)} of {@code valid} (1 or {@code COLUMNS = 2}) vectors of {@code L}
     * adjacent tiles, channel by channel, both vectors of a channel one after the other: vector
     * {@code j}'s windows' rows {@code a = 0..3} start at {@code d[at + a * 2 * half]} ({@code at}
     * is {@code dStart} or {@code dStart1} plus the channel's offset; even columns, odd ones
     * {@code half} further); element {@code xi} goes to {@code v[c*V_CHANNEL + xi*vStride + j*L]} ({@link #V_BY_CHANNEL}).
     * Both vectors' stores to one channel's {@code 2L} floats of each element go out together:
     * vector by vector over all the channels (V is 64 KiB for 32 channels, twice Zen 4's L1) the
     * 1x28x28 ConvNet's inference ran 0.91-0.96x as fast.
     *
     * <p>With {@code V} channel by channel ({@link #V_BY_CHANNEL}) a channel's 16 elements lie at
     * constant offsets from one index, and its 16 stores share one bounds check and one address.
     */
    private static void inputTransform(float[] d, int dStart, int dStart1, int valid, int channelStride, int half,
                                       float[] v, int vStride, int channels) {
        int xs = V_BY_CHANNEL ? V_ELEMENT : vStride; // a constant where V is channel by channel
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < valid; j++) {
                int at = (j == 0 ? dStart : dStart1) + c * channelStride;
                int vAt = c * V_CHANNEL + j * L;
                // d B, row by row: the four columns of each window row are even[tx], odd[tx], even[tx + 1], odd[tx + 1].
                int r1 = at + 2 * half;
                int r2 = r1 + 2 * half;
                int r3 = r2 + 2 * half;
                FloatVector e0 = FloatVector.fromArray(Lanes.F, d, at);
                FloatVector o0 = FloatVector.fromArray(Lanes.F, d, at + half);
                FloatVector f0 = FloatVector.fromArray(Lanes.F, d, at + 1);
                FloatVector p0 = FloatVector.fromArray(Lanes.F, d, at + half + 1);
                FloatVector e1 = FloatVector.fromArray(Lanes.F, d, r1);
                FloatVector o1 = FloatVector.fromArray(Lanes.F, d, r1 + half);
                FloatVector f1 = FloatVector.fromArray(Lanes.F, d, r1 + 1);
                FloatVector p1 = FloatVector.fromArray(Lanes.F, d, r1 + half + 1);
                FloatVector e2 = FloatVector.fromArray(Lanes.F, d, r2);
                FloatVector o2 = FloatVector.fromArray(Lanes.F, d, r2 + half);
                FloatVector f2 = FloatVector.fromArray(Lanes.F, d, r2 + 1);
                FloatVector p2 = FloatVector.fromArray(Lanes.F, d, r2 + half + 1);
                FloatVector e3 = FloatVector.fromArray(Lanes.F, d, r3);
                FloatVector o3 = FloatVector.fromArray(Lanes.F, d, r3 + half);
                FloatVector f3 = FloatVector.fromArray(Lanes.F, d, r3 + 1);
                FloatVector p3 = FloatVector.fromArray(Lanes.F, d, r3 + half + 1);
                // Bᵀ (d B), column by column b (the columns of d B: d0 - d2, d1 + d2, d2 - d1, d1 - d3 of
                // each row), written out rather than looped over or passed to a method, either of
                // which C2 may answer by boxing the vectors.
                FloatVector h00 = e0.sub(f0);
                FloatVector h01 = e1.sub(f1);
                FloatVector h02 = e2.sub(f2);
                FloatVector h03 = e3.sub(f3);
                h00.sub(h02).intoArray(v, vAt);
                h01.add(h02).intoArray(v, vAt + 4 * xs);
                h02.sub(h01).intoArray(v, vAt + 8 * xs);
                h01.sub(h03).intoArray(v, vAt + 12 * xs);
                FloatVector h10 = o0.add(f0);
                FloatVector h11 = o1.add(f1);
                FloatVector h12 = o2.add(f2);
                FloatVector h13 = o3.add(f3);
                h10.sub(h12).intoArray(v, vAt + xs);
                h11.add(h12).intoArray(v, vAt + xs + 4 * xs);
                h12.sub(h11).intoArray(v, vAt + xs + 8 * xs);
                h11.sub(h13).intoArray(v, vAt + xs + 12 * xs);
                FloatVector h20 = f0.sub(o0);
                FloatVector h21 = f1.sub(o1);
                FloatVector h22 = f2.sub(o2);
                FloatVector h23 = f3.sub(o3);
                h20.sub(h22).intoArray(v, vAt + 2 * xs);
                h21.add(h22).intoArray(v, vAt + 2 * xs + 4 * xs);
                h22.sub(h21).intoArray(v, vAt + 2 * xs + 8 * xs);
                h21.sub(h23).intoArray(v, vAt + 2 * xs + 12 * xs);
                FloatVector h30 = o0.sub(p0);
                FloatVector h31 = o1.sub(p1);
                FloatVector h32 = o2.sub(p2);
                FloatVector h33 = o3.sub(p3);
                h30.sub(h32).intoArray(v, vAt + 3 * xs);
                h31.add(h32).intoArray(v, vAt + 3 * xs + 4 * xs);
                h32.sub(h31).intoArray(v, vAt + 3 * xs + 8 * xs);
                h31.sub(h33).intoArray(v, vAt + 3 * xs + 12 * xs);
            }
        }
    }

    /**
     * One element's product for 8 filters and 2 vectors of tiles:
     * {@code m[mAt + k*M_FILTER + j*M_COLUMN + lane] = sum_c u[uAt + c*8 + k] * v[vAt + c*V_CHANNEL + j*L + lane]}
     * (element {@code xi}'s vector of filter {@code k}'s tiles {@code j} in {@code M}'s layout),
     * summed over {@code c} in order by fused multiply-adds from zero. The tile of
     * {@link WeightGradKernel#k8x2Rows}, but starting from zero in registers: that kernel on a
     * zeroed {@code m} (the same bits) made the 1x28x28 ConvNet's inference and training step 0.91x
     * (Zen 4, 512 bits, JDK 25, one JVM interleaved).
     */
    static void products(float[] u, int uAt, int channels, float[] v, int vAt, float[] m, int mAt) {
        // Each accumulator its own zero (one zero shared by all sixteen was boxed in some compilations).
        FloatVector a00 = FloatVector.zero(Lanes.F);
        FloatVector a01 = FloatVector.zero(Lanes.F);
        FloatVector a10 = FloatVector.zero(Lanes.F);
        FloatVector a11 = FloatVector.zero(Lanes.F);
        FloatVector a20 = FloatVector.zero(Lanes.F);
        FloatVector a21 = FloatVector.zero(Lanes.F);
        FloatVector a30 = FloatVector.zero(Lanes.F);
        FloatVector a31 = FloatVector.zero(Lanes.F);
        FloatVector a40 = FloatVector.zero(Lanes.F);
        FloatVector a41 = FloatVector.zero(Lanes.F);
        FloatVector a50 = FloatVector.zero(Lanes.F);
        FloatVector a51 = FloatVector.zero(Lanes.F);
        FloatVector a60 = FloatVector.zero(Lanes.F);
        FloatVector a61 = FloatVector.zero(Lanes.F);
        FloatVector a70 = FloatVector.zero(Lanes.F);
        FloatVector a71 = FloatVector.zero(Lanes.F);
        for (int c = 0; c < channels; c++) {
            int vi = vAt + c * V_CHANNEL;
            int ui = uAt + c * BLOCK;
            FloatVector v0 = FloatVector.fromArray(Lanes.F, v, vi);
            FloatVector v1 = FloatVector.fromArray(Lanes.F, v, vi + L);
            FloatVector w = FloatVector.broadcast(Lanes.F, u[ui]);
            a00 = w.fma(v0, a00);
            a01 = w.fma(v1, a01);
            w = FloatVector.broadcast(Lanes.F, u[ui + 1]);
            a10 = w.fma(v0, a10);
            a11 = w.fma(v1, a11);
            w = FloatVector.broadcast(Lanes.F, u[ui + 2]);
            a20 = w.fma(v0, a20);
            a21 = w.fma(v1, a21);
            w = FloatVector.broadcast(Lanes.F, u[ui + 3]);
            a30 = w.fma(v0, a30);
            a31 = w.fma(v1, a31);
            w = FloatVector.broadcast(Lanes.F, u[ui + 4]);
            a40 = w.fma(v0, a40);
            a41 = w.fma(v1, a41);
            w = FloatVector.broadcast(Lanes.F, u[ui + 5]);
            a50 = w.fma(v0, a50);
            a51 = w.fma(v1, a51);
            w = FloatVector.broadcast(Lanes.F, u[ui + 6]);
            a60 = w.fma(v0, a60);
            a61 = w.fma(v1, a61);
            w = FloatVector.broadcast(Lanes.F, u[ui + 7]);
            a70 = w.fma(v0, a70);
            a71 = w.fma(v1, a71);
        }
        a00.intoArray(m, mAt);
        a01.intoArray(m, mAt + M_COLUMN);
        a10.intoArray(m, mAt + M_FILTER);
        a11.intoArray(m, mAt + M_FILTER + M_COLUMN);
        a20.intoArray(m, mAt + 2 * M_FILTER);
        a21.intoArray(m, mAt + 2 * M_FILTER + M_COLUMN);
        a30.intoArray(m, mAt + 3 * M_FILTER);
        a31.intoArray(m, mAt + 3 * M_FILTER + M_COLUMN);
        a40.intoArray(m, mAt + 4 * M_FILTER);
        a41.intoArray(m, mAt + 4 * M_FILTER + M_COLUMN);
        a50.intoArray(m, mAt + 5 * M_FILTER);
        a51.intoArray(m, mAt + 5 * M_FILTER + M_COLUMN);
        a60.intoArray(m, mAt + 6 * M_FILTER);
        a61.intoArray(m, mAt + 6 * M_FILTER + M_COLUMN);
        a70.intoArray(m, mAt + 7 * M_FILTER);
        a71.intoArray(m, mAt + 7 * M_FILTER + M_COLUMN);
    }

    /**
     * Filters {@code k < 4} of {@link #products}' tile, from {@code u[uAt + c*8 + k]}: 8
     * accumulators, 2 vectors of {@code v} and 4 broadcasts, 14 registers, for JITs with 16
     * vector registers (AVX2), where {@link #products}' 26 do not fit
     * ({@link WeightGradKernel#EIGHT_ROWS_FIT}). Filters 0-3 and then 4-7 ({@code uAt + 4},
     * {@code mAt + 4 * M_FILTER}) give {@link #products}' bits: each accumulator is the same FMA chain.
     */
    static void products4(float[] u, int uAt, int channels, float[] v, int vAt, float[] m, int mAt) {
        FloatVector a00 = FloatVector.zero(Lanes.F);
        FloatVector a01 = FloatVector.zero(Lanes.F);
        FloatVector a10 = FloatVector.zero(Lanes.F);
        FloatVector a11 = FloatVector.zero(Lanes.F);
        FloatVector a20 = FloatVector.zero(Lanes.F);
        FloatVector a21 = FloatVector.zero(Lanes.F);
        FloatVector a30 = FloatVector.zero(Lanes.F);
        FloatVector a31 = FloatVector.zero(Lanes.F);
        for (int c = 0; c < channels; c++) {
            int vi = vAt + c * V_CHANNEL;
            int ui = uAt + c * BLOCK;
            FloatVector v0 = FloatVector.fromArray(Lanes.F, v, vi);
            FloatVector v1 = FloatVector.fromArray(Lanes.F, v, vi + L);
            FloatVector w = FloatVector.broadcast(Lanes.F, u[ui]);
            a00 = w.fma(v0, a00);
            a01 = w.fma(v1, a01);
            w = FloatVector.broadcast(Lanes.F, u[ui + 1]);
            a10 = w.fma(v0, a10);
            a11 = w.fma(v1, a11);
            w = FloatVector.broadcast(Lanes.F, u[ui + 2]);
            a20 = w.fma(v0, a20);
            a21 = w.fma(v1, a21);
            w = FloatVector.broadcast(Lanes.F, u[ui + 3]);
            a30 = w.fma(v0, a30);
            a31 = w.fma(v1, a31);
        }
        a00.intoArray(m, mAt);
        a01.intoArray(m, mAt + M_COLUMN);
        a10.intoArray(m, mAt + M_FILTER);
        a11.intoArray(m, mAt + M_FILTER + M_COLUMN);
        a20.intoArray(m, mAt + 2 * M_FILTER);
        a21.intoArray(m, mAt + 2 * M_FILTER + M_COLUMN);
        a30.intoArray(m, mAt + 3 * M_FILTER);
        a31.intoArray(m, mAt + 3 * M_FILTER + M_COLUMN);
    }

    /**
     * {@code Y = Aᵀ (M A)} of {@code L} adjacent tiles of every filter {@code f} ({@code M[xi]} at
     * {@code m[mAt + f * M_FILTER + xi * L]}) plus {@code bias[f]} (none when {@code bias} is
     * {@code null}), each value {@code max(., floor)} (0 to rectify, -infinity for the values
     * themselves), written to output rows {@code oy} and {@code oy + 1} of filter {@code f}'s plane
     * at {@code out[yOff + f * outputPlane]} from column {@code ox}: the tiles' two columns
     * interleaved, the rows clipped to the plane by masked stores (before JDK 25, a row that ends
     * inside a vector through {@link #LANE_BUFFER}: see {@link Lanes#MASKED_STORES}). The filters
     * are a loop here rather than a call each, so the caller saves no registers per filter.
     *
     * <p>The Vector API code here has no branch whose direction a caller changes (an inference
     * writes one output, a training step two: {@link #outputTransformTwice}), and no vector
     * crosses a method call, a loop iteration or a branch but the rows' four masks: after C2
     * recompiled a method with such a branch for the other direction, it boxed vectors (320 bytes
     * a call). The masks are the same for every filter and are made before the loop: made per
     * filter, C2 reloaded {@link #IOTA}'s payload (a {@code float[]} the output's stores may alias)
     * and compared it again each time (151 instructions a filter at 256 bits, 135 now). On JDK 17,
     * where they also cross the {@code whole} branch, a JVM that trained the 3x32x32 ConvNet, then
     * the 1x28x28 (whose rows end inside a vector: the other direction), then the 3x32x32 again
     * allocated 3.3 and 3.2 KB a step in the last two (512 bits; 2.9 and 2.9 at 256), as the code
     * before did; the first model's 24 KB (5.0 at 256) is the JIT's warm-up, 21-24 KB before too.
     */
    private static void outputTransform(float[] m, int mAt, float[] bias, float floor, ConvPlan p,
                                        float[] out, int yOff, int oy, int ox) {
        int valid = p.outW - ox;
        int validBelow = oy + 1 < p.outH ? valid : 0;
        boolean whole = Lanes.MASKED_STORES || valid >= 2 * L && validBelow >= 2 * L;
        float[] lanes = whole ? null : LANE_BUFFER.get();
        VectorMask<Float> low = IOTA.compare(VectorOperators.LT, valid);
        VectorMask<Float> high = IOTA.compare(VectorOperators.LT, valid - L);
        VectorMask<Float> lowBelow = IOTA.compare(VectorOperators.LT, validBelow);
        VectorMask<Float> highBelow = IOTA.compare(VectorOperators.LT, validBelow - L);
        for (int f = 0; f < p.filters; f++) {
            int mf = mAt + f * M_FILTER;
            float b = bias == null ? 0f : bias[f];
            int at = yOff + f * p.outputPlane() + oy * p.outW + ox;
            FloatVector s00 = sumFirst(m, mf);
            FloatVector s01 = sumFirst(m, mf + 4 * L);
            FloatVector s02 = sumFirst(m, mf + 8 * L);
            FloatVector s03 = sumFirst(m, mf + 12 * L);
            FloatVector s10 = differenceLast(m, mf);
            FloatVector s11 = differenceLast(m, mf + 4 * L);
            FloatVector s12 = differenceLast(m, mf + 8 * L);
            FloatVector s13 = differenceLast(m, mf + 12 * L);
            FloatVector least = FloatVector.broadcast(Lanes.F, floor);
            FloatVector y00 = s00.add(s01).add(s02).add(b).max(least);
            FloatVector y01 = s10.add(s11).add(s12).add(b).max(least);
            FloatVector y10 = s01.sub(s02).sub(s03).add(b).max(least);
            FloatVector y11 = s11.sub(s12).sub(s13).add(b).max(least);
            FloatVector r0 = y00.rearrange(LOW_TWICE).blend(y01.rearrange(LOW_TWICE), ODD);
            FloatVector r1 = y00.rearrange(HIGH_TWICE).blend(y01.rearrange(HIGH_TWICE), ODD);
            FloatVector r2 = y10.rearrange(LOW_TWICE).blend(y11.rearrange(LOW_TWICE), ODD);
            FloatVector r3 = y10.rearrange(HIGH_TWICE).blend(y11.rearrange(HIGH_TWICE), ODD);
            if (whole) {
                r0.intoArray(out, at, low);
                r1.intoArray(out, at + L, high);
                r2.intoArray(out, at + p.outW, lowBelow);
                r3.intoArray(out, at + p.outW + L, highBelow);
            } else {
                r0.intoArray(lanes, 0);
                r1.intoArray(lanes, L);
                r2.intoArray(lanes, 2 * L);
                r3.intoArray(lanes, 3 * L);
                copyRows(lanes, 0, out, at, p.outW, valid, validBelow);
            }
        }
    }

    /** {@link #outputTransform} writing the values to {@code y} and their rectified values to {@code rectified}. */
    private static void outputTransformTwice(float[] m, int mAt, float[] bias, ConvPlan p, float[] y,
                                             float[] rectified, int yOff, int oy, int ox) {
        int valid = p.outW - ox;
        int validBelow = oy + 1 < p.outH ? valid : 0;
        boolean whole = Lanes.MASKED_STORES || valid >= 2 * L && validBelow >= 2 * L;
        float[] lanes = whole ? null : LANE_BUFFER.get();
        VectorMask<Float> low = IOTA.compare(VectorOperators.LT, valid);
        VectorMask<Float> high = IOTA.compare(VectorOperators.LT, valid - L);
        VectorMask<Float> lowBelow = IOTA.compare(VectorOperators.LT, validBelow);
        VectorMask<Float> highBelow = IOTA.compare(VectorOperators.LT, validBelow - L);
        for (int f = 0; f < p.filters; f++) {
            int mf = mAt + f * M_FILTER;
            float b = bias == null ? 0f : bias[f];
            int at = yOff + f * p.outputPlane() + oy * p.outW + ox;
            FloatVector s00 = sumFirst(m, mf);
            FloatVector s01 = sumFirst(m, mf + 4 * L);
            FloatVector s02 = sumFirst(m, mf + 8 * L);
            FloatVector s03 = sumFirst(m, mf + 12 * L);
            FloatVector s10 = differenceLast(m, mf);
            FloatVector s11 = differenceLast(m, mf + 4 * L);
            FloatVector s12 = differenceLast(m, mf + 8 * L);
            FloatVector s13 = differenceLast(m, mf + 12 * L);
            FloatVector zero = FloatVector.zero(Lanes.F);
            FloatVector y00 = s00.add(s01).add(s02).add(b);
            FloatVector y01 = s10.add(s11).add(s12).add(b);
            FloatVector y10 = s01.sub(s02).sub(s03).add(b);
            FloatVector y11 = s11.sub(s12).sub(s13).add(b);
            FloatVector r0 = y00.rearrange(LOW_TWICE).blend(y01.rearrange(LOW_TWICE), ODD);
            FloatVector r1 = y00.rearrange(HIGH_TWICE).blend(y01.rearrange(HIGH_TWICE), ODD);
            FloatVector r2 = y10.rearrange(LOW_TWICE).blend(y11.rearrange(LOW_TWICE), ODD);
            FloatVector r3 = y10.rearrange(HIGH_TWICE).blend(y11.rearrange(HIGH_TWICE), ODD);
            if (whole) {
                r0.intoArray(y, at, low);
                r1.intoArray(y, at + L, high);
                r2.intoArray(y, at + p.outW, lowBelow);
                r3.intoArray(y, at + p.outW + L, highBelow);
                r0.max(zero).intoArray(rectified, at, low);
                r1.max(zero).intoArray(rectified, at + L, high);
                r2.max(zero).intoArray(rectified, at + p.outW, lowBelow);
                r3.max(zero).intoArray(rectified, at + p.outW + L, highBelow);
            } else {
                r0.intoArray(lanes, 0);
                r1.intoArray(lanes, L);
                r2.intoArray(lanes, 2 * L);
                r3.intoArray(lanes, 3 * L);
                r0.max(zero).intoArray(lanes, 4 * L);
                r1.max(zero).intoArray(lanes, 5 * L);
                r2.max(zero).intoArray(lanes, 6 * L);
                r3.max(zero).intoArray(lanes, 7 * L);
                copyRows(lanes, 0, y, at, p.outW, valid, validBelow);
                copyRows(lanes, 4 * L, rectified, at, p.outW, valid, validBelow);
            }
        }
    }

    /**
     * The outputs of {@link #outputTransform} from {@code lanes[from..]} (rows {@code oy} and
     * {@code oy + 1}, {@code 2L} values each) to {@code out}: the first {@code valid} of the first
     * row at {@code at}, the first {@code validBelow} of the second a row ({@code rowLength}) below.
     * (The vectors go to {@code lanes} in the transforms themselves: a helper taking them was not
     * inlined into those large methods on JDK 17, {@code NodeCountInliningCutoff}, and boxed them.)
     */
    private static void copyRows(float[] lanes, int from, float[] out, int at, int rowLength, int valid,
                                 int validBelow) {
        if (valid > 0) {
            System.arraycopy(lanes, from, out, at, Math.min(valid, 2 * L));
        }
        if (validBelow > 0) { // no second row below the plane's last row: its start may lie past the array
            System.arraycopy(lanes, from + 2 * L, out, at + rowLength, Math.min(validBelow, 2 * L));
        }
    }

    /** {@code (m0 + m1) + m2} of one row of {@code M} (its elements a vector apart): column 0 of {@code M A}. */
    private static FloatVector sumFirst(float[] m, int at) {
        return FloatVector.fromArray(Lanes.F, m, at).add(FloatVector.fromArray(Lanes.F, m, at + L))
                .add(FloatVector.fromArray(Lanes.F, m, at + 2 * L));
    }

    /** {@code (m1 - m2) - m3} of one row of {@code M}: column 1 of {@code M A}. */
    private static FloatVector differenceLast(float[] m, int at) {
        return FloatVector.fromArray(Lanes.F, m, at + L).sub(FloatVector.fromArray(Lanes.F, m, at + 2 * L))
                .sub(FloatVector.fromArray(Lanes.F, m, at + 3 * L));
    }
}
