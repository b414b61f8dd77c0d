package org.convlab.tensor.kernels;

import java.util.Arrays;
import org.convlab.tensor.parallel.Parallel;

/**
 * The locally connected layer as one small matrix multiply per output position {@code q}:
 * with {@code patches (n, K)} the batch's input windows at {@code q} and {@code W_q (F, K)}
 * the position's filters,
 * <pre>
 *   forward:     y_q (n, F)     = patches (n, K) x W_q^T (K, F)   (+ bias[:, q])
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

    private final Gemm gemm;

    /** The locally connected layer on top of this matrix multiply. */
    public GemmLocal(Gemm gemm) {
        this.gemm = gemm;
    }

    /** Writes the windows of images {@code [from, to)} at position {@code (oy, ox)} as rows of {@code patches}. */
    static void gather(ConvPlan p, float[] x, int from, int to, int oy, int ox, float[] patches) {
        int k = p.channels * p.kernelH * p.kernelW;
        for (int i = from; i < to; i++) {
            int row = (i - from) * k;
            for (int c = 0; c < p.channels; c++) {
                int plane = (i * p.channels + c) * p.inputPlane();
                for (int ki = 0; ki < p.kernelH; ki++) {
                    int ry = p.rowSource(ki, oy);
                    for (int kj = 0; kj < p.kernelW; kj++, row++) {
                        int rx = p.colSource(kj, ox);
                        patches[row] = ry < 0 || rx < 0 ? 0f : x[plane + ry * p.width + rx];
                    }
                }
            }
        }
    }

    /** Adds the rows of {@code dpatches} (images {@code [from, to)}) back onto {@code dx} at position {@code (oy, ox)}. */
    static void scatter(ConvPlan p, float[] dpatches, int from, int to, int oy, int ox, float[] dx) {
        for (int i = from; i < to; i++) {
            int row = (i - from) * p.channels * p.kernelH * p.kernelW;
            for (int c = 0; c < p.channels; c++) {
                int plane = (i * p.channels + c) * p.inputPlane();
                for (int ki = 0; ki < p.kernelH; ki++) {
                    int ry = p.rowSource(ki, oy);
                    for (int kj = 0; kj < p.kernelW; kj++, row++) {
                        int rx = p.colSource(kj, ox);
                        if (ry >= 0 && rx >= 0) {
                            dx[plane + ry * p.width + rx] += dpatches[row];
                        }
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
                gather(p, x, 0, n, q / p.outW, q % p.outW, pt);
                gemm.sgemm(false, true, n, f, k, 1f, pt, 0, k, w, q * f * k, k, 0f, out, 0, f);
                for (int i = 0; i < n; i++) {
                    for (int fo = 0; fo < f; fo++) {
                        float b = bias == null ? 0f : bias[fo * positions + q];
                        y[(i * f + fo) * positions + q] = out[i * f + fo] + b;
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
                        gather(p, x, 0, n, q / p.outW, q % p.outW, patches[ch]);
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
            int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
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
                    scatter(p, dpatches[ch], from, to, q / p.outW, q % p.outW, dx);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "GemmLocal(" + gemm.getClass().getSimpleName() + ")";
    }
}
