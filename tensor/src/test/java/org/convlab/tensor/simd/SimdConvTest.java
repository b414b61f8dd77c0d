package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.FloatAssertions.assertClose;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.core.BadParameterException;
import org.convlab.tensor.kernels.ConvKernels;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.GemmConv;
import org.convlab.tensor.kernels.ReferenceConv;
import org.convlab.tensor.kernels.ReferenceGemm;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimdConvTest {
    private static final ConvKernels REFERENCE = new ReferenceConv();
    private final SimdConv fast = new SimdConv(new GemmConv(new ReferenceGemm()), 0);

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    /** Random 1-D and 2-D geometries that the direct kernels take (width stride 1, outputs at least 4 wide). */
    static Stream<Arguments> geometries() {
        Random r = new Random(2024);
        int[] channels = {1, 2, 3, 4, 5, 8, 13, 16};
        return IntStream.range(0, 90).mapToObj(i -> {
            while (true) {
                boolean twoD = r.nextInt(4) != 0;
                int groups = r.nextInt(5) == 0 ? 2 : 1;
                int c = channels[r.nextInt(channels.length)] * groups;
                int f = channels[r.nextInt(channels.length)] * groups;
                int kh = twoD ? 1 + r.nextInt(5) : 1;
                int kw = 1 + r.nextInt(5);
                int dh = twoD && r.nextInt(4) == 0 ? 2 : 1;
                int dw = r.nextInt(4) == 0 ? 2 : 1;
                int sh = twoD && r.nextInt(4) == 0 ? 2 : 1;
                int h = twoD ? 1 + r.nextInt(12) : 1;
                int w = 4 + r.nextInt(30);
                PaddingMode mode = r.nextInt(3) == 0 ? PaddingMode.values()[r.nextInt(4)] : PaddingMode.ZEROS;
                int[] before = twoD ? new int[] {r.nextInt(3), r.nextInt(3)} : new int[] {r.nextInt(3)};
                int[] after = twoD ? new int[] {r.nextInt(3), r.nextInt(3)} : new int[] {r.nextInt(3)};
                try {
                    ConvGeometry.Builder b = ConvGeometry.builder().inChannels(c).outChannels(f).groups(groups)
                            .padding(new Padding.Explicit(before, after)).paddingMode(mode);
                    ConvGeometry g = twoD
                            ? b.size(h, w).kernel(kh, kw).stride(sh, 1).dilation(dh, dw).build()
                            : b.size(w).kernel(kw).dilation(dw).build();
                    ConvPlan p = ConvPlan.of(g);
                    if (SimdConv.direct(p)) {
                        return Arguments.of(i, p, 1 + r.nextInt(3));
                    }
                } catch (BadParameterException e) {
                    // an invalid combination: draw again
                }
            }
        });
    }

    @ParameterizedTest(name = "#{0}: {1} n={2}")
    @MethodSource("geometries")
    void matchesTheReferenceForwardAndBackward(int seed, ConvPlan p, int n) {
        Random r = new Random(seed);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = seed % 3 == 0 ? null : random(r, p.filters);
        float[] dy = random(r, n * p.outputSize());
        float[] dw0 = random(r, p.weightSize());
        float[] db0 = random(r, p.filters);

        float[] y = new float[n * p.outputSize()];
        float[] dx = new float[n * p.inputSize()];
        float[] dw = dw0.clone();
        float[] db = db0.clone();
        REFERENCE.forward(p, n, x, w, bias, y, null);
        REFERENCE.backward(p, n, x, w, dy, dx, dw, db, null);

        Workspace ws = new Workspace();
        for (int repeat = 0; repeat < 2; repeat++) {
            float[] y2 = filled(y.length, Float.NaN);
            float[] dx2 = filled(dx.length, Float.NaN);
            float[] dw2 = dw0.clone();
            float[] db2 = db0.clone();
            fast.forward(p, n, x, w, bias, y2, ws);
            fast.backward(p, n, x, w, dy, dx2, dw2, db2, ws);
            int taps = p.channelsPerGroup * p.kernelH * p.kernelW;
            assertClose(y, y2, Tolerances.dot(taps, 1f), "y " + p);
            assertClose(dx, dx2, Tolerances.dot(p.filtersPerGroup * p.kernelH * p.kernelW, 1f), "dx " + p);
            assertClose(dw, dw2, Tolerances.dot(n * p.outputPlane(), 1f), "dw " + p);
            assertClose(db, db2, Tolerances.dot(n * p.outputPlane(), 1f), "db " + p);
        }
    }

    /** The fused rectifier (direct kernels' epilogue, or the GEMM path's per image) against forward then relu, bit for bit. */
    @ParameterizedTest(name = "#{0}: {1} n={2}")
    @MethodSource("geometries")
    void forwardThroughARectifierGivesTheForwardBitsAndTheirRectifier(int seed, ConvPlan p, int n) {
        Random r = new Random(seed + 2000);
        float[] x = random(r, n * p.inputSize());
        if (seed % 5 == 0) {
            x[r.nextInt(x.length)] = Float.NaN; // NaN stays NaN through the rectifier
        }
        float[] w = random(r, p.weightSize());
        float[] bias = seed % 3 == 0 ? null : random(r, p.filters);
        Workspace ws = new Workspace();
        float[] y = new float[n * p.outputSize()];
        fast.forward(p, n, x, w, bias, y, ws);
        float[] relu = new float[y.length];
        new SimdElementwise().relu(y, relu, y.length);

        float[] y2 = filled(y.length, Float.NaN);
        float[] rectified = filled(y.length, Float.NaN);
        fast.forwardRectified(p, n, x, w, bias, y2, rectified, ws);
        assertThat(y2).as("y " + p).containsExactly(y);
        assertThat(rectified).as("rectified " + p).containsExactly(relu);

        float[] inPlace = filled(y.length, Float.NaN);
        fast.forwardRectified(p, n, x, w, bias, inPlace, inPlace, ws);
        assertThat(inPlace).as("rectified in place " + p).containsExactly(relu);
    }

    /**
     * Up to one depth block of the GEMM ({@link SimdGemm#KC} taps) the direct kernels and the
     * im2col + GEMM path sum each output in the same order (one FMA chain over the taps from
     * zero, then the bias), so which one such a layer takes does not change its bits. (With
     * more taps the GEMM adds its blocks' sums instead of continuing one chain.)
     */
    @ParameterizedTest(name = "#{0}: {1} n={2}")
    @MethodSource("geometries")
    void theDirectAndTheIm2colForwardPathsGiveTheSameBitsWithinOneDepthBlock(int seed, ConvPlan p, int n) {
        if (p.taps() > SimdGemm.KC) {
            return;
        }
        Random r = new Random(seed + 3000);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = seed % 3 == 0 ? null : random(r, p.filters);
        float[] viaGemm = new float[n * p.outputSize()];
        new GemmConv(new SimdGemm()).forward(p, n, x, w, bias, viaGemm, new Workspace());

        Correlation g = new Correlation(p.channelsPerGroup, p.height, p.width, p.padTop, p.padLeft, p.mode,
                p.filtersPerGroup, p.outH, p.outW, p.kernelH, p.kernelW, p.dilationH, p.dilationW, p.strideH);
        float[] wp = new float[DirectConv.packedSize(g)];
        float[] xpad = new float[g.paddedSize()];
        float[] scratch = new float[DirectConv.scratchSize(g)];
        float[] direct = filled(viaGemm.length, Float.NaN);
        for (int i = 0; i < n; i++) {
            for (int gi = 0; gi < p.groups; gi++) {
                DirectConv.packFilters(g, w, gi * p.filtersPerGroup * g.taps(), wp, 0);
                g.pad(x, i * p.inputSize() + gi * p.channelsPerGroup * p.inputPlane(), xpad);
                DirectConv.image(g, wp, 0, xpad, bias, gi * p.filtersPerGroup, direct,
                        i * p.outputSize() + gi * p.filtersPerGroup * p.outputPlane(), scratch);
            }
        }
        assertThat(direct).as(p.toString()).containsExactly(viaGemm);
    }

    @ParameterizedTest(name = "#{0}: {1} n={2}")
    @MethodSource("geometries")
    void backwardThroughARectifierMasksTheGradient(int seed, ConvPlan p, int n) {
        Random r = new Random(seed + 1000);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] dy = random(r, n * p.outputSize());
        float[] rectified = random(r, n * p.outputSize());
        for (int i = 0; i < rectified.length; i++) {
            rectified[i] = Math.max(rectified[i], 0f); // a rectifier's output: about half zeros
        }
        float[] masked = new float[dy.length];
        for (int i = 0; i < dy.length; i++) {
            masked[i] = rectified[i] > 0f ? dy[i] : 0f;
        }
        float[] dx = new float[n * p.inputSize()];
        float[] dw = new float[p.weightSize()];
        float[] db = new float[p.filters];
        REFERENCE.backward(p, n, x, w, masked, dx, dw, db, null);

        float[] dx2 = filled(dx.length, Float.NaN);
        float[] dw2 = new float[dw.length];
        float[] db2 = new float[db.length];
        fast.backwardRectified(p, n, x, w, dy, rectified, dx2, dw2, db2, new Workspace());
        assertClose(dx, dx2, Tolerances.dot(p.filtersPerGroup * p.kernelH * p.kernelW, 1f), "dx " + p);
        assertClose(dw, dw2, Tolerances.dot(n * p.outputPlane(), 1f), "dw " + p);
        assertClose(db, db2, Tolerances.dot(n * p.outputPlane(), 1f), "db " + p);
    }

    @Test
    void theNotebookLayersRunOnTheDirectKernels() {
        ConvPlan conv1 = ConvPlan.of(ConvGeometry.builder().inChannels(3).outChannels(32).size(32, 32).kernel(5)
                .padding(2).build());
        ConvPlan conv2 = ConvPlan.of(ConvGeometry.builder().inChannels(32).outChannels(16).size(32, 32).kernel(3)
                .padding(1).build());
        ConvPlan mnist = ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(32).size(28, 28).kernel(5)
                .padding(2).build());
        assertThat(mnist.taps()).as("a 1-channel 5x5 forward pass goes to the GEMM path").isLessThan(
                SimdConv.MIN_DIRECT_FORWARD_TAPS);
        for (ConvPlan p : new ConvPlan[] {conv1, conv2, mnist}) {
            assertThat(SimdConv.direct(p)).as("%s forward and weight gradient", p).isTrue();
            assertThat(SimdConv.directInputGradient(p)).as("%s input gradient", p).isTrue();
        }
    }

    @Test
    void aFewTapLayerRunsDirectOnlyInPlaceAndWhereItsOctetsFitItsPaddedRows() {
        Correlation mnist = oneChannel5x5(28, 1);
        Correlation twenty = oneChannel5x5(20, 1);
        Correlation wholeVectors = oneChannel5x5(32, 1);
        Correlation strided = oneChannel5x5(28, 2);
        assertThat(SimdConv.fewTapsRunDirect(mnist, false)).as("both outputs written").isFalse();
        assertThat(SimdConv.fewTapsRunDirect(mnist, true)).as("in place, 32 registers, masked stores compiled")
                .isEqualTo(CorrelationKernel.P == 8 && Lanes.MASKED_STORES);
        assertThat(SimdConv.fewTapsRunDirect(wholeVectors, true)).as("rows of whole vectors: no masked stores")
                .isEqualTo(CorrelationKernel.P == 8);
        assertThat(SimdConv.fewTapsRunDirect(twenty, true)).as("octets of 16 + 4 against rows of 24").isFalse();
        assertThat(SimdConv.fewTapsRunDirect(strided, true)).as("height stride 2: the im2col path").isFalse();
    }

    private static Correlation oneChannel5x5(int size, int strideH) {
        return SimdConv.newForwardCorrelation(ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(32)
                .size(size, size).kernel(5).padding(2).stride(strideH, 1).build()));
    }

    @Test
    void givesTheSameBitsOnOneAndTwoThreads() {
        Random r = new Random(5);
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(5).outChannels(11).size(13, 21).kernel(3)
                .padding(1).build());
        int n = 9;
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        float[] dy = random(r, n * p.outputSize());
        float[][] runs = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] y = new float[n * p.outputSize()];
            float[] dx = new float[n * p.inputSize()];
            float[] dw = new float[p.weightSize()];
            float[] db = new float[p.filters];
            fast.forward(p, n, x, w, bias, y, new Workspace());
            fast.backward(p, n, x, w, dy, dx, dw, db, new Workspace());
            runs[threads - 1] = concat(y, dx, dw, db);
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }

    private static float[] concat(float[]... parts) {
        int len = 0;
        for (float[] a : parts) {
            len += a.length;
        }
        float[] all = new float[len];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
