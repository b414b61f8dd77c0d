package org.convlab.bench.peers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.convlab.tensor.Tensor;

/**
 * The initial parameters of a model, generated once in Java and loaded into every engine.
 *
 * <p>Names and layouts are PyTorch's {@code state_dict}: {@code conv1.weight (out, in, k, k)},
 * {@code conv1.bias (out)}, {@code fc.weight (out, in)}, {@code fc.bias (out)}, in layer
 * order. Values follow PyTorch's default initialisation for Conv2d and Linear (kaiming-uniform
 * with {@code a = sqrt(5)}): weight and bias drawn from {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}.
 */
public final class Weights {
    private final Map<String, Tensor> tensors;

    private Weights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Draws every parameter of {@code model} from a generator seeded with {@code seed}. */
    public static Weights generate(Model model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            double bound = 1.0 / Math.sqrt(layer.fanIn());
            t.put(layer.name() + ".weight", uniform(random, bound, layer.weightShape()));
            t.put(layer.name() + ".bias", uniform(random, bound, layer.out()));
        }
        return new Weights(t);
    }

    private static Tensor uniform(SplittableRandom random, double bound, int... dims) {
        Tensor x = Tensor.zeros(dims);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return x;
    }

    /** The parameters by state_dict name, in layer order (weight, then bias). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The weight of layer {@code name}. */
    public Tensor weight(String name) {
        return tensors.get(name + ".weight");
    }

    /** The bias of layer {@code name}. */
    public Tensor bias(String name) {
        return tensors.get(name + ".bias");
    }
}
