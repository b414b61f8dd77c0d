package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalKernelsTest {
    private static final LocalKernels REFERENCE = new ReferenceLocal();

    @Test
    void handComputedEveryPositionHasItsOwnFilter() {
        // x = [1, 2, 3, 4], kernel 2, valid: 3 positions with filters [1, 0], [0, 1], [1, 1]; bias per position
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().size(4).kernel(2).build());
        float[] x = {1, 2, 3, 4};
        float[] w = {1, 0, 0, 1, 1, 1};
        float[] bias = {0.5f, 0, -1};
        for (LocalKernels k : new LocalKernels[] {REFERENCE, new GemmLocal(new ReferenceGemm()), Kernels.local()}) {
            float[] y = new float[3];
            k.forward(p, 1, x, w, bias, y, new Workspace());
            assertThat(y).containsExactly(1.5f, 3, 6);
            float[] dx = new float[4];
            float[] dw = new float[6];
            float[] db = new float[3];
            k.backward(p, 1, x, w, new float[] {1, 10, 100}, dx, dw, db, new Workspace());
            assertThat(dx).containsExactly(1, 0, 110, 100);
            assertThat(dw).containsExactly(1, 2, 20, 30, 300, 400);
            assertThat(db).containsExactly(1, 10, 100);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void fastKernelMatchesTheReferenceOnRandomShapes(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 20; t++) {
            ConvPlan p = ConvPlan.of(RandomCases.conv(r, false, true));
            check(r, p, 1 + r.nextInt(11));
        }
    }

    @Test
    void samePaddingAndStride() {
        Random r = new Random(3);
        check(r, ConvPlan.of(ConvGeometry.builder().inChannels(3).outChannels(4).size(7, 6).kernel(4)
                .padding(new Padding.Same()).build()), 5);
        check(r, ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(2).size(9, 9).kernel(2).stride(3)
                .build()), 17);
    }

    private static void check(Random r, ConvPlan p, int n) {
        int wsize = (int) LocalKernels.weightSize(p);
        float[] x = RandomCases.values(r, n * p.inputSize());
        float[] w = RandomCases.values(r, wsize);
        float[] bias = r.nextBoolean() ? RandomCases.values(r, p.outputSize()) : null;
        float[] dy = RandomCases.values(r, n * p.outputSize());
        float[] dw0 = RandomCases.values(r, wsize);
        float[] db0 = RandomCases.values(r, p.outputSize());
        float[] y = new float[n * p.outputSize()];
        float[] dx = new float[n * p.inputSize()];
        float[] dw = dw0.clone();
        float[] db = db0.clone();
        REFERENCE.forward(p, n, x, w, bias, y, null);
        REFERENCE.backward(p, n, x, w, dy, dx, dw, db, null);
        for (LocalKernels k : new LocalKernels[] {new GemmLocal(new ReferenceGemm()), Kernels.local()}) {
            Workspace ws = new Workspace();
            for (int repeat = 0; repeat < 2; repeat++) {
                String what = k + " on " + p + " n=" + n;
                float[] y2 = new float[y.length];
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
        Random r = new Random(8);
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(2).outChannels(3).size(9, 7).kernel(3).padding(1)
                .build());
        int n = 11;
        int wsize = (int) LocalKernels.weightSize(p);
        float[] x = RandomCases.values(r, n * p.inputSize());
        float[] w = RandomCases.values(r, wsize);
        float[] dy = RandomCases.values(r, n * p.outputSize());
        float[][] runs = new float[2][];
        int before = Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] y = new float[n * p.outputSize()];
                float[] dx = new float[n * p.inputSize()];
                float[] dw = new float[wsize];
                float[] db = new float[p.outputSize()];
                Kernels.local().forward(p, n, x, w, db, y, new Workspace());
                Kernels.local().backward(p, n, x, w, dy, dx, dw, db, new Workspace());
                runs[threads - 1] = ConvKernelsTest.concat(y, dx, dw, db);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }
}
