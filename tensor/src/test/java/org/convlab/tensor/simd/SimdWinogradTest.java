package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.ReferenceWinograd;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SimdWinograd} against its twin {@link ReferenceWinograd}: the same bits, with and without
 * bias, gate and rectified output (beside the output or in its place), on 1 and 2 threads, on seeded random geometries (odd sizes, rows narrower
 * and wider than a vector of tiles, asymmetric padding, filter counts not a multiple of 8) and
 * the notebook's 32->16 layers. The surefire executions run it at 128, 256 and 512 bits.
 */
class SimdWinogradTest {
    /** The plans {@link WidthDigests} records (their digests must hold at every width). */
    static final ConvPlan[] DIGEST_PLANS = {
        plan(32, 16, 9, 19, new Padding.Explicit(new int[] {1, 1}, new int[] {1, 1})),
        plan(8, 9, 13, 6, new Padding.Explicit(new int[] {1, 2}, new int[] {2, 0})),
        plan(12, 24, 5, 37, new Padding.Explicit(new int[] {2, 2}, new int[] {2, 2})),
        plan(9, 8, 1, 1, new Padding.Explicit(new int[] {1, 1}, new int[] {1, 1})),
    };

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    static Stream<Arguments> geometries() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("notebook 32->16 28x28", plan(32, 16, 28, 28, same()), 1));
        cases.add(Arguments.of("notebook 32->16 32x32", plan(32, 16, 32, 32, same()), 1));
        for (int i = 0; i < DIGEST_PLANS.length; i++) {
            cases.add(Arguments.of("digest plan " + i, DIGEST_PLANS[i], 3));
        }
        Random r = new Random(20261204);
        for (int i = 0; i < 16; i++) {
            int h = 1 + r.nextInt(16);
            int w = 1 + r.nextInt(i % 4 == 0 ? 70 : 36);
            int[] before = {r.nextInt(3), r.nextInt(3)};
            int[] after = {r.nextInt(3), r.nextInt(3)};
            if (h + before[0] + after[0] < 3 || w + before[1] + after[1] < 3) {
                continue;
            }
            ConvPlan p = plan(8 + r.nextInt(17), 8 + r.nextInt(17), h, w, new Padding.Explicit(before, after));
            cases.add(Arguments.of("random " + i + " " + p, p, 1 + r.nextInt(2)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void givesItsTwinsBits(String name, ConvPlan p, int n) {
        assertThat(Winograd.applies(p)).isTrue();
        Random r = new Random(name.hashCode());
        float[] x = random(r, n * p.inputSize());
        if (n > 1) {
            // The last image's outputs NaN and infinite near these (the others stay finite): the
            // rectifier keeps NaN (Math.max's rule) and clamps -infinity to 0.
            int last = (n - 1) * p.inputSize();
            x[last + p.inputSize() - 1] = Float.NaN;
            x[last + p.inputSize() / 2] = Float.NEGATIVE_INFINITY;
            x[last + p.inputSize() / 3] = Float.POSITIVE_INFINITY;
        }
        float[] gate = random(r, n * p.inputSize());
        gate[0] = Float.NaN;
        float[] u = Winograd.transformFilters(p, random(r, p.weightSize()));
        float[] bias = random(r, p.filters);
        for (float[] g : new float[][] {null, gate}) {
            for (float[] b : new float[][] {bias, null}) {
                float[] y = new float[n * p.outputSize()];
                float[] rectified = new float[y.length];
                new ReferenceWinograd().forward(p, n, x, g, u, b, y, rectified);
                float[] inPlace = new float[y.length];
                new ReferenceWinograd().forward(p, n, x, g, u, b, inPlace, inPlace);
                assertThat(inPlace).containsExactly(rectified);
                for (int threads : new int[] {1, 2}) {
                    Parallel.setThreads(threads);
                    String what = String.format("%s, gate %s, bias %s, %d threads", name, g != null, b != null, threads);
                    float[] y2 = nans(y.length); // every output must be written
                    float[] rectified2 = nans(y.length);
                    new SimdWinograd().forward(p, n, x, g, u, b, y2, rectified2);
                    assertThat(y2).as(what).containsExactly(y);
                    assertThat(rectified2).as(what + ", rectified").containsExactly(rectified);
                    float[] alone = nans(y.length);
                    new SimdWinograd().forward(p, n, x, g, u, b, alone, null);
                    assertThat(alone).as(what + ", no rectified output").containsExactly(y);
                    float[] inPlace2 = nans(y.length);
                    new SimdWinograd().forward(p, n, x, g, u, b, inPlace2, inPlace2);
                    assertThat(inPlace2).as(what + ", rectified in place").containsExactly(rectified);
                }
            }
        }
    }

    /** A gate zeroes the input where it is not above zero: the same as the input masked first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void aGateIsTheInputMaskedFirst(String name, ConvPlan p, int n) {
        Random r = new Random(name.hashCode() + 1);
        float[] x = random(r, n * p.inputSize());
        float[] gate = random(r, n * p.inputSize());
        float[] masked = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            masked[i] = gate[i] > 0 ? x[i] : 0f;
        }
        float[] u = Winograd.transformFilters(p, random(r, p.weightSize()));
        float[] expected = new float[n * p.outputSize()];
        new SimdWinograd().forward(p, n, masked, null, u, null, expected, null);
        float[] actual = new float[expected.length];
        new SimdWinograd().forward(p, n, x, gate, u, null, actual, null);
        assertThat(actual).containsExactly(expected);
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    private static Padding same() {
        return new Padding.Explicit(new int[] {1, 1}, new int[] {1, 1});
    }

    static ConvPlan plan(int channels, int filters, int h, int w, Padding padding) {
        return ConvPlan.of(ConvGeometry.builder().inChannels(channels).outChannels(filters).size(h, w).kernel(3)
                .padding(padding).build());
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
