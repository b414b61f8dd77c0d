package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.convlab.core.BadParameterException;
import org.convlab.nn.init.Rng;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.OptimizerState;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Optimizer#stateDict()} and {@link Optimizer#loadStateDict}: a copy that continues a run bit for bit. */
class OptimizerStateDictTest {

    static Function<List<Parameter>, Optimizer> kind(String name) {
        return switch (name) {
            case "sgd" -> p -> new SGD(p, 0.1);
            case "momentum" -> p -> new SGD(p, 0.1).momentum(0.9).weightDecay(0.01);
            case "nesterov" -> p -> new SGD(p, 0.1).momentum(0.5).nesterov(true);
            default -> p -> new Adam(p, 0.01);
        };
    }

    /** Three parameters of odd sizes (the second frozen) with gradients drawn from {@code rng}. */
    static List<Parameter> params(long seed) {
        Rng rng = new Rng(seed);
        List<Parameter> ps = List.of(new Parameter("a", 3, 5), new Parameter("b", 7), new Parameter("c", 1));
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[i] = (float) rng.uniform(-1, 1);
            }
        }
        ps.get(1).setFrozen(true);
        return ps;
    }

    static void step(Optimizer o, List<Parameter> ps, Rng rng) {
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                p.grad().data()[i] = (float) rng.uniform(-1, 1);
            }
        }
        o.step();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adam"})
    void aRestoredOptimizerContinuesBitForBit(String name) {
        List<Parameter> whole = params(3);
        Optimizer a = kind(name).apply(whole);
        Rng ga = new Rng(5);
        for (int s = 0; s < 6; s++) {
            step(a, whole, ga);
        }

        List<Parameter> half = params(3);
        Optimizer b = kind(name).apply(half);
        Rng gb = new Rng(5);
        for (int s = 0; s < 3; s++) {
            step(b, half, gb);
        }
        OptimizerState saved = b.stateDict();
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Parameter p : half) {
            values.put(p.name(), p.value().copy());
        }
        step(b, half, new Rng(99)); // moves b on: the saved copy must not move with it

        List<Parameter> resumed = params(3);
        for (Parameter p : resumed) {
            p.value().copyFrom(values.get(p.name()));
        }
        Optimizer c = kind(name).apply(resumed);
        c.loadStateDict(saved);
        for (int s = 0; s < 3; s++) {
            step(c, resumed, gb);
        }
        for (int i = 0; i < whole.size(); i++) {
            assertThat(resumed.get(i).value().data()).as(whole.get(i).name()).isEqualTo(whole.get(i).value().data());
        }
        assertThat(c.stateDict().steps()).containsExactly(6, 0, 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "adam"})
    void aStateOfOtherShapesOrKindsIsRefusedBeforeAnythingChanges(String name) {
        Optimizer o = kind(name).apply(params(1));
        OptimizerState before = o.stateDict();
        Optimizer other = kind(name).apply(List.of(new Parameter("a", 3, 4), new Parameter("b", 7),
                new Parameter("c", 1)));
        assertThatThrownBy(() -> o.loadStateDict(other.stateDict())).isInstanceOf(BadParameterException.class)
                .hasMessageContaining("shape");
        Optimizer plain = kind("sgd").apply(params(1));
        assertThatThrownBy(() -> o.loadStateDict(plain.stateDict())).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("state:");
        Optimizer fewer = kind(name).apply(List.of(new Parameter("a", 3, 5)));
        assertThatThrownBy(() -> fewer.loadStateDict(o.stateDict())).isInstanceOf(BadParameterException.class);
        assertThat(o.stateDict().tensors().keySet()).isEqualTo(before.tensors().keySet());
    }
}
