package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.Tolerance;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Winograd;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 3x3 layers an {@link Inference#of} computes in Winograd's F(2x2, 3x3) form against PyTorch
 * 1.13's convolution (tools/golden/winograd_golden.py), with and without a rectifier after
 * them: within {@link Tolerance#F32_WINOGRAD}, the tolerance the form states.
 */
class GoldenWinogradTest {
    static Stream<Named<JsonNode>> cases() {
        return Golden.cases("winograd.json").stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(JsonNode c) {
        Tensor x = Golden.tensor(c.get("x"));
        Tensor expected = Golden.tensor(c.get("y"));
        for (boolean rectified : new boolean[] {false, true}) {
            Conv2d conv = Conv2d.builder(c.get("in").intValue(), c.get("out").intValue(), 3)
                    .padding(c.get("padding").asText()).bias(c.get("bias").booleanValue()).build(new Rng(0));
            Golden.load(conv.namedParameters().get("weight"), c.get("weight"));
            if (c.has("bias_value")) {
                Golden.load(conv.namedParameters().get("bias"), c.get("bias_value"));
            }
            assertThat(Winograd.applies(ConvPlan.of(conv.geometry(x.dim(2), x.dim(3))))).isTrue();
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
}
