package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.ReLU;

/**
 * The notebook's untrained CNN for the equivariance experiment: three 3x3 convolutions with
 * padding 1 (size kept), each followed by a ReLU.
 * <pre>  conv1 (1 -> 20) -> ReLU -> conv2 (20 -> 40) -> ReLU -> conv3 (40 -> 1) -> ReLU</pre>
 * Input {@code (N, 1, H, W)} of any size, output {@code (N, 1, H, W)}. Every layer commutes
 * with shifts away from the borders, so the network does too.
 */
public final class EquivarianceCnn extends Sequential {
    /** The notebook's channels 1 -> 20 -> 40 -> 1. */
    public EquivarianceCnn(Rng rng) {
        this(1, 20, 40, 1, rng);
    }

    /** Channels {@code in -> c1 -> c2 -> out}, 3x3 same convolutions with ReLUs. */
    public EquivarianceCnn(int in, int c1, int c2, int out, Rng rng) {
        add("conv1", Conv2d.builder(in, c1, 3).padding(1).build(rng));
        add("relu1", new ReLU());
        add("conv2", Conv2d.builder(c1, c2, 3).padding(1).build(rng));
        add("relu2", new ReLU());
        add("conv3", Conv2d.builder(c2, out, 3).padding(1).build(rng));
        add("relu3", new ReLU());
    }
}
