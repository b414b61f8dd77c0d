package org.convlab.tensor.simd;

import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.parallel.Parallel;

/**
 * The linear layer on the Vector API: layers with few outputs (a classifier, at most
 * {@link #MAX_SMALL_OUT}) use {@link DenseKernel}'s kernels on the matrices in place, the rest
 * {@code fallback} (the GEMM, whose packing pays off when both sides are large).
 * <pre>
 *   y  = x w^T + bias     dot products of rows, 2 x 5 at a time, lanes summed in order
 *   dx = dy w             tiles of 6 (or 4) rows x 2L columns over the out dimension
 *   dw += dy^T x          tiles of 6 (or 4) outputs x 2L columns over the batch
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
    /** Row pairs per forward chunk. */
    private static final int ROW_PAIRS = 4;

    /** dot2x5's 2 x 5 x 8 partial sums, and 8 floats for its masked 512-bit store of the last. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[88]);

    private final DenseKernels fallback;

    /** Small layers in place, the rest on {@code fallback}. */
    public SimdDense(DenseKernels fallback) {
        this.fallback = fallback;
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
        int pairs = (n + 1) / 2;
        Parallel.forEach(Parallel.chunksFor(pairs, ROW_PAIRS), chunk -> {
            float[] tile = TILE.get();
            for (int pair = chunk * ROW_PAIRS; pair < Math.min(pairs, (chunk + 1) * ROW_PAIRS); pair++) {
                int i0 = 2 * pair;
                int i1 = Math.min(i0 + 1, n - 1);
                for (int j0 = 0; j0 < out; j0 += 5) {
                    dots(x, i0, i1, w, j0, in, out, tile);
                    for (int i = i0; i <= i1; i++) {
                        for (int j = j0; j < Math.min(out, j0 + 5); j++) {
                            y[i * out + j] = dot(tile, i - i0, j - j0, x, i * in, w, j * in, in)
                                    + (bias == null ? 0f : bias[j]);
                        }
                    }
                }
            }
        });
    }

    /** The lanes of rows {@code i0, i1} by {@code w} rows {@code j0..j0+4} (repeated past {@code out}). */
    private static void dots(float[] x, int i0, int i1, float[] w, int j0, int in, int out, float[] tile) {
        int last = out - 1;
        int w1 = Math.min(j0 + 1, last) * in;
        int w2 = Math.min(j0 + 2, last) * in;
        int w3 = Math.min(j0 + 3, last) * in;
        int w4 = Math.min(j0 + 4, last) * in;
        if (Lanes.DOT_MASKED) {
            DenseKernel.dot1x5Masked(x, i0 * in, w, j0 * in, w1, w2, w3, w4, in & ~7, tile, 0);
            DenseKernel.dot1x5Masked(x, i1 * in, w, j0 * in, w1, w2, w3, w4, in & ~7, tile, 40);
        } else if (Lanes.DOT_L == 8) {
            DenseKernel.dot2x5(x, i0 * in, i1 * in, w, j0 * in, w1, w2, w3, w4, in & ~7, tile);
        } else {
            DenseKernel.dot1x5Narrow(x, i0 * in, w, j0 * in, w1, w2, w3, w4, in & ~7, tile, 0);
            DenseKernel.dot1x5Narrow(x, i1 * in, w, j0 * in, w1, w2, w3, w4, in & ~7, tile, 40);
        }
    }

    /** One dot product: its 8 partial sums added in order, then the tail past the last full vector. */
    private static float dot(float[] tile, int i, int j, float[] x, int xRow, float[] w, int wRow, int in) {
        int t = (i * 5 + j) * 8;
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
