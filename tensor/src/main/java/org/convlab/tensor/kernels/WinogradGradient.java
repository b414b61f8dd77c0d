package org.convlab.tensor.kernels;

/**
 * The weight gradient of a 3x3 convolution in Winograd's F(2x2, 3x3) form ({@link Winograd}): the
 * forward pass computes each 2 x 2 output tile as {@code Y = Aᵀ [U ⊙ V] A} with
 * {@code U = G g Gᵀ}, so the gradient of the filter {@code g} (filter {@code f}, channel {@code c})
 * is
 * <pre>  dg = Gᵀ [ sum_{n, tiles} (A dY Aᵀ) ⊙ V ] G</pre>
 * where {@code dY} is the tile's 2 x 2 output gradient of filter {@code f} (zero past the output's
 * edge) and {@code V = Bᵀ d B} the transformed 4 x 4 input window of channel {@code c}, exactly as
 * the forward pass transforms it. The sum is 16 products
 * {@code M[xi] = Ŷ[xi] V[xi]ᵀ} ({@code (F, tiles) x (tiles, C)}), one per element {@code xi} of
 * the transformed tile: 16 multiply-adds a tile and channel pair against the direct form's 36.
 *
 * <p>One fixed order, the same at every vector width and thread count: {@code Ŷ = (A dY) Aᵀ},
 * each entry one float addition, subtraction or negation of the tile's four gradients
 * ({@link #transformGradient}); {@code V} as in the forward pass; each {@code M[xi][f][c]} one
 * chain of fused multiply-adds from zero over the images of a chunk ({@link Chunks}, at most
 * {@link Chunks#MAX_IMAGE_CHUNKS}, by the batch size only) in order and over each image's tiles
 * in row-major order; then {@code Gᵀ M G} of every chunk in double, the chunks summed in order in
 * double, rounded once and added to the weight's gradient ({@link #addWeightGradient}).
 *
 * <p>Error: each weight's gradient differs from the exact one of the float inputs by at most about
 * {@code (N T + 6) u S}, {@code N T} the images times tiles and
 * {@code S = |G|ᵀ [ sum |Ŷ| ⊙ (|Bᵀ| |d| |B|) ] |G|} the same sum on absolute values (two roundings
 * in {@code Ŷ}, two in {@code V}, {@code N T} in the chain, one at the end): the bound of a float
 * sum of the same length, for sums whose terms do not cancel much more than the direct form's.
 * {@code WinogradGradientTest} checks it against a double-precision direct gradient.
 */
public final class WinogradGradient {
    /**
     * Fewest input channels for which the weight gradient takes this form: with fewer, the SIMD
     * kernel's 2L-channel tiles (32 channels at 512 bits) are mostly padding.
     */
    public static final int MIN_CHANNELS = 16;

    private WinogradGradient() {
    }

    /**
     * Whether this form computes {@code p}'s weight gradient: where {@link Winograd#applies}, with
     * at least {@link #MIN_CHANNELS} input channels and padding of at least 0 on every side.
     */
    public static boolean applies(ConvPlan p) {
        return Winograd.applies(p) && p.channels >= MIN_CHANNELS && p.padTop >= 0 && p.padLeft >= 0
                && p.outH - p.height + 2 - p.padTop >= 0 && p.outW - p.width + 2 - p.padLeft >= 0;
    }

    /** Throws {@link IllegalArgumentException} naming the plan unless this form {@link #applies} to it. */
    public static void check(ConvPlan p) {
        if (!applies(p)) {
            throw new IllegalArgumentException("Winograd's weight gradient does not apply to " + p
                    + " (see WinogradGradient.applies)");
        }
    }

    /**
     * {@code yhat[at + xi*step] = Ŷ[xi] = ((A dY) Aᵀ)[xi]} for the tile gradient
     * {@code dY = [a b; c d]}, each entry as the SIMD kernel computes it:
     * {@code A dY} has rows {@code (a, b), (a+c, b+d), (a-c, b-d), (-c, -d)}, and each row
     * {@code (s, t)} becomes {@code (s, s+t, s-t, -t)}.
     */
    public static void transformGradient(float a, float b, float c, float d, float[] yhat, int at, int step) {
        row(a, b, yhat, at, step);
        row(a + c, b + d, yhat, at + 4 * step, step);
        row(a - c, b - d, yhat, at + 8 * step, step);
        row(-c, -d, yhat, at + 12 * step, step);
    }

    private static void row(float s, float t, float[] yhat, int at, int step) {
        yhat[at] = s;
        yhat[at + step] = s + t;
        yhat[at + 2 * step] = s - t;
        yhat[at + 3 * step] = -t;
    }

    /**
     * {@code dw[f, c] += (float) sum_chunks Gᵀ M G} for every filter and channel of {@code p}, each
     * chunk's {@code M[xi][f][c]} at {@code m[chunk][(xi * filterStride + f) * channelStride + c]},
     * the chunks summed in order in double and the sum rounded once.
     *
     * @param dw the weight's gradient {@code (F, C, 3, 3)}
     */
    public static void addWeightGradient(ConvPlan p, float[][] m, int chunks, int filterStride, int channelStride,
                                         float[] dw) {
        int xiStep = filterStride * channelStride;
        double[] mt = new double[16];
        double[] t = new double[12];
        double[] sum = new double[9];
        for (int f = 0; f < p.filters; f++) {
            for (int c = 0; c < p.channels; c++) {
                java.util.Arrays.fill(sum, 0.0);
                for (int k = 0; k < chunks; k++) {
                    int at = f * channelStride + c;
                    for (int xi = 0; xi < Winograd.XI; xi++) {
                        mt[xi] = m[k][at + xi * xiStep];
                    }
                    for (int j = 0; j < 4; j++) { // t = Gᵀ M, 3 x 4
                        double m0 = mt[j];
                        double m1 = mt[4 + j];
                        double m2 = mt[8 + j];
                        double m3 = mt[12 + j];
                        t[j] = m0 + 0.5 * (m1 + m2);
                        t[4 + j] = 0.5 * (m1 - m2);
                        t[8 + j] = 0.5 * (m1 + m2) + m3;
                    }
                    for (int i = 0; i < 3; i++) { // dg = t G, 3 x 3
                        double t0 = t[4 * i];
                        double t1 = t[4 * i + 1];
                        double t2 = t[4 * i + 2];
                        double t3 = t[4 * i + 3];
                        sum[3 * i] += t0 + 0.5 * (t1 + t2);
                        sum[3 * i + 1] += 0.5 * (t1 - t2);
                        sum[3 * i + 2] += 0.5 * (t1 + t2) + t3;
                    }
                }
                int row = (f * p.channels + c) * 9;
                for (int k = 0; k < 9; k++) {
                    dw[row + k] += (float) sum[k];
                }
            }
        }
    }
}
