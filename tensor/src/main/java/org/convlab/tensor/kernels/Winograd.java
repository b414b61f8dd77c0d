package org.convlab.tensor.kernels;

import org.convlab.algebra.PaddingMode;

/**
 * Winograd's minimal filtering F(2x2, 3x3) for the forward pass of a 3x3 convolution with stride
 * and dilation 1 (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016):
 * each 2 x 2 block of outputs ("tile") of a filter is
 * <pre>  Y = Aᵀ [ sum_c (G g_c Gᵀ) ⊙ (Bᵀ d_c B) ] A</pre>
 * where {@code g_c} is the filter's 3 x 3 kernel for input channel {@code c} and {@code d_c} the
 * 4 x 4 window of the zero-padded input under the tile. The sum over channels is 16 products
 * {@code M[xi] = U[xi] V[xi]} ({@code (F, C) x (C, tiles)}, one per element {@code xi} of the
 * 4 x 4 transformed tile): 16 C multiply-adds a tile and filter against the direct form's 36 C,
 * 2.25 times fewer. Used by an inference's convolutions ({@code Inference.of}); training keeps
 * the direct form, whose bits are PyTorch-like sums of the taps in order.
 *
 * <p>The transforms, with {@code u = 2^-24} (float32's unit roundoff):
 * <pre>
 *   Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]   G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]   Aᵀ = [1 1 1 0; 0 1 -1 -1]
 * </pre>
 * One fixed order for every element, the same at every vector width and thread count (so the
 * bits do not depend on either): {@code U = G g Gᵀ} in double, rounded once to float
 * ({@link #transformFilters}); {@code V = Bᵀ (d B)}, the rows of {@code d} first, each entry one
 * float addition or subtraction; {@code M[xi]} summed over the channels in order with fused
 * multiply-adds from zero; {@code Y = (Aᵀ M) A} computed as {@code (M A)} row by row then
 * {@code Aᵀ}, left to right, then the bias added (then the rectifier, when asked).
 *
 * <p>Error: each output differs from the exact (real-number) convolution of the float inputs by
 * at most about {@code (C + 8) u (S + |bias|)}, where
 * {@code S = |Aᵀ| [ sum_c |U_c| ⊙ (|Bᵀ| |d_c| |B|) ] |A|} is the same computation on absolute
 * values (a first-order bound from the standard model of float arithmetic: two roundings in
 * {@code V}, one in {@code U}, {@code C} in the sum over channels, four in the output transform
 * and one for the bias). {@code WinogradTest} checks the bound against a double-precision direct
 * convolution; the golden tests hold the stated tolerance {@code Tolerance.F32_WINOGRAD} against
 * PyTorch.
 */
public final class Winograd {
    /** Elements of a transformed 4 x 4 tile: the number of products {@code U[xi] V[xi]}. */
    public static final int XI = 16;
    /** Filters a packed block of {@link #transformFilters} holds: the SIMD kernel's register tile height. */
    public static final int BLOCK = 8;
    /**
     * Fewest input and output channels for which {@link #applies}: with fewer, the input and output
     * transforms (about 32 additions a tile per input channel, 24 per output channel) cost more
     * than the multiply-adds saved (20 a tile per channel pair).
     */
    public static final int MIN_CHANNELS = 8;

    private Winograd() {
    }

    /**
     * Whether this form computes {@code p}'s forward pass: 2-D, a 3 x 3 kernel, stride and
     * dilation 1, one group, zero padding (any amount on each side), and at least
     * {@link #MIN_CHANNELS} input and output channels.
     */
    public static boolean applies(ConvPlan p) {
        return p.kernelH == 3 && p.kernelW == 3 && p.strideH == 1 && p.strideW == 1 && p.dilationH == 1
                && p.dilationW == 1 && p.groups == 1 && p.mode == PaddingMode.ZEROS && p.channels >= MIN_CHANNELS && p.filters >= MIN_CHANNELS;
    }

    /** Filters rounded up to a multiple of {@link #BLOCK}: the packed filters' rows. */
    public static int paddedFilters(int filters) {
        return (filters + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Floats {@link #transformFilters} returns for {@code p}. */
    public static int transformedSize(ConvPlan p) {
        return XI * paddedFilters(p.filters) * p.channels;
    }

    /**
     * The transformed filters {@code U = G g Gᵀ} of the weight {@code w} {@code (F, C, 3, 3)},
     * packed as {@code u[((xi * F' / 8 + f / 8) * C + c) * 8 + f % 8]} for element
     * {@code xi = 4 a + b} of the transformed tile, filter {@code f} and channel {@code c}
     * ({@code F'} = {@link #paddedFilters}; the padding filters are zero). Computed in double and
     * rounded once, so any machine gives the same floats.
     */
    public static float[] transformFilters(ConvPlan p, float[] w) {
        int f1 = paddedFilters(p.filters);
        int channels = p.channels;
        float[] u = new float[XI * f1 * channels];
        double[] t = new double[12];
        for (int f = 0; f < p.filters; f++) {
            for (int c = 0; c < channels; c++) {
                int g = (f * channels + c) * 9;
                for (int j = 0; j < 3; j++) { // t = G g, 4 x 3
                    double g0 = w[g + j];
                    double g1 = w[g + 3 + j];
                    double g2 = w[g + 6 + j];
                    t[j] = g0;
                    t[3 + j] = 0.5 * (g0 + g1 + g2);
                    t[6 + j] = 0.5 * (g0 - g1 + g2);
                    t[9 + j] = g2;
                }
                for (int a = 0; a < 4; a++) { // U = t Gᵀ, 4 x 4
                    double t0 = t[3 * a];
                    double t1 = t[3 * a + 1];
                    double t2 = t[3 * a + 2];
                    double[] row = {t0, 0.5 * (t0 + t1 + t2), 0.5 * (t0 - t1 + t2), t2};
                    for (int b = 0; b < 4; b++) {
                        int xi = 4 * a + b;
                        u[((xi * (f1 / BLOCK) + f / BLOCK) * channels + c) * BLOCK + f % BLOCK] = (float) row[b];
                    }
                }
            }
        }
        return u;
    }

    /** Tile rows of {@code p}'s output: {@code ceil(OH / 2)}. */
    public static int tileRows(ConvPlan p) {
        return (p.outH + 1) / 2;
    }

    /** Tile columns of {@code p}'s output: {@code ceil(OW / 2)}. */
    public static int tileColumns(ConvPlan p) {
        return (p.outW + 1) / 2;
    }
}
