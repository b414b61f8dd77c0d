package org.convlab.tensor.simd;

import java.util.Arrays;
import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.kernels.GemmDense;
import org.convlab.tensor.kernels.PackedWeights;
import org.convlab.tensor.parallel.Parallel;

/**
 * The linear layer on the Vector API: layers with few outputs (a classifier, at most
 * {@link #MAX_SMALL_OUT}) use {@link DenseKernel}'s kernels on the matrices in place, the rest
 * {@code fallback} (the GEMM, whose packing pays off when both sides are large; their weights
 * packed once for inference are {@link WeightRows} when the fallback is the SIMD GEMM's).
 * <pre>
 *   y  = x w^T + bias     dot products of rows, 2 x 5 at a time in depth blocks, lanes summed in order
 *   dx = dy w             tiles of 6 (or 4) rows x 2L columns over the out dimension
 *   dw += dy^T x          tiles of 6 (or 4) outputs x 2L columns over the batch
 *                         (both row by row when the rows are long: {@link DenseRowMajor})
 * </pre>
 * Shapes as {@link DenseKernels}: {@code x (n, in)}, {@code w (out, in)}, {@code y, dy (n, out)}.
 * Work is split into chunks of rows (forward) or of 16-column blocks (backward) fixed by the
 * shape, every element is summed in one chunk in a fixed order: same bits on any thread count.
 * The order does not depend on the vector width either: the forward's dot products keep 8
 * partial sums at every width ({@link DenseKernel}); the backward's columns are fused
 * multiply-add chains whatever tile computes them, and the columns past the last 16-column block
 * (the plain-loop tail) are the same at every width.
 */
public final class SimdDense implements DenseKernels {
    /** The most outputs the in-place kernels handle; wider layers go to the fallback. */
    static final int MAX_SMALL_OUT = 32;
    /** Columns of the backward tiles: two vectors. */
    private static final int COLUMNS = MicroKernel.NR;
    /** 16-column blocks per backward chunk (even, so that pairs of blocks stay in one chunk). */
    private static final int COLUMN_BLOCKS = 32;
    /**
     * Inputs from which the backward pass goes row by row ({@link DenseRowMajor}): rows of 4 KiB
     * and more, which the tiles would read 4 KiB or more apart.
     */
    static final int ROW_MAJOR_MIN_IN = 1024;
    /** Row pairs per forward chunk. */
    private static final int ROW_PAIRS = 4;

    /** Output groups of 5 a row's partial sums have room for: {@code MAX_SMALL_OUT} outputs. */
    private static final int GROUPS = (MAX_SMALL_OUT + 4) / 5;
    /** Floats of a group's partial sums in the tile: 5 x 8, and the 8 that dot2x5 may write past them. */
    private static final int SLOT = 48;
    /** Elements of the depth per block of the forward's dot products (a block of w stays in L1). */
    private static final int DEPTH_BLOCK = 512;
    /** Where output {@code j}'s 8 partial sums start in a row of the tile: group {@code j / 5}, place {@code j % 5}. */
    private static final int[] PARTIALS = new int[MAX_SMALL_OUT];

    static {
        for (int j = 0; j < MAX_SMALL_OUT; j++) {
            PARTIALS[j] = (j / 5) * SLOT + (j % 5) * 8;
        }
    }

