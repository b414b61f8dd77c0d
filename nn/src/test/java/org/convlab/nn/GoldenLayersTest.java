package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected1d;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.WindowBuilder;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.Tolerance;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward outputs and every gradient of every layer against PyTorch 1.13 (tools/golden/nn_golden.py). */
class GoldenLayersTest {
    private static final Tolerance TOL = Tolerance.F32;

    private static Stream<Named<JsonNode>> named(String file) {
        return Golden.cases(file).stream().map(c -> Named.of(file + ": " + c.get("name").asText(), c));
    }

    static Stream<Named<JsonNode>> conv() {
        return Stream.concat(named("conv2d.json"), named("conv1d.json"));
    }

    static Stream<Named<JsonNode>> local() {
        return named("locally_connected.json");
    }

    static Stream<Named<JsonNode>> pool() {
        return named("pool.json");
    }

    static Stream<Named<JsonNode>> linear() {
        return named("linear.json");
    }

    static Stream<Named<JsonNode>> crossEntropy() {
        return named("cross_entropy.json");
    }

    private static <B extends WindowBuilder<B>> B configure(B b, JsonNode c) {
        return b.stride(Golden.ints(c.get("stride"))).dilation(Golden.ints(c.get("dilation")))
                .padding(c.get("padding").asText()).groups(c.get("groups").intValue())
                .bias(c.get("bias").booleanValue()).paddingMode(c.get("padding_mode").asText());
    }

    @ParameterizedTest
    @MethodSource("conv")
    void convolution(JsonNode c) {
        int[] k = Golden.ints(c.get("kernel"));
        Module layer = c.get("dims").intValue() == 2
                ? configure(Conv2d.builder(c.get("in").intValue(), c.get("out").intValue(), k), c).build(new Rng(0))
                : configure(Conv1d.builder(c.get("in").intValue(), c.get("out").intValue(), k[0]), c).build(new Rng(0));
        checkLayer(layer, c);
    }

    @ParameterizedTest
    @MethodSource("local")
    void locallyConnected(JsonNode c) {
        int[] k = Golden.ints(c.get("kernel"));
        int[] size = Golden.ints(c.get("size"));
        Module layer = c.get("dims").intValue() == 2
                ? configure(LocallyConnected2d.builder(c.get("in").intValue(), c.get("out").intValue(), k), c)
                        .size(size[0], size[1]).build(new Rng(0))
                : configure(LocallyConnected1d.builder(c.get("in").intValue(), c.get("out").intValue(), k[0]), c)
                        .size(size[0]).build(new Rng(0));
        checkLayer(layer, c);
    }

    @ParameterizedTest
    @MethodSource("linear")
    void linear(JsonNode c) {
        checkLayer(new Linear(c.get("in").intValue(), c.get("out").intValue(), c.get("bias").booleanValue(),
                new Rng(0)), c);
    }

    @ParameterizedTest
    @MethodSource("pool")
    void pooling(JsonNode c) {
        int[] k = Golden.ints(c.get("kernel"));
        Module layer = c.get("kind").asText().equals("max")
                ? MaxPool2d.builder(k).stride(Golden.ints(c.get("stride"))).padding(Golden.ints(c.get("padding")))
                        .dilation(Golden.ints(c.get("dilation"))).build()
                : AvgPool2d.builder(k).stride(Golden.ints(c.get("stride"))).padding(Golden.ints(c.get("padding")))
                        .countIncludePad(c.get("count_include_pad").booleanValue()).build();
        checkLayer(layer, c);
    }

    @Test
    void relu() {
        checkLayer(new ReLU(), Golden.cases("relu.json").get(0));
    }

    /** Loads the parameters, runs forward and backward, and compares y, dx and every parameter gradient. */
    private static void checkLayer(Module layer, JsonNode c) {
        String name = c.get("name").asText();
        if (c.has("weight")) {
            Golden.load(layer.namedParameters().get("weight"), c.get("weight"));
        }
        if (c.has("bias_value")) {
            Golden.load(layer.namedParameters().get("bias"), c.get("bias_value"));
        }
        assertThat(layer.namedParameters().containsKey("bias")).as(name + " has a bias").isEqualTo(c.has("bias_value"));
        Tensor y = layer.forward(Golden.tensor(c.get("x")));
        TOL.assertClose(name + ": y", Golden.tensor(c.get("y")), y);
        layer.zeroGrad();
        Tensor dx = layer.backward(Golden.tensor(c.get("dy")));
        TOL.assertClose(name + ": dx", Golden.tensor(c.get("dx")), dx);
        if (c.has("dweight")) {
            TOL.assertClose(name + ": dweight", Golden.tensor(c.get("dweight")),
                    layer.namedParameters().get("weight").grad());
        }
        if (c.has("dbias")) {
            TOL.assertClose(name + ": dbias", Golden.tensor(c.get("dbias")), layer.namedParameters().get("bias").grad());
        }
    }

    @ParameterizedTest
    @MethodSource("crossEntropy")
    void crossEntropy(JsonNode c) {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float loss = ce.forward(Golden.tensor(c.get("logits")), Golden.ints(c.get("labels")));
        TOL.assertClose("loss", new double[] {c.get("loss").doubleValue()}, new double[] {loss});
        TOL.assertClose("dlogits", Golden.tensor(c.get("dlogits")), ce.backward());
    }
}
