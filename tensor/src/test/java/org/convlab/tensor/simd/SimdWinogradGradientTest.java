package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.convlab.algebra.Padding;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.GemmConv;
import org.convlab.tensor.kernels.ReferenceWinograd;
import org.convlab.tensor.kernels.WinogradGradient;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SimdWinograd}'s weight gradient against its twin {@link ReferenceWinograd}'s: the same
 * bits, with and without a rectifier's mask (NaN in it too), added to a gradient that is not zero,
 * on 1 and 2 threads, batches of one to more than {@code Chunks.MAX_IMAGE_CHUNKS} images, on seeded
 * random geometries (odd sizes, asymmetric padding, channel and filter counts not a multiple of a
 * vector), one-row and one-column outputs, 33 and 40 filters (several blocks at every width),
 * padding 3, and the notebook's 32->16 layers; the bias gradient computed beside it keeps the
 * direct kernels' bits. The surefire
 * executions run it at 128, 256 and 512 bits.
 */
class SimdWinogradGradientTest {
    /** The plans {@link WidthDigests} records (their digests must hold at every width). */
    static final ConvPlan[] DIGEST_PLANS = {
        SimdWinogradTest.plan(32, 16, 9, 19, new Padding.Explicit(new int[] {1, 1}, new int[] {1, 1})),
        SimdWinogradTest.plan(17, 9, 13, 6, new Padding.Explicit(new int[] {1, 2}, new int[] {2, 0})),
        SimdWinogradTest.plan(40, 24, 5, 37, new Padding.Explicit(new int[] {2, 2}, new int[] {2, 2})),
    };

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    static Stream<Arguments> geometries() {
        List<Arguments> cases = new ArrayList<>();
        Padding same = new Padding.Explicit(new int[] {1, 1}, new int[] {1, 1});
        cases.add(Arguments.of("notebook 32->16 28x28", SimdWinogradTest.plan(32, 16, 28, 28, same), 2));
        cases.add(Arguments.of("notebook 32->16 32x32", SimdWinogradTest.plan(32, 16, 32, 32, same), 1));
        for (int i = 0; i < DIGEST_PLANS.length; i++) {
            cases.add(Arguments.of("digest plan " + i, DIGEST_PLANS[i], 3 + 4 * i));
        }
        cases.add(Arguments.of("one output row", SimdWinogradTest.plan(16, 8, 1, 9, pad(1, 1, 1, 1)), 2));
        cases.add(Arguments.of("one output column", SimdWinogradTest.plan(19, 10, 7, 1, pad(1, 1, 1, 1)), 2));
        cases.add(Arguments.of("33 filters", SimdWinogradTest.plan(24, 33, 6, 7, pad(1, 1, 1, 1)), 3));
        cases.add(Arguments.of("40 filters, 33 channels", SimdWinogradTest.plan(33, 40, 9, 17, pad(1, 1, 1, 1)), 2));
        cases.add(Arguments.of("padding 3 on top and left", SimdWinogradTest.plan(16, 12, 5, 6, pad(3, 0, 3, 0)), 2));
        Random r = new Random(20261205);
        for (int i = 0; i < 14; i++) {
            int h = 1 + r.nextInt(14);
            int w = 1 + r.nextInt(i % 4 == 0 ? 40 : 20);
            int[] before = {r.nextInt(3), r.nextInt(3)};
            int[] after = {r.nextInt(3), r.nextInt(3)};
            if (h + before[0] + after[0] < 3 || w + before[1] + after[1] < 3) {
                continue;
            }
            ConvPlan p = SimdWinogradTest.plan(16 + r.nextInt(25), 8 + r.nextInt(25), h, w,
                    new Padding.Explicit(before, after));
            cases.add(Arguments.of("random " + i + " " + p, p, 1 + r.nextInt(11)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void givesItsTwinsBits(String name, ConvPlan p, int n) {
        assertThat(WinogradGradient.applies(p)).isTrue();
        Random r = new Random(name.hashCode());
        float[] x = random(r, n * p.inputSize());
        float[] dy = random(r, n * p.outputSize());
        float[] rectified = random(r, dy.length);
        rectified[rectified.length / 2] = Float.NaN;
        float[] start = random(r, p.weightSize());
        for (float[] mask : new float[][] {null, rectified}) {
            float[] expected = start.clone();
            new ReferenceWinograd().weightGradient(p, n, x, dy, mask, expected, new Workspace());
            assertThat(expected).isNotEqualTo(start);
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                float[] actual = start.clone();
                new SimdWinograd().weightGradient(p, n, x, dy, mask, actual, new Workspace());
                assertThat(actual).as("%s, mask %s, %d threads", name, mask != null, threads).containsExactly(expected);
            }
        }
    }

    /** A rectifier's output masks the gradient: the same as the gradient masked first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void aMaskIsTheGradientMaskedFirst(String name, ConvPlan p, int n) {
        Random r = new Random(name.hashCode() + 1);
        float[] x = random(r, n * p.inputSize());
        float[] dy = random(r, n * p.outputSize());
        float[] rectified = random(r, dy.length);
        float[] masked = new float[dy.length];
        for (int i = 0; i < dy.length; i++) {
            masked[i] = rectified[i] > 0 ? dy[i] : 0f;
        }
        float[] expected = new float[p.weightSize()];
        new SimdWinograd().weightGradient(p, n, x, masked, null, expected, new Workspace());
        float[] actual = new float[p.weightSize()];
        new SimdWinograd().weightGradient(p, n, x, dy, rectified, actual, new Workspace());
        assertThat(actual).containsExactly(expected);
    }

    /**
     * The bias gradient computed beside the form's weight gradient has the direct kernels' bits
     * (the SimdConv without the form), with and without a mask.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void theBiasGradientKeepsTheDirectKernelsBits(String name, ConvPlan p, int n) {
        // Outputs narrower than 4 columns take the im2col path in SimdConv, form or not.
        org.junit.jupiter.api.Assumptions.assumeTrue(SimdConv.directWeightGradient(p));
        Random r = new Random(name.hashCode() + 2);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] dy = random(r, n * p.outputSize());
        float[] rectified = random(r, dy.length);
        SimdConv direct = new SimdConv(new GemmConv(new SimdGemm()), 0, false);
        for (float[] mask : new float[][] {null, rectified}) {
            float[] db = random(r, p.filters);
            float[] expected = db.clone();
            float[] dw = new float[p.weightSize()];
            if (mask == null) {
                direct.backward(p, n, x, w, dy, null, dw, expected, new Workspace());
            } else {
                direct.backwardRectified(p, n, x, w, dy, mask, null, dw, expected, new Workspace());
            }
            new SimdWinograd().weightGradient(p, n, x, dy, mask, new float[p.weightSize()], db, new Workspace());
            assertThat(db).as("%s, mask %s", name, mask != null).containsExactly(expected);
        }
    }

    private static Padding pad(int top, int bottom, int left, int right) {
        return new Padding.Explicit(new int[] {top, left}, new int[] {bottom, right});
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
