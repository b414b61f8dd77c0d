package org.convlab.tensor.simd;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.convlab.algebra.PaddingMode;
import org.convlab.tensor.kernels.Chunks;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.ConvKernels;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.kernels.WinogradGradient;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;

/**
 * Convolution by direct Vector API kernels, without an im2col matrix:
 * <ul>
 * <li>forward and input gradient of the 3x3 layers {@link Winograd#applies} to — Winograd's
 * F(2x2, 3x3) form ({@link SimdWinograd});</li>
 * <li>forward — per image, the input is padded once and {@link DirectConv} correlates it with
 * the filters packed in panels of 6 channels, bias added in the kernel's epilogue; with fewer
 * than {@link #MIN_DIRECT_FORWARD_TAPS} taps, {@link FewTapsForward}: one product per image on
 * the GEMM's micro-kernels, B packed from the padded image;</li>
 * <li>input gradient (stride 1, zero padding) — the same kernels correlate the padded output
 * gradient with the transposed, flipped filters;</li>
 * <li>weight gradient (at least 8 filters per group) — {@link DirectWeightGrad}, an implicit GEMM
 * over the padded inputs and the transposed output gradient, chunks of images whose sums are
 * added in chunk order; in Winograd's form where {@link WinogradGradient#applies}
 * ({@link SimdWinogradGradient}, the same chunks);</li>
 * <li>bias gradient — sums of the output gradient per channel, with the weight gradient's images
 * (else on {@code fallback}).</li>
 * </ul>
 * {@link #backwardRectified} masks the output gradient by a following rectifier image by image,
 * on the way into the kernels.
 * Anything else (a width stride above 1, an input gradient with stride or non-zero padding
 * mode, very narrow outputs) goes to {@code fallback}, the engine's im2col + GEMM path.
 *
 * <p>Shapes as in {@link ConvKernels}: {@code x (n, C, H, W)}, {@code w (F, C/g, kH, kW)},
 * {@code y, dy (n, F, OH, OW)}. Work is split into chunks that depend only on the problem
 * (images for the forward and input gradient, {@link Chunks} of images for the weight
 * gradient), and every sum runs in a fixed order, so results do not depend on the thread count.
 */
