package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.GemmConv;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FewTapsForward}, the forward pass of layers with fewer than 32 taps, against the
 * im2col + GEMM path those layers took before it: the same bits for the output, its rectified
 * values and the rectified values written in place, on 1 and 2 threads.
 */
class FewTapsForwardTest {
    private final SimdConv direct = new SimdConv(new GemmConv(new SimdGemm()), 0);
    private final GemmConv im2col = new GemmConv(new SimdGemm());

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    /** SimdConvTest's random geometries that take this path, and the notebook's first layers. */
    static Stream<Arguments> fewTapGeometries() {
        Stream<Arguments> random = SimdConvTest.geometries()
                .filter(a -> {
                    ConvPlan p = (ConvPlan) a.get()[1];
                    return p.taps() < SimdConv.MIN_DIRECT_FORWARD_TAPS && FewTapsForward.applies(p, SimdConv.newForwardCorrelation(p));
                });
        Stream<Arguments> notebook = Stream.of(
                Arguments.of(1000, plan(1, 32, 28, 5, 2), 3),
                Arguments.of(1001, plan(3, 12, 32, 3, 1), 2),
                Arguments.of(1002, plan(1, 6, 14, 5, 0), 4),
                Arguments.of(1003, ConvPlan.of(ConvGeometry.builder().inChannels(2).outChannels(5).size(37).kernel(4)
                        .padding(1).build()), 3));
        return Stream.concat(random, notebook);
    }

    @Test
    void aLayerWhoseOutputWouldNotFitTheScratchKeepsTheIm2colPath() {
        ConvPlan small = plan(1, 32, 28, 5, 2);
        ConvPlan large = plan(1, 512, 224, 5, 2); // 512 filters x 228 x 224 padded positions
        assertThat(FewTapsForward.applies(small, SimdConv.newForwardCorrelation(small))).isTrue();
        assertThat(FewTapsForward.applies(large, SimdConv.newForwardCorrelation(large))).isFalse();
    }

    private static ConvPlan plan(int channels, int filters, int size, int kernel, int padding) {
        return ConvPlan.of(ConvGeometry.builder().inChannels(channels).outChannels(filters).size(size, size)
                .kernel(kernel).padding(padding).build());
    }

    @ParameterizedTest(name = "#{0}: {1} n={2}")
    @MethodSource("fewTapGeometries")
    void givesTheBitsOfTheIm2colPath(int seed, ConvPlan p, int n) {
        Random r = new Random(seed + 5000);
        float[] x = SimdGemmTest.random(r, n * p.inputSize());
        if (seed % 4 == 0) {
            x[r.nextInt(x.length)] = Float.NaN; // NaN reaches the outputs that read it, and stays NaN
        }
        float[] w = SimdGemmTest.random(r, p.weightSize());
        float[] bias = seed % 3 == 0 ? null : SimdGemmTest.random(r, p.filters);
        int size = n * p.outputSize();
        float[] expected = new float[size];
        float[] expectedRectified = new float[size];
        im2col.forwardRectified(p, n, x, w, bias, expected, expectedRectified, new Workspace());

        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            Workspace ws = new Workspace();
            float[] y = filled(size);
            direct.forward(p, n, x, w, bias, y, ws);
            assertThat(y).as("y, %d thread(s), %s", threads, p).containsExactly(expected);

            float[] y2 = filled(size);
            float[] rectified = filled(size);
            direct.forwardRectified(p, n, x, w, bias, y2, rectified, ws);
            assertThat(y2).as("y beside the rectified output, %s", p).containsExactly(expected);
            assertThat(rectified).as("rectified, %s", p).containsExactly(expectedRectified);

            float[] inPlace = filled(size);
            direct.forwardRectified(p, n, x, w, bias, inPlace, inPlace, ws);
            assertThat(inPlace).as("rectified in place, %s", p).containsExactly(expectedRectified);
        }
    }

    private static float[] filled(int size) {
        float[] a = new float[size];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }
}
