package org.convlab.tensor.kernels;

import java.util.Arrays;
import org.convlab.tensor.parallel.Parallel;

/**
 * The locally connected layer as one small matrix multiply per output position {@code q}:
 * with {@code patches (n, K)} the batch's input windows at {@code q} and {@code W_q (F, K)}
 * the position's filters,
 * <pre>
 *   forward:     y_q^T (F, n)   = W_q (F, K) x patches^T (K, n)   (+ bias[:, q])
 *   weight grad: dW_q (F, K)   += dy_q^T (F, n) x patches (n, K)
 *   input grad:  dpatches (n, K) = dy_q (n, F) x W_q (F, K), added back onto dx
 * </pre>
 * Forward and parameter gradients run parallel over fixed chunks of positions (each position
 * owns its weights, so nothing is reduced across chunks); the input gradient runs parallel over
 * fixed chunks of images (each image owns its part of {@code dx}). Results do not depend on the
 * thread count.
 */
public final class GemmLocal implements LocalKernels {
    private static final Workspace.Key KEY_PATCH = Workspace.key("GemmLocal.patches");
    private static final Workspace.Key KEY_ROWS = Workspace.key("GemmLocal.rows");
    private static final Workspace.Key KEY_DPATCH = Workspace.key("GemmLocal.dpatches");
    private static final Workspace.Key KEY_DROWS = Workspace.key("GemmLocal.drows");

    /**
     * The fewest images per chunk of the input gradient (a batch of 64 is 4 chunks). Which
     * chunk an image is in does not change its result: each image's rows are multiplied alone
     * and scattered onto its own part of {@code dx}, position after position.
     */
    static final int MIN_IMAGES_PER_CHUNK = 16;

    private final Gemm gemm;

    /** The locally connected layer on top of this matrix multiply. */
    public GemmLocal(Gemm gemm) {
        this.gemm = gemm;
    }

    /**
     * Writes the windows of images {@code [from, to)} at output position {@code q} as rows of
     * {@code patches} ({@code (to-from, K)}, taps in {@code (c, ki, kj)} order), zeros where a
     * window reads the padding ({@link ConvPlan#windowSources}).
     */
    static void gather(ConvPlan p, float[] x, int from, int to, int q, float[] patches) {
        int taps = p.kernelH * p.kernelW;
        int[] sources = p.windowSources();
        int first = q * taps;
        int row = 0;
        for (int i = from; i < to; i++) {
            for (int c = 0; c < p.channels; c++) {
                int plane = (i * p.channels + c) * p.inputPlane();
                for (int t = first; t < first + taps; t++, row++) {
                    int s = sources[t];
                    patches[row] = s < 0 ? 0f : x[plane + s];
                }
            }
        }
    }