public final class SimdConv implements ConvKernels {
    private static final Workspace.Key KEY_FILTERS = Workspace.key("SimdConv.filters");
    private static final Workspace.Key KEY_DW_TILES = Workspace.key("SimdConv.dwTiles");
    private static final Workspace.Key KEY_DB_SUMS = Workspace.key("SimdConv.dbSums");
    private static final Workspace.Key KEY_WINOGRAD_FORWARD = Workspace.key("SimdConv.winogradForward");
    private static final Workspace.Key KEY_WINOGRAD_DX = Workspace.key("SimdConv.winogradInputGradient");
    private static final Workspace.Key KEY_WINOGRAD_SOURCE = Workspace.key("SimdConv.winogradSource");

    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[DirectConv.TILE], new float[0], new float[0]});

    private final ConvKernels fallback;
    private final double minDirectFlops;
    /** Whether the 3x3 layers {@link Winograd#applies} to run their forward pass and input gradient in its form (and their weight gradient where {@link WinogradGradient#applies}). */
    private final boolean winograd;
    private final SimdWinograd winogradKernel = new SimdWinograd();
    /** The input gradient's plan of each plan seen, as {@link Winograd#inputGradientPlan} gives it (absent: none). */
    private final Map<ConvPlan, Optional<ConvPlan>> inputGradientPlans = Collections.synchronizedMap(new WeakHashMap<>());
    /** The two correlations of each plan seen (forward, input gradient), built once: no allocation per call. */
    private final Map<ConvPlan, Correlation[]> correlations = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The engine's kernels: Winograd's form for the forward pass and input gradient of the 3x3
     * layers it applies to (unless {@code -Dconvlab.winograd=false}, {@link Winograd#enabled}),
     * direct kernels where they apply and pay (see {@link #MIN_DIRECT_FLOPS}), {@code fallback}
     * elsewhere.
     */
    public SimdConv(ConvKernels fallback) {
        this(fallback, MIN_DIRECT_FLOPS, Winograd.enabled());
    }

    /** Direct kernels for every call of at least {@code minDirectFlops} multiply-adds (0: all) they apply to, no Winograd form. */
    public SimdConv(ConvKernels fallback, double minDirectFlops) {
        this(fallback, minDirectFlops, false);
    }

    /**
     * Direct kernels (or, with {@code winograd}, Winograd's form where it applies) for every call
     * of at least {@code minDirectFlops} multiply-adds (0: all).
     */
    public SimdConv(ConvKernels fallback, double minDirectFlops, boolean winograd) {
        this.fallback = fallback;
        this.minDirectFlops = minDirectFlops;
        this.winograd = winograd;
    }

    /**
     * Multiply-adds per call below which the im2col + GEMM path is used: small problems gain
     * little from the direct kernels, and sending them to the GEMM (whose kernels every layer
     * shares) keeps the number of methods the JIT must compile before a run stops allocating
     * (interpreted Vector API code boxes its vectors) small.
     */
    public static final double MIN_DIRECT_FLOPS = 4e6;

    /**
     * Taps ({@code (C/g) kH kW}) below which the forward pass runs on {@link FewTapsForward}
     * (where it applies, else the im2col path): with few taps each direct tile's loop is short
     * and its set-up and epilogue weigh (a 1-channel 5x5 layer measured 18.5 GFLOP/s direct
     * against 28.6 through im2col + GEMM, which {@code FewTapsForward} beats by 1.06-1.16x).
     */
    static final int MIN_DIRECT_FORWARD_TAPS = 32;

    /**
     * Whether a forward pass with fewer than {@link #MIN_DIRECT_FORWARD_TAPS} taps runs on the
     * direct kernels all the same: when it writes only the rectified output ({@code inPlace}: an
     * {@code Inference}, or a training step before an in-place {@code ReLU}), with 32 vector registers ({@link CorrelationKernel#k8x2}), height stride 1
     * (where the alternative is {@link FewTapsForward}), and where the direct tiles' octets waste no
     * more lanes than {@code FewTapsForward}'s padded rows (a row's octets span at most its padded
     * width), on a JDK that compiles masked stores ({@link Lanes#MASKED_STORES}) unless the rows
     * are whole vectors (JDK 17 with its cleanup flags ran the 1x28x28 ConvNet's inference 0.90-0.94x
     * through the direct kernels' masked stores). The same bits either way (each output is the same
     * chain over the taps, then the bias). Measured, 1->32 5x5 layers, batch 64, one thread,
     * AMD Zen 4 at 512 bits, JDK 25: in place, direct against {@code FewTapsForward}, 1.09-1.12x on
     * 28x28 (the 1x28x28 ConvNet's inference 1.04-1.06x) and 1.04x on 64x64, 0.89x on 20x20 (octets of
     * 16 + 4 columns against padded rows of 24); writing both outputs (before a {@code ReLU()} with a
     * buffer of its own) 0.96-0.99x on 28x28.
     */
    static boolean fewTapsRunDirect(Correlation g, boolean inPlace) {
        return inPlace && CorrelationKernel.P == 8 && g.strideH == 1 && g.octetsPerRow() * Lanes.L <= g.paddedW
                && (Lanes.MASKED_STORES || g.outW % Lanes.L == 0);
    }

    /** Whether the forward pass and the weight gradient of {@code p} run on the direct kernels. */
    public static boolean direct(ConvPlan p) {
        return p.strideW == 1 && p.outW >= 4;
    }

    /**
     * Whether the weight gradient of {@code p} runs on the direct kernel: as the forward pass,
     * with at least 8 filters per group (the kernel's tiles are 16 channels wide).
     */
    public static boolean directWeightGradient(ConvPlan p) {
        return direct(p) && p.filtersPerGroup >= 8;
    }

    /** Whether the input gradient of {@code p} runs on the direct kernels. */
    public static boolean directInputGradient(ConvPlan p) {
        return direct(p) && p.strideH == 1 && p.mode == PaddingMode.ZEROS && p.width >= 4;
    }

    /** Whether a batch of {@code n} images of {@code p} is large enough for the direct kernels. */
    private boolean large(ConvPlan p, int n) {
        return 2.0 * n * p.outputSize() * p.taps() >= minDirectFlops;
    }

    private Correlation forwardCorrelation(ConvPlan p) {
        return correlations(p)[0];
    }

    private Correlation inputGradientCorrelation(ConvPlan p) {
        return correlations(p)[1];
    }

    private Correlation[] correlations(ConvPlan p) {
        Correlation[] c = correlations.get(p);
        if (c == null) {
            c = new Correlation[] {newForwardCorrelation(p), newInputGradientCorrelation(p)};
            correlations.put(p, c);
        }
        return c;
    }

    /** The forward pass of one group of {@code p} as a correlation. */
    static Correlation newForwardCorrelation(ConvPlan p) {
        return new Correlation(p.channelsPerGroup, p.height, p.width, p.padTop, p.padLeft, p.mode,
                p.filtersPerGroup, p.outH, p.outW, p.kernelH, p.kernelW, p.dilationH, p.dilationW, p.strideH);
    }

    private static Correlation newInputGradientCorrelation(ConvPlan p) {
        return new Correlation(p.filtersPerGroup, p.outH, p.outW,
                (p.kernelH - 1) * p.dilationH - p.padTop, (p.kernelW - 1) * p.dilationW - p.padLeft, PaddingMode.ZEROS,
                p.channelsPerGroup, p.height, p.width, p.kernelH, p.kernelW, p.dilationH, p.dilationW, 1);
    }

    /** Per-thread scratch: a padded image of at least {@code size} floats and tiles of at least {@code tiles}. */
    private static float[][] scratch(int size, int tiles) {
        return scratch(size, tiles, 0);
    }

    /** {@link #scratch(int, int)} and a third buffer of at least {@code image} floats (a masked image). */
    private static float[][] scratch(int size, int tiles, int image) {
        return ThreadScratch.grow(SCRATCH.get(), size, tiles, image);
    }

    /** {@link #scratch(int, int, int)} and a fourth buffer of at least {@code channelsLast} floats (a transposed image). */
    private static float[][] scratch(int size, int tiles, int image, int channelsLast) {
        return ThreadScratch.grow(SCRATCH.get(), size, tiles, image, channelsLast);
    }

    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws) {
        forwardRectified(p, n, x, w, bias, y, null, ws);
    }

    @Override
    public void forwardRectified(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, float[] rectified,
                                 Workspace ws) {
        if (winograd && Winograd.applies(p) && large(p, n)) {
            winogradKernel.forward(p, n, x, null, transformedFilters(p, w, ws), bias, y, rectified);
            return;
        }
        if (!direct(p) || !large(p, n)) {
            fallback.forwardRectified(p, n, x, w, bias, y, rectified, ws);
            return;
        }
        Correlation g = forwardCorrelation(p);
        if (p.taps() < MIN_DIRECT_FORWARD_TAPS && !fewTapsRunDirect(g, rectified == y)) {
            if (FewTapsForward.applies(p, g)) {
                FewTapsForward.forward(p, g, n, x, w, bias, y, rectified, ws);
            } else {
                fallback.forwardRectified(p, n, x, w, bias, y, rectified, ws);
            }
            return;
        }
        int packed = DirectConv.packedSize(g);
        float[] wp = ws.floats(KEY_FILTERS, packed * p.groups);
        for (int gi = 0; gi < p.groups; gi++) {
            DirectConv.packFilters(g, w, gi * p.filtersPerGroup * g.taps(), wp, gi * packed);
        }
        int inImage = p.inputSize();
        int outImage = p.outputSize();
        int inGroup = p.channelsPerGroup * p.inputPlane();
        int outGroup = p.filtersPerGroup * p.outputPlane();
        Parallel.forEach(n * p.groups, task -> {
            int i = task / p.groups;
            int gi = task % p.groups;
            float[][] s = scratch(g.paddedSize(), DirectConv.scratchSize(g));
            float[] xpad = g.padded(x, i * inImage + gi * inGroup, s[0]);
            DirectConv.image(g, wp, gi * packed, xpad, bias, gi * p.filtersPerGroup, y, i * outImage + gi * outGroup, rectified,
                    s[1]);
        });
    }

    @Override
    public void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw, float[] dbias,
                         Workspace ws) {
        backward(p, n, x, w, dy, null, dx, dw, dbias, ws);
    }

    @Override
    public void backwardRectified(ConvPlan p, int n, float[] x, float[] w, float[] dyRectified, float[] rectified,
                                  float[] dx, float[] dw, float[] dbias, Workspace ws) {
        backward(p, n, x, w, dyRectified, rectified, dx, dw, dbias, ws);
    }

    /**
     * Both backward passes: the output gradient is {@code dy}, masked by {@code rectified > 0}
     * when {@code rectified} is given (image by image, on the way into the kernels). The bias
     * gradient is summed with the weight gradient's images when that runs direct.
     */
    private void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] rectified, float[] dx,
                          float[] dw, float[] dbias, Workspace ws) {
        boolean directDx = dx != null && directInputGradient(p) && large(p, n);
        boolean directDw = dw != null && directWeightGradient(p) && large(p, n);
        float[] masked = dy;
        boolean fallbackDx = dx != null && !directDx;
        boolean fallbackDw = dw != null && !directDw;
        boolean fallbackDb = dbias != null && !directDw;
        if (rectified != null && (fallbackDx || fallbackDw || fallbackDb)) {
            int size = n * p.outputSize();
            masked = ws.floats(KEY_MASKED, size);
            Kernels.elementwise().reluBackward(rectified, dy, masked, size);
        }
        if (fallbackDx || fallbackDw || fallbackDb) {
            fallback.backward(p, n, x, w, masked, fallbackDx ? dx : null, fallbackDw ? dw : null,
                    fallbackDb ? dbias : null, ws);
        }
        ConvPlan winogradDx = directDx && winograd ? inputGradientPlan(p) : null;
        if (winogradDx != null) {
            float[] u = ws.floats(KEY_WINOGRAD_DX, Winograd.transformedSize(winogradDx));
            Winograd.transformFilters(p.channels, p.filters, w, true, u);
            winogradKernel.forward(winogradDx, n, dy, rectified, u, null, dx, null);
        } else if (directDx) {
            inputGradient(p, n, w, dy, rectified, dx, ws);
        }
        if (directDw && winograd && WinogradGradient.applies(p)) {
            winogradKernel.weightGradient(p, n, x, dy, rectified, dw, dbias, ws);
        } else if (directDw) {
            weightGradient(p, n, x, dy, rectified, dw, dbias, ws);
        }
    }

    /**
     * The forward pass's filters in Winograd's form, kept in {@code ws} with a copy of the weight
     * they came from: transformed again only when the weight (or the layer's shape) differs from
     * that copy, as it does after every training step but not between the calls of an
     * inference.
     */
    private static float[] transformedFilters(ConvPlan p, float[] w, Workspace ws) {
        float[] u = ws.floats(KEY_WINOGRAD_FORWARD, Winograd.transformedSize(p));
        int size = p.weightSize();
        float[] source = ws.floats(KEY_WINOGRAD_SOURCE, size + 2);
        boolean same = source[0] == p.filters && source[1] == p.channels
                && java.util.Arrays.equals(source, 2, size + 2, w, 0, size);
        if (!same) {
            Winograd.transformFilters(p.filters, p.channels, w, false, u);
            source[0] = p.filters;
            source[1] = p.channels;
            System.arraycopy(w, 0, source, 2, size);
        }
        return u;
    }

    /** {@link Winograd#inputGradientPlan} of {@code p}, made once. */
    private ConvPlan inputGradientPlan(ConvPlan p) {
        Optional<ConvPlan> d = inputGradientPlans.get(p);
        if (d == null) {
            d = Optional.ofNullable(Winograd.inputGradientPlan(p));
            inputGradientPlans.put(p, d);
        }
        return d.orElse(null);
    }

    private void inputGradient(ConvPlan p, int n, float[] w, float[] dy, float[] rectified, float[] dx, Workspace ws) {
        Correlation g = inputGradientCorrelation(p);
        int packed = DirectConv.packedSize(g);
        float[] wp = ws.floats(KEY_FILTERS, packed * p.groups);
        int groupWeights = p.filtersPerGroup * p.channelsPerGroup * p.kernelH * p.kernelW;
        for (int gi = 0; gi < p.groups; gi++) {
            DirectConv.packFlippedFilters(g, w, gi * groupWeights, wp, gi * packed);
        }
        int inImage = p.inputSize();
        int outImage = p.outputSize();
        int inGroup = p.channelsPerGroup * p.inputPlane();
        int outGroup = p.filtersPerGroup * p.outputPlane();
        Parallel.forEach(n * p.groups, task -> {
            int i = task / p.groups;
            int gi = task % p.groups;
            float[][] s = scratch(g.paddedSize(), DirectConv.scratchSize(g), rectified == null ? 0 : outGroup);
            int off = i * outImage + gi * outGroup;
            float[] dypad;
            if (rectified == null) {
                dypad = g.padded(dy, off, s[0]);
            } else {
                SimdElementwise.mask(rectified, dy, off, s[2], outGroup);
                dypad = g.padded(s[2], 0, s[0]);
            }
            DirectConv.image(g, wp, gi * packed, dypad, null, 0, dx, i * inImage + gi * inGroup, s[1]);
        });
    }

    private void weightGradient(ConvPlan p, int n, float[] x, float[] dy, float[] rectified, float[] dw,
                                float[] dbias, Workspace ws) {
        Correlation g = forwardCorrelation(p);
        int chunks = Chunks.count(n, Chunks.MAX_IMAGE_CHUNKS);
        int tiles = DirectWeightGrad.tilesSize(g);
        int fg = p.filtersPerGroup;
        float[][] acc = ws.floats(KEY_DW_TILES, chunks, tiles);
        float[][] biasAcc = dbias == null ? null : ws.floats(KEY_DB_SUMS, chunks, fg);
        int inImage = p.inputSize();
        int outImage = p.outputSize();
        int inGroup = p.channelsPerGroup * p.inputPlane();
        int outGroup = fg * p.outputPlane();
        for (int gi = 0; gi < p.groups; gi++) {
            int group = gi;
            Parallel.forEach(chunks, c -> {
                float[][] s = scratch(g.paddedSize(), DirectWeightGrad.transposedSize(g),
                        rectified == null ? 0 : outGroup, DirectWeightGrad.channelsLastSize(g));
                java.util.Arrays.fill(acc[c], 0, tiles, 0f);
                float[] sums = null;
                if (biasAcc != null) {
                    sums = biasAcc[c];
                    java.util.Arrays.fill(sums, 0, fg, 0f);
                }
                DirectWeightGrad.images(g, Chunks.start(c, chunks, n), Chunks.end(c, chunks, n), x, inImage,
                        group * inGroup, dy, rectified, outImage, group * outGroup, s[0], s[3], s[1], s[2], acc[c], sums);
            });
            int dwOff = gi * fg * g.taps();
            for (int c = 0; c < chunks; c++) {
                DirectWeightGrad.addTiles(g, acc[c], dw, dwOff);
                if (biasAcc != null) {
                    for (int o = 0; o < fg; o++) {
                        dbias[gi * fg + o] += biasAcc[c][o];
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SimdConv(fallback " + fallback + ")";
    }
}
