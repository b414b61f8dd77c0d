package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;

/**
 * Softmax regression on the raw input, the lab's {@code linear} probe:
 * <pre>  flatten -> fc (D -> classes)</pre>
 * Input {@code (N, ...)} with D elements per sample, output logits {@code (N, classes)};
 * {@code D*classes + classes} parameters.
 */
public final class LinearClassifier extends Sequential {
    private final Linear fc;

    /** For {@code inputSize} elements per sample, initialised from {@code rng}. */
    public LinearClassifier(int inputSize, int classes, Rng rng) {
        fc = new Linear(inputSize, classes, rng);
        add("flatten", new Flatten());
        add("fc", fc);
    }

    public Linear fc() {
        return fc;
    }
}