    /**
     * Adds the rows of {@code dpatches} (images {@code [from, to)}) back onto {@code dx} at output
     * position {@code q}, tap after tap in {@code (c, ki, kj)} order (two taps that read the same
     * padded element, with reflect or circular padding, add to it in that order).
     */
    static void scatter(ConvPlan p, float[] dpatches, int from, int to, int q, float[] dx) {
        int taps = p.kernelH * p.kernelW;
        int[] sources = p.windowSources();
        int first = q * taps;
        int row = 0;
        for (int i = from; i < to; i++) {
            for (int c = 0; c < p.channels; c++) {
                int plane = (i * p.channels + c) * p.inputPlane();
                for (int t = first; t < first + taps; t++, row++) {
                    int s = sources[t];
                    if (s >= 0) {
                        dx[plane + s] += dpatches[row];
                    }
                }
            }
        }
    }

    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws) {
        int k = p.channels * p.kernelH * p.kernelW;
        int f = p.filters;
        int positions = p.outputPlane();
        int chunks = Chunks.count(positions, Chunks.MAX_POSITION_CHUNKS);
        float[][] patches = ws.floats(KEY_PATCH, chunks, n * k);
        float[][] rows = ws.floats(KEY_ROWS, chunks, n * f);
        Parallel.forEach(chunks, ch -> {
            float[] pt = patches[ch];
            float[] out = rows[ch];
            for (int q = Chunks.start(ch, chunks, positions); q < Chunks.end(ch, chunks, positions); q++) {
                gather(p, x, 0, n, q, pt);
                // y_q^T (F, n) = W_q (F, K) x patches^T: the batch is the product's width, a
                // whole number of vector strips where F (16 filters) would fill half of one at
                // 512 bits. Each element is the same chain of fused multiply-adds as y_q's.
                gemm.sgemm(false, true, f, n, k, 1f, w, q * f * k, k, pt, 0, k, 0f, out, 0, n);
                for (int fo = 0; fo < f; fo++) {
                    float b = bias == null ? 0f : bias[fo * positions + q];
                    for (int i = 0; i < n; i++) {
                        y[(i * f + fo) * positions + q] = out[fo * n + i] + b;
                    }
                }
            }
        });
    }

    @Override
    public void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias, Workspace ws) {
        int k = p.channels * p.kernelH * p.kernelW;
        int f = p.filters;
        int positions = p.outputPlane();
        if (dw != null || dbias != null) {
            int chunks = Chunks.count(positions, Chunks.MAX_POSITION_CHUNKS);
            float[][] patches = dw == null ? null : ws.floats(KEY_PATCH, chunks, n * k);
            float[][] rows = ws.floats(KEY_ROWS, chunks, n * f);
            Parallel.forEach(chunks, ch -> {
                float[] dyq = rows[ch];
                for (int q = Chunks.start(ch, chunks, positions); q < Chunks.end(ch, chunks, positions); q++) {
                    for (int i = 0; i < n; i++) {
                        for (int fo = 0; fo < f; fo++) {
                            dyq[i * f + fo] = dy[(i * f + fo) * positions + q];
                        }
                    }
                    if (dw != null) {
                        gather(p, x, 0, n, q, patches[ch]);
                        gemm.sgemm(true, false, f, k, n, 1f, dyq, 0, f, patches[ch], 0, k, 1f, dw, q * f * k, k);
                    }
                    if (dbias != null) {
                        for (int fo = 0; fo < f; fo++) {
                            float s = 0f;
                            for (int i = 0; i < n; i++) {
                                s += dyq[i * f + fo];
                            }
                            dbias[fo * positions + q] += s;
                        }
                    }
                }
            });
        }
        if (dx != null) {
            // At least MIN_IMAGES_PER_CHUNK images a chunk: every chunk multiplies at every
            // position, and a product of 8 rows costs 2.4x the time per row of one of 64.
            int chunks = Chunks.count(n / MIN_IMAGES_PER_CHUNK, Chunks.MAX_IMAGE_CHUNKS);
            int most = (n + chunks - 1) / chunks;
            float[][] rows = ws.floats(KEY_DROWS, chunks, most * f);
            float[][] dpatches = ws.floats(KEY_DPATCH, chunks, most * k);
            Parallel.forEach(chunks, ch -> {
                int from = Chunks.start(ch, chunks, n);
                int to = Chunks.end(ch, chunks, n);
                int nc = to - from;
                float[] dyq = rows[ch];
                Arrays.fill(dx, from * p.inputSize(), to * p.inputSize(), 0f);
                for (int q = 0; q < positions; q++) {
                    for (int i = from; i < to; i++) {
                        for (int fo = 0; fo < f; fo++) {
                            dyq[(i - from) * f + fo] = dy[(i * f + fo) * positions + q];
                        }
                    }
                    gemm.sgemm(false, false, nc, k, f, 1f, dyq, 0, f, w, q * f * k, k, 0f, dpatches[ch], 0, k);
                    scatter(p, dpatches[ch], from, to, q, dx);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "GemmLocal(" + gemm.getClass().getSimpleName() + ")";
    }
}
