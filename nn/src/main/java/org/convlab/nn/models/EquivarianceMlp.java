package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;

/**
 * The notebook's untrained MLP for the equivariance experiment, an image-to-image network
 * without any spatial structure:
 * <pre>  flatten (H*W) -> fc1 (H*W -> h) -> ReLU -> fc2 (h -> h) -> ReLU -> fc3 (h -> H*W) -> ReLU -> reshape (1, H, W)</pre>
 * The notebook's is H = W = 56, h = 100: 3136 -> 100 -> 100 -> 3136.
 */
public final class EquivarianceMlp extends Sequential {
    /** The notebook's 56x56 canvas and 100 hidden units. */
    public EquivarianceMlp(Rng rng) {
        this(56, 56, 100, rng);
    }

    /** For {@code (N, 1, height, width)} inputs with {@code hidden} units per hidden layer. */
    public EquivarianceMlp(int height, int width, int hidden, Rng rng) {
        int d = height * width;
        add("flatten", new Flatten());
        add("fc1", new Linear(d, hidden, rng));
        add("relu1", new ReLU());
        add("fc2", new Linear(hidden, hidden, rng));
        add("relu2", new ReLU());
        add("fc3", new Linear(hidden, d, rng));
        add("relu3", new ReLU());
        add("reshape", new Reshape(1, height, width));
    }
}
