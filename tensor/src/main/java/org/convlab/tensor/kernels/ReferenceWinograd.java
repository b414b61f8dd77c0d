package org.convlab.tensor.kernels;

import org.convlab.tensor.parallel.Parallel;

/**
 * {@link WinogradKernels} tile by tile: for each image, filter and 2 x 2 output tile, the 4 x 4
 * input windows of every channel are transformed, multiplied by the transformed filters and
 * summed over the channels, and the sum transformed back; every operation in the order
 * {@link Winograd} fixes. The fallback without the Vector API and the twin of the SIMD kernel.
 */
public final class ReferenceWinograd implements WinogradKernels {
    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] gate, float[] u, float[] bias, float[] y,
                        float[] rectified) {
        Parallel.forEach(n, i -> image(p, x, gate, i * p.inputSize(), u, bias, y, rectified, i * p.outputSize()));
    }

    private static void image(ConvPlan p, float[] x, float[] gate, int xOff, float[] u, float[] bias, float[] y,
                              float[] rectified, int yOff) {
        int channels = p.channels;
        int blocks = Winograd.paddedFilters(p.filters) / Winograd.BLOCK;
        float[] v = new float[channels * Winograd.XI];
        float[] d = new float[16];
        float[] m = new float[Winograd.XI];
        for (int ty = 0; ty < Winograd.tileRows(p); ty++) {
            for (int tx = 0; tx < Winograd.tileColumns(p); tx++) {
                for (int c = 0; c < channels; c++) {
                    window(p, x, gate, xOff + c * p.inputPlane(), 2 * ty - p.padTop, 2 * tx - p.padLeft, d);
                    inputTransform(d, v, c * Winograd.XI);
                }
                for (int f = 0; f < p.filters; f++) {
                    for (int xi = 0; xi < Winograd.XI; xi++) {
                        int uBase = ((xi * blocks + f / Winograd.BLOCK) * channels) * Winograd.BLOCK + f % Winograd.BLOCK;
                        float acc = 0f;
                        for (int c = 0; c < channels; c++) {
                            acc = Math.fma(u[uBase + c * Winograd.BLOCK], v[c * Winograd.XI + xi], acc);
                        }
                        m[xi] = acc;
                    }
                    outputTransform(p, m, bias, f, y, rectified, yOff + f * p.outputPlane(), ty, tx);
                }
            }
        }
    }

    @Override
    public void weightGradient(ConvPlan p, int n, float[] x, float[] dy, float[] rectified, float[] dw, Workspace ws) {
        WinogradGradient.check(p);
        int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
        float[][] m = new float[chunks][Winograd.XI * p.filters * p.channels];
        Parallel.forEach(chunks, k -> {
            for (int i = Chunks.start(k, chunks, n); i < Chunks.end(k, chunks, n); i++) {
                imageProducts(p, x, i * p.inputSize(), dy, rectified, i * p.outputSize(), m[k]);
            }
        });
        WinogradGradient.addWeightGradient(p, m, chunks, p.filters, p.channels, dw);
    }

    /**
     * Adds one image's products to {@code m[(xi * F + f) * C + c]}: tile by tile in row-major
     * order, {@code m += Ŷ[xi][f] V[xi][c]} with one fused multiply-add each.
     */
    private static void imageProducts(ConvPlan p, float[] x, int xOff, float[] dy, float[] rectified, int dyOff,
                                      float[] m) {
        int channels = p.channels;
        int filters = p.filters;
        float[] v = new float[channels * Winograd.XI];
        float[] yhat = new float[Winograd.XI];
        float[] d = new float[16];
        for (int ty = 0; ty < Winograd.tileRows(p); ty++) {
            for (int tx = 0; tx < Winograd.tileColumns(p); tx++) {
                for (int c = 0; c < channels; c++) {
                    window(p, x, null, xOff + c * p.inputPlane(), 2 * ty - p.padTop, 2 * tx - p.padLeft, d);
                    inputTransform(d, v, c * Winograd.XI);
                }
                for (int f = 0; f < filters; f++) {
                    int plane = dyOff + f * p.outputPlane();
                    WinogradGradient.transformGradient(gradient(p, dy, rectified, plane, 2 * ty, 2 * tx),
                            gradient(p, dy, rectified, plane, 2 * ty, 2 * tx + 1),
                            gradient(p, dy, rectified, plane, 2 * ty + 1, 2 * tx),
                            gradient(p, dy, rectified, plane, 2 * ty + 1, 2 * tx + 1), yhat, 0, 1);
                    for (int xi = 0; xi < Winograd.XI; xi++) {
                        int row = (xi * filters + f) * channels;
                        for (int c = 0; c < channels; c++) {
                            m[row + c] = Math.fma(yhat[xi], v[c * Winograd.XI + xi], m[row + c]);
                        }
                    }
                }
            }
        }
    }

    /** The output gradient at {@code (oy, ox)} of a plane: 0 past the output or where {@code rectified} is not above 0. */
    private static float gradient(ConvPlan p, float[] dy, float[] rectified, int plane, int oy, int ox) {
        if (oy >= p.outH || ox >= p.outW) {
            return 0f;
        }
        int at = plane + oy * p.outW + ox;
        return rectified == null || rectified[at] > 0f ? dy[at] : 0f;
    }

    /**
     * The 4 x 4 window of one channel's zero-padded plane whose top left is input {@code (row, col)},
     * each element 0 where {@code gate} is not above 0.
     */
    private static void window(ConvPlan p, float[] x, float[] gate, int planeOff, int row, int col, float[] d) {
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                int r = row + a;
                int c = col + b;
                boolean inside = r >= 0 && r < p.height && c >= 0 && c < p.width;
                int at = planeOff + r * p.width + c;
                d[4 * a + b] = inside && (gate == null || gate[at] > 0) ? x[at] : 0f;
            }
        }
    }

    /** {@code V = Bᵀ (d B)} written to {@code v[at + xi]}: each row of {@code d} first, then the columns. */
    private static void inputTransform(float[] d, float[] v, int at) {
        float[] h = new float[16];
        for (int a = 0; a < 4; a++) {
            float d0 = d[4 * a];
            float d1 = d[4 * a + 1];
            float d2 = d[4 * a + 2];
            float d3 = d[4 * a + 3];
            h[4 * a] = d0 - d2;
            h[4 * a + 1] = d1 + d2;
            h[4 * a + 2] = d2 - d1;
            h[4 * a + 3] = d1 - d3;
        }
        for (int b = 0; b < 4; b++) {
            float h0 = h[b];
            float h1 = h[4 + b];
            float h2 = h[8 + b];
            float h3 = h[12 + b];
            v[at + b] = h0 - h2;
            v[at + 4 + b] = h1 + h2;
            v[at + 8 + b] = h2 - h1;
            v[at + 12 + b] = h1 - h3;
        }
    }

    /**
     * {@code Y = Aᵀ (M A)} plus {@code bias[f]} (0 if {@code null}, so that -0 reads +0) written to the tile's outputs
     * inside the plane, to {@code y} and rectified to {@code rectified} (unless {@code null}; only
     * there when it is {@code y}).
     */
    private static void outputTransform(ConvPlan p, float[] m, float[] bias, int f, float[] y, float[] rectified,
                                        int planeOff, int ty, int tx) {
        float[] s0 = new float[4];
        float[] s1 = new float[4];
        for (int a = 0; a < 4; a++) {
            s0[a] = m[4 * a] + m[4 * a + 1] + m[4 * a + 2];
            s1[a] = m[4 * a + 1] - m[4 * a + 2] - m[4 * a + 3];
        }
        float[][] out = {
            {s0[0] + s0[1] + s0[2], s1[0] + s1[1] + s1[2]},
            {s0[1] - s0[2] - s0[3], s1[1] - s1[2] - s1[3]},
        };
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int oy = 2 * ty + a;
                int ox = 2 * tx + b;
                if (oy < p.outH && ox < p.outW) {
                    float value = out[a][b] + (bias == null ? 0f : bias[f]);
                    int at = planeOff + oy * p.outW + ox;
                    if (rectified != y) {
                        y[at] = value;
                    }
                    if (rectified != null) {
                        rectified[at] = Math.max(value, 0f);
                    }
                }
            }
        }
    }
}
