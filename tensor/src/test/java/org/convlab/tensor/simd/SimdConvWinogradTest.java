package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.convlab.algebra.Padding;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.GemmConv;
import org.convlab.tensor.kernels.ReferenceConv;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.kernels.WinogradGradient;
import org.convlab.tensor.kernels.Workspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SimdConv} with Winograd's form on (the engine's default): the forward pass (with the
 * rectified output beside it, or in its place) and the input gradient (plain, or masked by a
 * rectifier's output) within {@link Tolerance#F32_WINOGRAD} of {@link ReferenceConv}, the forward
 * pass with {@link SimdWinograd}'s bits; the weight gradient too where
 * {@link WinogradGradient#applies} (at least 16 channels), with {@link SimdWinograd}'s bits, else the
 * direct kernels' bits; the bias gradient keeps the direct kernels' bits (the SimdConv without the
 * form).
 */
class SimdConvWinogradTest {
    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of(SimdWinogradTest.plan(32, 16, 28, 28, pad(1, 1, 1, 1)), 2),
                Arguments.of(SimdWinogradTest.plan(16, 12, 7, 10, pad(1, 1, 1, 1)), 3),
                Arguments.of(SimdWinogradTest.plan(9, 20, 11, 5, pad(0, 2, 1, 0)), 2),
                Arguments.of(SimdWinogradTest.plan(12, 8, 13, 37, pad(2, 0, 0, 2)), 1),
                Arguments.of(SimdWinogradTest.plan(20, 9, 9, 6, pad(0, 2, 2, 1)), 3));
    }

    private static Padding pad(int top, int bottom, int left, int right) {
        return new Padding.Explicit(new int[] {top, left}, new int[] {bottom, right});
    }

    @ParameterizedTest(name = "{0}, {1} images")
    @MethodSource("plans")
    void forwardAndInputGradientTakeTheForm(ConvPlan p, int n) {
        assertThat(Winograd.applies(p)).isTrue();
        assertThat(Winograd.inputGradientPlan(p)).isNotNull();
        SimdConv conv = new SimdConv(new GemmConv(new SimdGemm()), 0, true);
        SimdConv direct = new SimdConv(new GemmConv(new SimdGemm()), 0, false);
        ReferenceConv reference = new ReferenceConv();
        Random r = new Random(p.hashCode());
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        float[] dy = random(r, n * p.outputSize());
        Workspace ws = new Workspace();

        float[] y = new float[n * p.outputSize()];
        float[] rectified = new float[y.length];
        conv.forwardRectified(p, n, x, w, bias, y, rectified, ws);
        float[] expected = new float[y.length];
        reference.forward(p, n, x, w, bias, expected, ws);
        Tolerance.F32_WINOGRAD.assertClose("y " + p, expected, y);
        float[] alone = new float[y.length];
        new SimdWinograd().forward(p, n, x, null, Winograd.transformFilters(p, w), bias, alone, null);
        assertThat(y).containsExactly(alone);
        float[] inPlace = new float[y.length];
        conv.forwardRectified(p, n, x, w, bias, inPlace, inPlace, ws);
        assertThat(inPlace).containsExactly(rectified);

        for (float[] gate : new float[][] {null, rectified}) {
            float[] masked = dy.clone();
            if (gate != null) {
                for (int i = 0; i < masked.length; i++) {
                    masked[i] = gate[i] > 0 ? dy[i] : 0f;
                }
            }
            float[] dx = new float[n * p.inputSize()];
            float[] dw = new float[p.weightSize()];
            float[] db = new float[p.filters];
            float[] dw2 = new float[p.weightSize()];
            float[] db2 = new float[p.filters];
            if (gate == null) {
                conv.backward(p, n, x, w, dy, dx, dw, db, ws);
                direct.backward(p, n, x, w, dy, null, dw2, db2, ws);
            } else {
                conv.backwardRectified(p, n, x, w, dy, gate, dx, dw, db, ws);
                direct.backwardRectified(p, n, x, w, dy, gate, null, dw2, db2, ws);
            }
            float[] dxExpected = new float[dx.length];
            reference.backward(p, n, x, w, masked, dxExpected, null, null, ws);
            Tolerance.F32_WINOGRAD.assertClose("dx " + p + (gate == null ? "" : ", masked"), dxExpected, dx);
            if (WinogradGradient.applies(p)) {
                float[] dwExpected = new float[dw.length];
                reference.backward(p, n, x, w, masked, null, dwExpected, null, ws);
                Tolerance.F32_WINOGRAD.assertClose("dw " + p + (gate == null ? "" : ", masked"), dwExpected, dw);
                float[] form = new float[dw.length];
                new SimdWinograd().weightGradient(p, n, x, dy, gate, form, new Workspace());
                assertThat(dw).containsExactly(form).isNotEqualTo(dw2);
            } else {
                assertThat(dw).containsExactly(dw2);
            }
            assertThat(db).containsExactly(db2);
        }
    }

    /**
     * The engine's wired kernels ({@code Kernels.conv()}) compute an eligible layer in the form;
     * {@code -Dconvlab.winograd=false} gives the direct kernels' bits instead.
     */
    @org.junit.jupiter.api.Test
    void theEngineTakesTheFormUnlessThePropertyTurnsItOff() {
        ConvPlan p = SimdWinogradTest.plan(32, 16, 28, 28, pad(1, 1, 1, 1));
        int n = 2;
        Random r = new Random(11);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        float[] form = new float[n * p.outputSize()];
        new SimdConv(new GemmConv(new SimdGemm()), SimdConv.MIN_DIRECT_FLOPS, true).forward(p, n, x, w, bias, form,
                new Workspace());
        float[] direct = new float[form.length];
        new SimdConv(new GemmConv(new SimdGemm()), SimdConv.MIN_DIRECT_FLOPS, false).forward(p, n, x, w, bias, direct,
                new Workspace());
        assertThat(form).isNotEqualTo(direct);
        float[] engine = new float[form.length];
        org.convlab.tensor.kernels.Kernels.conv().forward(p, n, x, w, bias, engine, new Workspace());
        assertThat(engine).containsExactly(form);
        float[] dy = random(r, form.length);
        float[] dwForm = new float[p.weightSize()];
        new SimdConv(new GemmConv(new SimdGemm()), SimdConv.MIN_DIRECT_FLOPS, true).backward(p, n, x, w, dy, null,
                dwForm, null, new Workspace());
        float[] dwDirect = new float[p.weightSize()];
        new SimdConv(new GemmConv(new SimdGemm()), SimdConv.MIN_DIRECT_FLOPS, false).backward(p, n, x, w, dy, null,
                dwDirect, null, new Workspace());
        assertThat(dwForm).isNotEqualTo(dwDirect);
        float[] dwEngine = new float[p.weightSize()];
        org.convlab.tensor.kernels.Kernels.conv().backward(p, n, x, w, dy, null, dwEngine, null, new Workspace());
        assertThat(dwEngine).containsExactly(dwForm);
        String saved = System.getProperty("convlab.winograd");
        try {
            System.setProperty("convlab.winograd", "false");
            float[] off = new float[form.length];
            new SimdConv(new GemmConv(new SimdGemm())).forward(p, n, x, w, bias, off, new Workspace());
            assertThat(off).containsExactly(direct);
            float[] dwOff = new float[p.weightSize()];
            new SimdConv(new GemmConv(new SimdGemm())).backward(p, n, x, w, dy, null, dwOff, null, new Workspace());
            assertThat(dwOff).containsExactly(dwDirect);
        } finally {
            if (saved == null) {
                System.clearProperty("convlab.winograd");
            } else {
                System.setProperty("convlab.winograd", saved);
            }
        }
    }

    /** The filters are transformed again when the weight changes in place (as after a training step), and only then. */
    @ParameterizedTest(name = "{0}, {1} images")
    @MethodSource("plans")
    void aWeightChangedInPlaceIsTransformedAgain(ConvPlan p, int n) {
        SimdConv conv = new SimdConv(new GemmConv(new SimdGemm()), 0, true);
        Random r = new Random(p.hashCode() + 7);
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        Workspace ws = new Workspace();
        float[] y = new float[n * p.outputSize()];
        conv.forward(p, n, x, w, bias, y, ws);
        float[] again = new float[y.length];
        conv.forward(p, n, x, w, bias, again, ws);
        assertThat(again).containsExactly(y);
        w[w.length - 1] += 0.5f; // the last tap of the last filter: only that filter's outputs move
        conv.forward(p, n, x, w, bias, again, ws);
        float[] fresh = new float[y.length];
        new SimdConv(new GemmConv(new SimdGemm()), 0, true).forward(p, n, x, w, bias, fresh, new Workspace());
        assertThat(again).containsExactly(fresh).isNotEqualTo(y);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