    /**
     * The forward's partial sums, 8 per dot product, for a chunk's rows ({@code 2 ROW_PAIRS}) by
     * {@code GROUPS} groups of 5 outputs, {@link #SLOT} floats a group.
     */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[2 * ROW_PAIRS * GROUPS * SLOT]);

    private final DenseKernels fallback;
    /**
     * Whether wide layers' packed weights are {@link WeightRows}: only over the fallback
     * {@code GemmDense(SimdGemm)}, whose bits they have.
     */
    private final boolean weightRows;

    /** Small layers in place, the rest on {@code fallback}. */
    public SimdDense(DenseKernels fallback) {
        this.fallback = fallback;
        this.weightRows = fallback instanceof GemmDense dense && dense.gemm() instanceof SimdGemm;
    }

    private static boolean small(int in, int out) {
        return out <= MAX_SMALL_OUT && in >= 16;
    }

    @Override
    public void forward(int n, int in, int out, float[] x, float[] w, float[] bias, float[] y) {
        if (!small(in, out)) {
            fallback.forward(n, in, out, x, w, bias, y);
            return;
        }
        forward(n, in, out, x, w, null, bias, y);
    }

    /**
     * The forward's dot products in chunks of row pairs and depth blocks: with {@code pairs}
     * ({@link #interleave}'s copy of {@code w}) two outputs a vector, on
     * {@link DenseKernel#dot4x10Pairs} two row pairs at a time ({@link DenseKernel#dot2x10Pairs} for
     * a chunk's odd last pair), else on {@link DenseKernel#dot2x5}; the same partial sums every way,
     * so the same bits.
     */
    private static void forward(int n, int in, int out, float[] x, float[] w, float[] pairs, float[] bias,
                                float[] y) {
        int rowPairs = (n + 1) / 2;
        int len = in & ~7;
        // Floats of a row's partial sums in the tile: GROUPS slots of 5 outputs, or PAIR_ROW.
        int row = pairs == null ? GROUPS * SLOT : PAIR_ROW;
        Parallel.forEach(Parallel.chunksFor(rowPairs, ROW_PAIRS), chunk -> {
            float[] tile = TILE.get();
            int p0 = chunk * ROW_PAIRS;
            int p1 = Math.min(rowPairs, p0 + ROW_PAIRS);
            Arrays.fill(tile, 0, 2 * (p1 - p0) * row, 0f);
            // Depth blocks outermost: a block of w stays in L1 for every row of the chunk (a
            // 16384-input classifier's w is 640 KiB). The partial sums wait in the tile between
            // blocks, each lane's chain in the same order as in one pass.
            for (int k0 = 0; k0 < len; k0 += DEPTH_BLOCK) {
                int kb = Math.min(DEPTH_BLOCK, len - k0);
                for (int pair = p0; pair < p1; pair++) {
                    int i0 = 2 * pair;
                    int i1 = Math.min(i0 + 1, n - 1);
                    int t0 = 2 * (pair - p0) * row;
                    if (pairs != null && pair + 1 < p1) {
                        int i3 = Math.min(i0 + 3, n - 1);
                        dotsPairs4(x, i0 * in + k0, i1 * in + k0, (i0 + 2) * in + k0, i3 * in + k0, pairs, in, k0, out,
                                kb, tile, t0, t0 + row, t0 + 2 * row, t0 + 3 * row);
                        pair++;
                        continue;
                    }
                    if (pairs != null) {
                        dotsPairs(x, i0 * in + k0, i1 * in + k0, pairs, in, k0, out, kb, tile, t0, t0 + row);
                        continue;
                    }
                    for (int g = 0; g * 5 < out; g++) {
                        dots(x, i0 * in + k0, i1 * in + k0, w, 5 * g, in, k0, out, kb, tile, t0 + g * SLOT,
                                t0 + g * SLOT + row);
                    }
                }
            }
            for (int pair = p0; pair < p1; pair++) {
                int i0 = 2 * pair;
                int i1 = Math.min(i0 + 1, n - 1);
                for (int i = i0; i <= i1; i++) {
                    int t = (2 * (pair - p0) + i - i0) * row;
                    for (int j = 0; j < out; j++) {
                        int partials = t + (pairs == null ? PARTIALS[j] : 8 * j);
                        y[i * out + j] = dot(tile, partials, x, i * in, w, j * in, in) + (bias == null ? 0f : bias[j]);
                    }
                }
            }
        });
    }

    /**
     * A small layer's {@code w (out, in)} copied with {@code 8} floats after it, so that
     * {@link DenseKernel#dot2x5} at 512 bits reads past its last row without the scalar tail; at
     * 16 lanes also its rows interleaved by pairs for {@link DenseKernel#dot2x10Pairs}
     * ({@link #interleave}), else {@code pairs} is {@code null}.
     */
    private record PaddedWeights(int in, int out, float[] w, float[] pairs) implements PackedWeights {
    }

    /**
     * Weights of at least this many floats (4 MiB) are packed by the fallback, as the GEMM's B
     * ({@code y = x w^T}), even over the SIMD GEMM: such weights come from memory on every pass,
     * and as B their strips stream past the batch's row panels, each strip feeding all of them
     * while it sits in L1, where as {@link WeightRows}' row panels each panel feeds only the
     * batch's two strips (at 512 bits) in a burst. Inference, batch 64, AMD EPYC Zen 5 (AVX-512
     * with full-width FMAs), JDK 25, the two in one JVM, rounds interleaved: MLP 3072-4000-4000-10
     * 1.17x (one thread) and 1.14x (two) at 512 bits, 1.08x and 1.03x at 256 bits under
     * {@code -XX:UseAVX=2}. Single products of 64 rows, one thread, 512 bits: 2048 x 2048 weights
     * 1.16x, 1024 x 1024 1.03x, 1000 x 1000 0.98x; smaller ones mixed (512 x 512 1.15x, 784 x 100
     * 0.92x), so they keep {@link WeightRows}.
     */
    static final long STREAMED_WEIGHT_FLOATS = 1L << 20;

    /**
     * Small layers keep a padded copy of {@code w} for the in-place kernels, the rest up to
     * {@link #STREAMED_WEIGHT_FLOATS} {@link WeightRows} ({@code w}'s row panels for
     * {@code y^T = w x^T}) over the SIMD GEMM, else the fallback's packing. Inference with batch
     * 64 on AMD EPYC Zen 4 (AVX-512), JDK 25, one JVM, the two interleaved, medians: MLP
     * 784-100-100-10 1.07x (one thread) and 1.09x (two) at 512 bits, 1.27x with 256 pinned; on
     * Zen 5 at 512 bits 1.12x (one thread, three JVM pairs).
     */
    @Override
    public PackedWeights pack(int in, int out, float[] w) {
        if (!small(in, out)) {
            boolean streamed = (long) in * out >= STREAMED_WEIGHT_FLOATS;
            return weightRows && !streamed ? WeightRows.pack(in, out, w) : fallback.pack(in, out, w);
        }
        return new PaddedWeights(in, out, Arrays.copyOf(w, in * out + 8), Lanes.L == 16 ? interleave(in, out, w) : null);
    }

    /** Output pairs per {@link DenseKernel#dot2x10Pairs} call. */
    private static final int PAIRS_PER_CALL = 5;
    /** Floats of a row's partial sums in the tile with pairs: up to 4 calls of 5 pairs, 16 floats a pair. */
    private static final int PAIR_ROW = (MAX_SMALL_OUT / 2 + PAIRS_PER_CALL - 1) / PAIRS_PER_CALL * PAIRS_PER_CALL * 16;

    /** Output pairs of a layer with {@code out} outputs, rounded up to whole calls. */
    private static int pairGroups(int out) {
        return ((out + 1) / 2 + PAIRS_PER_CALL - 1) / PAIRS_PER_CALL;
    }

    /**
     * {@code p[(m*steps + s)*16 + 8h + lane] = w[(2m + h)*in + 8s + lane]} for output pairs {@code m}
     * (zero for outputs past {@code out}), steps {@code s < in/8}.
     */
    static float[] interleave(int in, int out, float[] w) {
        int steps = in / 8;
        int pairs = pairGroups(out) * PAIRS_PER_CALL;
        float[] p = new float[pairs * steps * 16];
        for (int m = 0; m < pairs; m++) {
            for (int h = 0; h < 2 && 2 * m + h < out; h++) {
                for (int st = 0; st < steps; st++) {
                    System.arraycopy(w, (2 * m + h) * in + 8 * st, p, (m * steps + st) * 16 + 8 * h, 8);
                }
            }
        }
        return p;
    }

    @Override
    public void forward(int n, float[] x, PackedWeights w, float[] bias, float[] y) {
        if (w instanceof PaddedWeights padded) {
            forward(n, padded.in(), padded.out(), x, padded.w(), padded.pairs(), bias, y);
        } else if (w instanceof WeightRows rows && weightRows) {
            rows.forward(n, x, bias, false, y);
        } else if (small(w.in(), w.out())) {
            throw new IllegalArgumentException("SimdDense cannot use " + w.getClass().getSimpleName()
                    + ", packed by other kernels");
        } else {
            fallback.forward(n, x, w, bias, y);
        }
    }

    /** Over {@link WeightRows}, the bias and the rectifier as each block of the product is transposed into {@code y}. */
    @Override
    public void forwardRectified(int n, float[] x, PackedWeights w, float[] bias, float[] y) {
        if (w instanceof WeightRows rows && weightRows) {
            rows.forward(n, x, bias, true, y);
        } else {
            DenseKernels.super.forwardRectified(n, x, w, bias, y);
        }
    }

    /**
     * {@link #dots} for every output pair on {@link DenseKernel#dot2x10Pairs}: adds {@code len} more
     * elements (from {@code x0}, {@code x1} and column {@code k0}) to the partial sums of output
     * {@code j} at {@code tile[t0 + 8j]} and {@code tile[t1 + 8j]}; {@code pairs} is
     * {@link #interleave}'s copy of the weights. When {@code x1}'s row ends the array, the block's
     * last step goes in scalar code (the kernel reads 8 floats past it; the same fused
     * multiply-adds).
     */
    private static void dotsPairs(float[] x, int x0, int x1, float[] pairs, int in, int k0, int out, int len,
                                  float[] tile, int t0, int t1) {
        int steps = in / 8;
        int ws = steps * 16;
        int tail = x1 + len + 8 > x.length ? 8 : 0;
        for (int m0 = 0; m0 < pairGroups(out) * PAIRS_PER_CALL; m0 += PAIRS_PER_CALL) {
            int w0 = (m0 * steps + k0 / 8) * 16;
            DenseKernel.dot2x10Pairs(x, x0, x1, pairs, w0, w0 + ws, w0 + 2 * ws, w0 + 3 * ws, w0 + 4 * ws, len - tail,
                    tile, t0 + m0 * 16, t1 + m0 * 16);
            pairsTail(x, x0, pairs, w0, ws, len, tail, tile, t0 + m0 * 16);
            pairsTail(x, x1, pairs, w0, ws, len, tail, tile, t1 + m0 * 16);
        }
    }

    /**
     * The last {@code tail} (0 or 8) of a block's {@code len} elements of row {@code xr} for one
     * call's {@link #PAIRS_PER_CALL} output pairs (weights from {@code w0}, {@code ws} apart;
     * partial sums at {@code tile[tr..]}), in scalar code: the kernels' fused multiply-adds, where
     * their 16-float loads would read past the end of {@code x}.
     */
    private static void pairsTail(float[] x, int xr, float[] pairs, int w0, int ws, int len, int tail, float[] tile,
                                  int tr) {
        for (int k = len - tail; k < len; k += 8) {
            for (int m = 0; m < PAIRS_PER_CALL; m++) {
                int wm = w0 + m * ws + k * 2;
                int t = tr + m * 16;
                for (int lane = 0; lane < 16; lane++) {
                    tile[t + lane] = Math.fma(x[xr + k + lane % 8], pairs[wm + lane], tile[t + lane]);
                }
            }
        }
    }

    /**
     * {@link #dotsPairs} for two pairs of rows at once ({@code xa..xd}, partial sums at
     * {@code ta..td}) on {@link DenseKernel#dot4x10Pairs}: the same fused multiply-adds.
     */
    private static void dotsPairs4(float[] x, int xa, int xb, int xc, int xd, float[] pairs, int in, int k0, int out,
                                   int len, float[] tile, int ta, int tb, int tc, int td) {
        int steps = in / 8;
        int ws = steps * 16;
        int tail = xd + len + 8 > x.length ? 8 : 0;
        for (int m0 = 0; m0 < pairGroups(out) * PAIRS_PER_CALL; m0 += PAIRS_PER_CALL) {
            int w0 = (m0 * steps + k0 / 8) * 16;
            DenseKernel.dot4x10Pairs(x, xa, xb, xc, xd, pairs, w0, w0 + ws, w0 + 2 * ws, w0 + 3 * ws, w0 + 4 * ws,
                    len - tail, tile, ta + m0 * 16, tb + m0 * 16, tc + m0 * 16, td + m0 * 16);
            pairsTail(x, xa, pairs, w0, ws, len, tail, tile, ta + m0 * 16);
            pairsTail(x, xb, pairs, w0, ws, len, tail, tile, tb + m0 * 16);
            pairsTail(x, xc, pairs, w0, ws, len, tail, tile, tc + m0 * 16);
            pairsTail(x, xd, pairs, w0, ws, len, tail, tile, td + m0 * 16);
        }
    }

    /**
     * Adds {@code len} more elements (from {@code x0}, {@code x1} and column {@code k0} of {@code w})
     * to the partial sums of rows {@code x0, x1} by {@code w} rows {@code j0..j0+4} (repeated past
     * {@code out}) at {@code tile[t0..]} and {@code tile[t1..]}.
     */
    private static void dots(float[] x, int x0, int x1, float[] w, int j0, int in, int k0, int out, int len,
                             float[] tile, int t0, int t1) {
        int last = out - 1;
        int w0 = j0 * in + k0;
        int w1 = Math.min(j0 + 1, last) * in + k0;
        int w2 = Math.min(j0 + 2, last) * in + k0;
        int w3 = Math.min(j0 + 3, last) * in + k0;
        int w4 = Math.min(j0 + 4, last) * in + k0;
        if (Lanes.DOT_L == 8) {
            // At 512 bits the kernel reads 8 floats past len: the last block of the last row of x
            // or w takes its final 8 elements in scalar code (the same fused multiply-adds).
            int tail = Lanes.L > 8 && (x1 + len + 8 > x.length || w4 + len + 8 > w.length) ? 8 : 0;
            DenseKernel.dot2x5(x, x0, x1, w, w0, w1, w2, w3, w4, len - tail, tile, t0, t1);
            if (tail > 0) {
                int k = len - 8;
                lastStep(x, x0 + k, x1 + k, w, w0 + k, tile, t0, t1);
                lastStep(x, x0 + k, x1 + k, w, w1 + k, tile, t0 + 8, t1 + 8);
                lastStep(x, x0 + k, x1 + k, w, w2 + k, tile, t0 + 16, t1 + 16);
                lastStep(x, x0 + k, x1 + k, w, w3 + k, tile, t0 + 24, t1 + 24);
                lastStep(x, x0 + k, x1 + k, w, w4 + k, tile, t0 + 32, t1 + 32);
            }
        } else {
            DenseKernel.dot1x5Narrow(x, x0, w, w0, w1, w2, w3, w4, len, tile, t0);
            DenseKernel.dot1x5Narrow(x, x1, w, w0, w1, w2, w3, w4, len, tile, t1);
        }
    }

    /** {@link DenseKernel#dot2x5}'s step over 8 elements for one row of {@code w}, in scalar code (the same fused multiply-adds). */
    private static void lastStep(float[] x, int xa, int xb, float[] w, int wj, float[] tile, int ta, int tb) {
        for (int lane = 0; lane < 8; lane++) {
            tile[ta + lane] = Math.fma(x[xa + lane], w[wj + lane], tile[ta + lane]);
            tile[tb + lane] = Math.fma(x[xb + lane], w[wj + lane], tile[tb + lane]);
        }
    }

    /** One dot product: its 8 partial sums at {@code tile[t..t+8)} added in order, then the tail past the last full vector. */
    private static float dot(float[] tile, int t, float[] x, int xRow, float[] w, int wRow, int in) {
        float s = tile[t];
        for (int lane = 1; lane < 8; lane++) {
            s += tile[t + lane];
        }
        for (int k = in & ~7; k < in; k++) {
            s += x[xRow + k] * w[wRow + k];
        }
        return s;
    }

    @Override
    public void backward(int n, int in, int out, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias) {
        if (!small(in, out)) {
            fallback.backward(n, in, out, x, w, dy, dx, dw, dbias);
            return;
        }
        int blocks = in / 16;
        if (dx != null || dw != null) {
            Parallel.forEach(Parallel.chunksFor(blocks + 1, COLUMN_BLOCKS), chunk -> {
                int b0 = chunk * COLUMN_BLOCKS;
                int b1 = Math.min(blocks + 1, b0 + COLUMN_BLOCKS);
                if (in >= ROW_MAJOR_MIN_IN) {
                    int vectorBlocks = Math.min(b1, blocks);
                    if (dx != null && vectorBlocks > b0) {
                        DenseRowMajor.inputGradient(n, in, out, b0 * 16, vectorBlocks * 16, w, dy, dx);
                    }
                    if (dw != null && vectorBlocks > b0) {
                        DenseRowMajor.weightGradient(n, in, out, b0 * 16, vectorBlocks * 16, x, dy, dw);
                    }
                    if (b1 == blocks + 1) {
                        tail(n, in, out, blocks * 16, x, w, dy, dx, dw);
                    }
                    return;
                }
                for (int b = b0; b < b1; ) {
                    if (b == blocks) {
                        tail(n, in, out, blocks * 16, x, w, dy, dx, dw);
                        b++;
                    } else if (COLUMNS <= 16) {
                        for (int col = b * 16; col < (b + 1) * 16; col += COLUMNS) {
                            columns(n, in, out, col, x, w, dy, dx, dw);
                        }
                        b++;
                    } else if (b + 1 < Math.min(b1, blocks)) {
                        columns(n, in, out, b * 16, x, w, dy, dx, dw);
                        b += 2;
                    } else {
                        block16(n, in, out, b * 16, x, w, dy, dx, dw);
                        b++;
                    }
                }
            });
        }
        if (dbias != null) {
            for (int o = 0; o < out; o++) {
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += dy[i * out + o];
                }
                dbias[o] += s;
            }
        }
    }

    /** The gradients' {@link #COLUMNS} columns from {@code col} on the vector tiles. */
    private static void columns(int n, int in, int out, int col, float[] x, float[] w, float[] dy, float[] dx,
                                float[] dw) {
        if (dx != null) {
            inputGradientColumns(n, in, out, col, w, dy, dx);
        }
        if (dw != null) {
            weightGradientColumns(n, in, out, col, x, dy, dw);
        }
    }

    /**
     * The gradients' 16 columns from {@code col} in scalar code with the vector tiles' arithmetic (one
     * {@code Math.fma} per step, in the same order, so the same bits): the block left over when the
     * tiles are 32 columns wide (512 bits) and the 16-column blocks are odd in number.
     */
    private static void block16(int n, int in, int out, int col, float[] x, float[] w, float[] dy, float[] dx,
                                float[] dw) {
        for (int k = col; k < col + 16; k++) {
            if (dx != null) {
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int o = 0; o < out; o++) {
                        s = Math.fma(dy[i * out + o], w[o * in + k], s);
                    }
                    dx[i * in + k] = s;
                }
            }
            if (dw != null) {
                for (int o = 0; o < out; o++) {
                    float s = dw[o * in + k];
                    for (int i = 0; i < n; i++) {
                        s = Math.fma(dy[i * out + o], x[i * in + k], s);
                    }
                    dw[o * in + k] = s;
                }
            }
        }
    }

    /** {@code dx[:, col..col+COLUMNS) = dy w[:, col..col+COLUMNS)}: tiles of 6 rows, then 4 (rows repeated past n). */
    private static void inputGradientColumns(int n, int in, int out, int col, float[] w, float[] dy, float[] dx) {
        int i = 0;
        for (; i + 6 <= n; i += 6) {
            DenseKernel.rows6(dy, i * out, (i + 1) * out, (i + 2) * out, (i + 3) * out, (i + 4) * out, (i + 5) * out, 1,
                    w, col, in, out, dx, i * in + col, (i + 1) * in + col, (i + 2) * in + col, (i + 3) * in + col,
                    (i + 4) * in + col, (i + 5) * in + col);
        }
        for (; i < n; i += 4) {
            int r1 = Math.min(i + 1, n - 1);
            int r2 = Math.min(i + 2, n - 1);
            int r3 = Math.min(i + 3, n - 1);
            DenseKernel.rows4(dy, i * out, r1 * out, r2 * out, r3 * out, 1, w, col, in, out,
                    dx, i * in + col, r1 * in + col, r2 * in + col, r3 * in + col);
        }
    }

    /** {@code dw[:, col..col+COLUMNS) += dy^T x[:, col..col+COLUMNS)}: tiles of 6 outputs, then 4 (repeated past out). */
    private static void weightGradientColumns(int n, int in, int out, int col, float[] x, float[] dy, float[] dw) {
        int j = 0;
        for (; j + 6 <= out; j += 6) {
            DenseKernel.rows6Acc(dy, j, j + 1, j + 2, j + 3, j + 4, j + 5, out, x, col, in, n,
                    dw, j * in + col, (j + 1) * in + col, (j + 2) * in + col, (j + 3) * in + col, (j + 4) * in + col,
                    (j + 5) * in + col);
        }
        for (; j < out; j += 4) {
            int r1 = Math.min(j + 1, out - 1);
            int r2 = Math.min(j + 2, out - 1);
            int r3 = Math.min(j + 3, out - 1);
            DenseKernel.rows4Acc(dy, j, r1, r2, r3, out, x, col, in, n,
                    dw, j * in + col, r1 * in + col, r2 * in + col, r3 * in + col);
        }
    }

    /** Columns {@code [from, in)} of both gradients in plain loops (fewer than 16). */
    private static void tail(int n, int in, int out, int from, float[] x, float[] w, float[] dy, float[] dx,
                             float[] dw) {
        for (int k = from; k < in; k++) {
            if (dx != null) {
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int o = 0; o < out; o++) {
                        s += dy[i * out + o] * w[o * in + k];
                    }
                    dx[i * in + k] = s;
                }
            }
            if (dw != null) {
                for (int o = 0; o < out; o++) {
                    float s = dw[o * in + k];
                    for (int i = 0; i < n; i++) {
                        s += dy[i * out + o] * x[i * in + k];
                    }
                    dw[o * in + k] = s;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SimdDense(fallback " + fallback + ")";
    }
}
