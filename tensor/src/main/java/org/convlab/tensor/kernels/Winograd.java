package org.convlab.tensor.kernels;

import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
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
 * 2.25 times fewer. The Vector API kernels compute the forward pass and the input gradient of
 * every layer it {@link #applies} to in this form (training and inference alike), and the weight
 * gradient where {@link WinogradGradient#applies};
 * {@code -Dconvlab.winograd=false} turns it off ({@link #enabled}), for the direct form's sums of
 * the taps in order (the bits convlab gave before this form). The reference kernels (without the
 * Vector API) keep the direct form.
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
     * Whether the Vector API kernels use this form: unless the system property
     * {@code convlab.winograd} is {@code false}.
     */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("convlab.winograd"));
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
        float[] u = new float[transformedSize(p)];
        transformFilters(p.filters, p.channels, w, false, u);
        return u;
    }

    /**
     * {@link #transformFilters} into {@code u} (at least {@link #transformedSize} floats of the
     * plan it is for): the filters of a plan with {@code filters} outputs and {@code channels}
     * inputs, whose kernel for filter {@code f} and channel {@code c} is
     * {@code w[(f * channels + c) * 9 ...]}, or, when {@code flipped}, the kernel of the input
     * gradient ({@link #inputGradientPlan}): {@code w} is then the forward weight
     * {@code (channels, filters, 3, 3)} and the kernel for filter {@code f} and channel {@code c}
     * is {@code w[c, f]} turned by 180 degrees.
     */
    public static void transformFilters(int filters, int channels, float[] w, boolean flipped, float[] u) {
        int f1 = paddedFilters(filters);
        java.util.Arrays.fill(u, 0, XI * f1 * channels, 0f);
        double[] t = new double[12];
        double[] g = new double[9];
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < 9; k++) {
                    g[k] = flipped ? w[(c * filters + f) * 9 + 8 - k] : w[(f * channels + c) * 9 + k];
                }
                for (int j = 0; j < 3; j++) { // t = G g, 4 x 3
                    double g0 = g[j];
                    double g1 = g[3 + j];
                    double g2 = g[6 + j];
                    t[j] = g0;
                    t[3 + j] = 0.5 * (g0 + g1 + g2);
                    t[6 + j] = 0.5 * (g0 - g1 + g2);
                    t[9 + j] = g2;
                }
                for (int a = 0; a < 4; a++) { // U = t Gᵀ, 4 x 4
                    double t0 = t[3 * a];
                    double t1 = t[3 * a + 1];
                    double t2 = t[3 * a + 2];
                    int row = ((4 * a * (f1 / BLOCK) + f / BLOCK) * channels + c) * BLOCK + f % BLOCK;
                    int xiStep = (f1 / BLOCK) * channels * BLOCK;
                    u[row] = (float) t0;
                    u[row + xiStep] = (float) (0.5 * (t0 + t1 + t2));
                    u[row + 2 * xiStep] = (float) (0.5 * (t0 - t1 + t2));
                    u[row + 3 * xiStep] = (float) t2;
                }
            }
        }
    }

    /**
     * The plan of {@code p}'s input gradient as a convolution, or {@code null} when the Winograd
     * form does not apply to it: the output gradient {@code (F, OH, OW)} correlated with the
     * flipped, transposed weight into {@code (C, H, W)}, with padding {@code 2 - p}'s on each side
     * (so {@code p} must pad at most 2 on each side).
     */
    public static ConvPlan inputGradientPlan(ConvPlan p) {
        if (!applies(p)) {
            return null;
        }
        int padBottom = p.outH - p.height + 2 - p.padTop;
        int padRight = p.outW - p.width + 2 - p.padLeft;
        int[] before = {2 - p.padTop, 2 - p.padLeft};
        int[] after = {2 - padBottom, 2 - padRight};
        for (int i = 0; i < 2; i++) {
            if (before[i] < 0 || after[i] < 0) {
                return null;
            }
        }
        ConvPlan d = ConvPlan.of(ConvGeometry.builder().inChannels(p.filters).outChannels(p.channels)
                .size(p.outH, p.outW).kernel(3).padding(new Padding.Explicit(before, after)).build());
        return applies(d) && d.outH == p.height && d.outW == p.width ? d : null;
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
