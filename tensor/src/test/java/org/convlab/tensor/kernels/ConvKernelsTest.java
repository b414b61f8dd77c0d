package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvKernelsTest {
    private static final ConvKernels REFERENCE = new ReferenceConv();

    private static ConvKernels[] fast() {
        return new ConvKernels[] {new GemmConv(new ReferenceGemm()), Kernels.conv()};
    }

    @Test
    void handComputedDifferenceFilter() {
        // x = 1..9 as 3x3; w = [[1, 0], [0, -1]] gives x[i][j] - x[i+1][j+1] = -4 everywhere, plus bias 0.5
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().size(3, 3).kernel(2).build());
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1};
        for (ConvKernels k : new ConvKernels[] {REFERENCE, fast()[0], fast()[1]}) {
            float[] y = new float[4];
            k.forward(p, 1, x, w, new float[] {0.5f}, y, new Workspace());
            assertThat(y).as(k.getClass().getSimpleName()).containsExactly(-3.5f, -3.5f, -3.5f, -3.5f);
            float[] dx = new float[9];
            float[] dw = {10, 10, 10, 10};
            float[] db = {1};
            k.backward(p, 1, x, w, new float[] {1, 1, 1, 1}, dx, dw, db, new Workspace());
            // each weight tap sees a 2x2 block of x: sums 12, 16, 24, 28, added to 10
            assertThat(dw).containsExactly(22, 26, 34, 38);
            assertThat(db).containsExactly(5);
            assertThat(dx).containsExactly(1, 1, 0, 1, 0, -1, 0, -1, -1);
        }
    }

    @Test
    void forwardRectifiedWritesTheOutputAndItsRectifierOrJustTheOutputOrTheRectifierInPlace() {
        // x = 1..9 as 3x3; filter 0 = [[1, 0], [0, -1]] gives -4 everywhere, + bias 6 = 2; filter 1 is its
        // negation, + bias -6 = -2, which the rectifier zeroes.
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().outChannels(2).size(3, 3).kernel(2).build());
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1, -1, 0, 0, 1};
        float[] bias = {6, -6};
        for (ConvKernels k : new ConvKernels[] {REFERENCE, fast()[0], fast()[1]}) {
            float[] y = new float[8];
            float[] rectified = new float[8];
            k.forwardRectified(p, 1, x, w, bias, y, rectified, new Workspace());
            assertThat(y).as(k.getClass().getSimpleName()).containsExactly(2, 2, 2, 2, -2, -2, -2, -2);
            assertThat(rectified).as(k.getClass().getSimpleName()).containsExactly(2, 2, 2, 2, 0, 0, 0, 0);
            float[] alone = new float[8];
            k.forwardRectified(p, 1, x, w, bias, alone, null, new Workspace());
            assertThat(alone).as(k.getClass().getSimpleName() + ", no rectified output").containsExactly(y);
            float[] inPlace = new float[8];
            k.forwardRectified(p, 1, x, w, bias, inPlace, inPlace, new Workspace());
            assertThat(inPlace).as(k.getClass().getSimpleName() + ", rectified in place").containsExactly(rectified);
        }
    }

    @Test
    void reflectPaddingSendsTheGradientToTheMirroredInput() {
        // x = [1, 2, 3] padded by reflection to [2, 1, 2, 3, 2]; kernel [1, 1, 1]
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().size(3).kernel(3).padding(1)
                .paddingMode(PaddingMode.REFLECT).build());
        for (ConvKernels k : new ConvKernels[] {REFERENCE, fast()[0], fast()[1]}) {
            float[] y = new float[3];
            k.forward(p, 1, new float[] {1, 2, 3}, new float[] {1, 1, 1}, null, y, new Workspace());
            assertThat(y).containsExactly(5, 6, 7);
            float[] dx = new float[3];
            k.backward(p, 1, new float[] {1, 2, 3}, new float[] {1, 1, 1}, new float[] {1, 1, 1}, dx, null, null,
                    new Workspace());
            assertThat(dx).containsExactly(2, 5, 2);
        }
    }

    @Test
    void circularAndReplicateReadTheWrappedAndTheEdgeInputs() {
        ConvGeometry.Builder b = ConvGeometry.builder().size(4).kernel(1).padding(new Padding.Explicit(
                new int[] {2}, new int[] {1}));
        float[] x = {1, 2, 3, 4};
        float[] y = new float[7];
        Kernels.conv().forward(ConvPlan.of(b.paddingMode(PaddingMode.CIRCULAR).build()), 1, x, new float[] {1}, null,
                y, new Workspace());
        assertThat(y).containsExactly(3, 4, 1, 2, 3, 4, 1);
        Kernels.conv().forward(ConvPlan.of(b.paddingMode(PaddingMode.REPLICATE).build()), 1, x, new float[] {1},
                null, y, new Workspace());
        assertThat(y).containsExactly(1, 1, 1, 2, 3, 4, 4);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fastKernelsMatchTheReferenceOnRandomShapes(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 25; t++) {
            ConvPlan p = ConvPlan.of(RandomCases.conv(r, true, true));
            int n = 1 + r.nextInt(4);
            check(r, p, n);
        }
    }

    @Test
    void edgeCases() {
        Random r = new Random(99);
        ConvGeometry[] cases = {
            ConvGeometry.builder().inChannels(3).outChannels(5).size(7, 9).kernel(1).build(), // pointwise, in place
            ConvGeometry.builder().inChannels(4).outChannels(6).groups(2).size(5, 5).kernel(1).build(),
            ConvGeometry.builder().inChannels(1).outChannels(2).size(9, 9).kernel(2).stride(5).build(), // stride > kernel
            ConvGeometry.builder().inChannels(3).outChannels(2).size(1, 1).kernel(1).build(), // 1x1 image
            ConvGeometry.builder().inChannels(2).outChannels(2).size(6, 5).kernel(4, 2).padding(new Padding.Same())
                    .build(), // even kernel, same: odd padding after
            ConvGeometry.builder().inChannels(3).outChannels(3).groups(3).size(8, 8).kernel(3).dilation(3)
                    .padding(3).paddingMode(PaddingMode.REFLECT).build(), // depthwise, dilated, reflect
            ConvGeometry.builder().inChannels(2).outChannels(4).size(5, 7).kernel(3).padding(new Padding.Full())
                    .paddingMode(PaddingMode.CIRCULAR).build(),
            ConvGeometry.builder().inChannels(1).outChannels(1).size(2).kernel(1).stride(3).build(),
        };
        for (ConvGeometry g : cases) {
            check(r, ConvPlan.of(g), 3);
        }
    }

    private static void check(Random r, ConvPlan p, int n) {
        float[] x = RandomCases.values(r, n * p.inputSize());
        float[] w = RandomCases.values(r, p.weightSize());
        float[] bias = r.nextBoolean() ? RandomCases.values(r, p.filters) : null;
        float[] dy = RandomCases.values(r, n * p.outputSize());
        float[] dw0 = RandomCases.values(r, p.weightSize());
        float[] db0 = RandomCases.values(r, p.filters);
        float[] y = new float[n * p.outputSize()];
        float[] dx = new float[n * p.inputSize()];
        float[] dw = dw0.clone();
        float[] db = db0.clone();
        REFERENCE.forward(p, n, x, w, bias, y, null);
        REFERENCE.backward(p, n, x, w, dy, dx, dw, db, null);
        for (ConvKernels k : fast()) {
            String what = k + " on " + p + " n=" + n;
            Workspace ws = new Workspace();
            for (int repeat = 0; repeat < 2; repeat++) { // the second call reuses the workspace
                float[] y2 = new float[y.length];
                java.util.Arrays.fill(y2, Float.NaN);
                float[] dx2 = new float[dx.length];
                java.util.Arrays.fill(dx2, Float.NaN);
                float[] dw2 = dw0.clone();
                float[] db2 = db0.clone();
                k.forward(p, n, x, w, bias, y2, ws);
                k.backward(p, n, x, w, dy, dx2, dw2, db2, ws);
                Tolerance.F32.assertClose("y " + what, y, y2);
                Tolerance.F32.assertClose("dx " + what, dx, dx2);
                Tolerance.F32.assertClose("dw " + what, dw, dw2);
                Tolerance.F32.assertClose("db " + what, db, db2);
            }
        }
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        Random r = new Random(5);
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(3).outChannels(4).size(11, 10).kernel(3)
                .padding(1).build());
        int n = 13;
        float[] x = RandomCases.values(r, n * p.inputSize());
        float[] w = RandomCases.values(r, p.weightSize());
        float[] dy = RandomCases.values(r, n * p.outputSize());
        float[][] runs = new float[2][];
        int before = Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] y = new float[n * p.outputSize()];
                float[] dx = new float[n * p.inputSize()];
                float[] dw = new float[p.weightSize()];
                float[] db = new float[p.filters];
                Kernels.conv().forward(p, n, x, w, null, y, new Workspace());
                Kernels.conv().backward(p, n, x, w, dy, dx, dw, db, new Workspace());
                runs[threads - 1] = concat(y, dx, dw, db);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }

    static float[] concat(float[]... parts) {
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
}
