package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Stream;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Winograd;
import org.convlab.tensor.kernels.WinogradGradient;
import org.convlab.tensor.simd.SimdConv;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 3x3 layers convlab computes in Winograd's F(2x2, 3x3) form against PyTorch 1.13's
 * convolution (tools/golden/winograd_golden.py): the forward pass through {@link Inference#of},
 * with and without a rectifier after the layer, and the input, weight and bias gradients through
 * the layer's backward pass, within {@link Tolerance#F32_WINOGRAD}, the tolerance the form states.
 * Each case's batch is repeated until the call is large enough for the Vector API kernels (which
 * send smaller ones to the im2col path); the weight gradient takes the form where
 * {@link WinogradGradient#applies} (16 channels or more), the direct kernels elsewhere.
 */
class GoldenWinogradTest {
    static Stream<Named<JsonNode>> cases() {
        return Golden.cases("winograd.json").stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardMatchesPyTorch(JsonNode c) {
        int repeats = c.get("repeats").intValue();
        Tensor x = repeated(Golden.tensor(c.get("x")), repeats);
        Tensor expected = repeated(Golden.tensor(c.get("y")), repeats);
        for (boolean rectified : new boolean[] {false, true}) {
            Conv2d conv = layer(c);
            assertThat(Winograd.applies(plan(conv, x))).isTrue();
            assertLargeEnough(conv, x);
            Sequential model = new Sequential().add("conv", conv);
            float[] want = expected.copy().data();
            if (rectified) {
                model.add("relu", new ReLU());
                for (int i = 0; i < want.length; i++) {
                    want[i] = Math.max(want[i], 0f);
                }
            }
            Tensor y = Inference.of(model).forward(x);
            Tolerance.F32_WINOGRAD.assertClose(c.get("name").asText() + (rectified ? ", rectified" : ""),
                    Tensor.wrap(want, expected.shape()), y);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientsMatchPyTorch(JsonNode c) {
        String name = c.get("name").asText();
        int repeats = c.get("repeats").intValue();
        Tensor x = repeated(Golden.tensor(c.get("x")), repeats);
        Conv2d conv = layer(c);
        ConvPlan p = plan(conv, x);
        assertThat(Winograd.inputGradientPlan(p)).isNotNull();
        assertLargeEnough(conv, x);
        conv.forward(x);
        conv.zeroGrad();
        Tensor dx = conv.backward(repeated(Golden.tensor(c.get("dy")), repeats));
        Tolerance.F32_WINOGRAD.assertClose(name + ": dx", repeated(Golden.tensor(c.get("dx")), repeats), dx);
        Tolerance.F32_WINOGRAD.assertClose(name + ": dweight (" + (WinogradGradient.applies(p) ? "Winograd" : "direct")
                + ")", Golden.tensor(c.get("dweight")), conv.namedParameters().get("weight").grad());
        if (c.has("dbias")) {
            Tolerance.F32_WINOGRAD.assertClose(name + ": dbias", Golden.tensor(c.get("dbias")),
                    conv.namedParameters().get("bias").grad());
        }
    }

    private static Conv2d layer(JsonNode c) {
        Conv2d conv = Conv2d.builder(c.get("in").intValue(), c.get("out").intValue(), 3)
                .padding(c.get("padding").asText()).bias(c.get("bias").booleanValue()).build(new Rng(0));
        Golden.load(conv.namedParameters().get("weight"), c.get("weight"));
        if (c.has("bias_value")) {
            Golden.load(conv.namedParameters().get("bias"), c.get("bias_value"));
        }
        return conv;
    }

    private static ConvPlan plan(Conv2d conv, Tensor x) {
        return ConvPlan.of(conv.geometry(x.dim(2), x.dim(3)));
    }

    /** The call takes the Vector API kernels, not the im2col path small calls take. */
    private static void assertLargeEnough(Conv2d conv, Tensor x) {
        ConvPlan p = plan(conv, x);
        assertThat(2.0 * x.dim(0) * p.outputSize() * p.taps()).isGreaterThanOrEqualTo(SimdConv.MIN_DIRECT_FLOPS);
    }

    /** The batch {@code t} repeated {@code times} times along its first axis. */
    private static Tensor repeated(Tensor t, int times) {
        float[] one = t.data();
        float[] all = new float[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        int[] dims = t.shape().dims();
        dims = Arrays.copyOf(dims, dims.length);
        dims[0] *= times;
        return Tensor.wrap(all, dims);
    }
}
