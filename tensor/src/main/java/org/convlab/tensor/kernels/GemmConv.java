package org.convlab.tensor.kernels;

import java.util.Arrays;
import org.convlab.tensor.parallel.Parallel;

/**
 * Convolution as matrix multiplication: per image and group, {@link Im2col} unfolds the input
 * into {@code cols (K, P)} with {@code K = (C/g)*kH*kW} and {@code P = OH*OW}, then
 * <pre>
 *   forward:        y_g (F/g, P)  = w_g (F/g, K) x cols (K, P)             (+ bias per row)
 *   input grad:     dcols (K, P)  = w_g^T (K, F/g) x dy_g (F/g, P);  dx = col2im(dcols)
 *   weight grad:    dw_g (F/g, K) += dy_g (F/g, P) x cols^T (P, K)
 * </pre>
 * A 1x1 stride-1 unpadded convolution reads the input in place (no unfolding).
 *
 * <p>Parallel over {@link Chunks#count(int, int) image chunks} (at most
 * {@link Chunks#MAX_IMAGE_CHUNKS}, fixed by the batch size). Each chunk owns its scratch
 * buffers; weight and bias gradients are summed per chunk and then over chunks in chunk order,
 * so the result does not depend on the thread count.
 */
public final class GemmConv implements ConvKernels {
    private static final Workspace.Key KEY_COLS = Workspace.key("GemmConv.cols");
    private static final Workspace.Key KEY_DCOLS = Workspace.key("GemmConv.dcols");
    private static final Workspace.Key KEY_DW = Workspace.key("GemmConv.dwPart");
    private static final Workspace.Key KEY_DB = Workspace.key("GemmConv.dbPart");

    private final Gemm gemm;

    /** Convolution on top of this matrix multiply. */
    public GemmConv(Gemm gemm) {
        this.gemm = gemm;
    }

    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws) {
        forwardRectified(p, n, x, w, bias, y, null, ws);
    }

    /** Rectifies each image's output right after its bias, while it is in cache. */
    @Override
    public void forwardRectified(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, float[] rectified,
                                 Workspace ws) {
        int k = p.taps();
        int plane = p.outputPlane();
        int fg = p.filtersPerGroup;
        int cg = p.channelsPerGroup;
        boolean inPlace = p.pointwise();
        int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
        float[][] cols = inPlace ? null : ws.floats(KEY_COLS, chunks, k * plane);
        Parallel.forEach(chunks, ch -> {
            for (int i = Chunks.start(ch, chunks, n); i < Chunks.end(ch, chunks, n); i++) {
                for (int g = 0; g < p.groups; g++) {
                    int xOff = (i * p.channels + g * cg) * p.inputPlane();
                    float[] b = x;
                    int bOff = xOff;
                    if (!inPlace) {
                        Im2col.im2col(p, cg, x, xOff, cols[ch]);
                        b = cols[ch];
                        bOff = 0;
                    }
                    gemm.sgemm(false, false, fg, plane, k, 1f, w, g * fg * k, k, b, bOff, plane,
                            0f, y, (i * p.filters + g * fg) * plane, plane);
                }
                if (bias != null) {
                    for (int f = 0; f < p.filters; f++) {
                        int off = (i * p.filters + f) * plane;
                        float bf = bias[f];
                        for (int q = 0; q < plane; q++) {
                            y[off + q] += bf;
                        }
                    }
                }
                if (rectified != null) {
                    int end = (i + 1) * p.outputSize();
                    for (int q = i * p.outputSize(); q < end; q++) {
                        rectified[q] = Math.max(y[q], 0f);
                    }
                }
            }
        });
    }

    @Override
    public void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias, Workspace ws) {
        int k = p.taps();
        int plane = p.outputPlane();
        int fg = p.filtersPerGroup;
        int cg = p.channelsPerGroup;
        boolean inPlace = p.pointwise();
        int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
        float[][] cols = dw != null && !inPlace ? ws.floats(KEY_COLS, chunks, k * plane) : null;
        float[][] dcols = dx != null && !inPlace ? ws.floats(KEY_DCOLS, chunks, k * plane) : null;
        float[][] dwPart = dw != null ? ws.floats(KEY_DW, chunks, p.weightSize()) : null;
        float[][] dbPart = dbias != null ? ws.floats(KEY_DB, chunks, p.filters) : null;
        Parallel.forEach(chunks, ch -> {
            int first = Chunks.start(ch, chunks, n);
            int last = Chunks.end(ch, chunks, n);
            if (dbPart != null) {
                Arrays.fill(dbPart[ch], 0, p.filters, 0f);
            }
            for (int i = first; i < last; i++) {
                for (int g = 0; g < p.groups; g++) {
                    int xOff = (i * p.channels + g * cg) * p.inputPlane();
                    int dyOff = (i * p.filters + g * fg) * plane;
                    if (dw != null) {
                        float[] b = x;
                        int bOff = xOff;
                        if (!inPlace) {
                            Im2col.im2col(p, cg, x, xOff, cols[ch]);
                            b = cols[ch];
                            bOff = 0;
                        }
                        gemm.sgemm(false, true, fg, k, plane, 1f, dy, dyOff, plane, b, bOff, plane,
                                i == first ? 0f : 1f, dwPart[ch], g * fg * k, k);
                    }
                    if (dx != null) {
                        if (inPlace) {
                            gemm.sgemm(true, false, k, plane, fg, 1f, w, g * fg * k, k, dy, dyOff, plane,
                                    0f, dx, xOff, plane);
                        } else {
                            gemm.sgemm(true, false, k, plane, fg, 1f, w, g * fg * k, k, dy, dyOff, plane,
                                    0f, dcols[ch], 0, plane);
                            if (g == 0) {
                                Arrays.fill(dx, i * p.inputSize(), (i + 1) * p.inputSize(), 0f);
                            }
                            Im2col.col2im(p, cg, dcols[ch], dx, xOff);
                        }
                    }
                }
                if (dbPart != null) {
                    float[] db = dbPart[ch];
                    for (int f = 0; f < p.filters; f++) {
                        int off = (i * p.filters + f) * plane;
                        float s = 0f;
                        for (int q = 0; q < plane; q++) {
                            s += dy[off + q];
                        }
                        db[f] += s;
                    }
                }
            }
        });
        if (dw != null) {
            reduceInto(dwPart, chunks, dw, p.weightSize());
        }
        if (dbias != null) {
            reduceInto(dbPart, chunks, dbias, p.filters);
        }
    }

    /** {@code target[j] += sum over chunks c, in order, of parts[c][j]}. */
    static void reduceInto(float[][] parts, int chunks, float[] target, int size) {
        for (int j = 0; j < size; j++) {
            float s = parts[0][j];
            for (int c = 1; c < chunks; c++) {
                s += parts[c][j];
            }
            target[j] += s;
        }
    }

    @Override
    public String toString() {
        return "GemmConv(" + gemm.getClass().getSimpleName() + ")";
    }
}
