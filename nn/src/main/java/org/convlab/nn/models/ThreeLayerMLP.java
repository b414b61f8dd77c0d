package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;

/**
 * The notebook's ThreeLayerMLP:
 * <pre>  flatten -> fc1 (D -> hidden) -> ReLU -> fc2 (hidden -> hidden) -> ReLU -> fc3 (hidden -> classes)</pre>
 * Input {@code (N, ...)} with {@code D} elements per sample (e.g. {@code (N, 3, 32, 32)},
 * D = 3072), output logits {@code (N, classes)}. Parameters:
 * {@code D*h + h + h*h + h + h*classes + classes}.
 */
public final class ThreeLayerMLP extends Sequential {
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;

    /**
     * @param inputSize D, elements per sample
     * @param hidden    width of both hidden layers
     * @param classes   number of classes
     * @param rng       source of the initial weights (fc1, fc2, fc3 in order, weight before bias)
     */
    public ThreeLayerMLP(int inputSize, int hidden, int classes, Rng rng) {
        fc1 = new Linear(inputSize, hidden, rng);
        fc2 = new Linear(hidden, hidden, rng);
        fc3 = new Linear(hidden, classes, rng);
        add("flatten", new Flatten());
        add("fc1", fc1);
        add("relu1", new ReLU());
        add("fc2", fc2);
        add("relu2", new ReLU());
        add("fc3", fc3);
    }

    public Linear fc1() {
        return fc1;
    }

    public Linear fc2() {
        return fc2;
    }

    public Linear fc3() {
        return fc3;
    }
}
