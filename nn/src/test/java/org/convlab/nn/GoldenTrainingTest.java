package org.convlab.nn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.Tolerance;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three full training steps of a tiny ThreeLayerConvNet (forward, cross-entropy, backward,
 * update) against PyTorch, from the same initial weights, for SGD (plain, momentum, Nesterov
 * with weight decay, dampening), Adam (defaults, custom betas/eps/weight decay) and SGD with
 * the convolutions frozen.
 */
class GoldenTrainingTest {
    private static final JsonNode DOC = Golden.document("training.json");

    static Stream<Named<JsonNode>> runs() {
        List<Named<JsonNode>> runs = new ArrayList<>();
        DOC.get("cases").forEach(r -> runs.add(Named.of(r.get("optimizer").asText() + " " + r.get("options"), r)));
        return runs.stream();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void threeStepsMatchPyTorch(JsonNode run) {
        JsonNode m = DOC.get("model");
        ThreeLayerConvNet model = new ThreeLayerConvNet(m.get("in").intValue(), m.get("c1").intValue(),
                m.get("c2").intValue(), m.get("classes").intValue(), m.get("height").intValue(),
                m.get("width").intValue(), new Rng(0));
        Map<String, Parameter> params = model.namedParameters();
        DOC.get("parameter_names").forEach(n -> Golden.load(params.get(n.asText()), DOC.get("initial").get(n.asText())));
        String kind = run.get("optimizer").asText();
        if (kind.equals("sgd-frozen-convs")) {
            model.conv1().freeze();
            model.conv2().freeze();
        }
        Optimizer opt = optimizer(kind, run.get("options"), model.parameters());
        Tensor x = Golden.tensor(DOC.get("x"));
        int[] labels = Golden.ints(DOC.get("labels"));
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            float loss = ce.forward(model.forward(x), labels);
            model.backward(ce.backward());
            Tolerance.F32_STEPS.assertClose("loss at step " + step,
                    new double[] {run.get("losses").get(step).doubleValue()}, new double[] {loss});
            if (step == 0) {
                JsonNode grads = run.get("first_grads");
                grads.fieldNames().forEachRemaining(n -> Tolerance.F32.assertClose("gradient of " + n,
                        Golden.tensor(grads.get(n)), params.get(n).grad()));
            }
            opt.step();
            JsonNode after = run.get("params_after_step").get(step);
            for (String n : params.keySet()) {
                Tolerance.F32_STEPS.assertClose(n + " after step " + (step + 1), Golden.tensor(after.get(n)),
                        params.get(n).value());
            }
        }
    }

    private static Optimizer optimizer(String kind, JsonNode o, List<Parameter> params) {
        double lr = o.get("lr").doubleValue();
        if (kind.equals("adam")) {
            Adam adam = new Adam(params, lr);
            if (o.has("betas")) {
                adam.betas(o.get("betas").get(0).doubleValue(), o.get("betas").get(1).doubleValue());
            }
            if (o.has("eps")) {
                adam.eps(o.get("eps").doubleValue());
            }
            if (o.has("weight_decay")) {
                adam.weightDecay(o.get("weight_decay").doubleValue());
            }
            return adam;
        }
        SGD sgd = new SGD(params, lr);
        if (o.has("momentum")) {
            sgd.momentum(o.get("momentum").doubleValue());
        }
        if (o.has("dampening")) {
            sgd.dampening(o.get("dampening").doubleValue());
        }
        if (o.has("nesterov")) {
            sgd.nesterov(o.get("nesterov").booleanValue());
        }
        if (o.has("weight_decay")) {
            sgd.weightDecay(o.get("weight_decay").doubleValue());
        }
        return sgd;
    }
}
