package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;

/**
 * The notebook's untrained CNN for the equivariance experiment: three 3x3 convolutions with
 * padding 1 (size kept), each followed by a ReLU, and the two variants that subsample once:
 * <pre>
 *   NONE:     conv1 (1 -> 20) -> ReLU ->                conv2 (20 -> 40) -> ReLU -> conv3 (40 -> 1) -> ReLU
 *   MAX_POOL: conv1 (1 -> 20) -> ReLU -> max-pool 2x2 -> conv2 (20 -> 40) -> ReLU -> conv3 (40 -> 1) -> ReLU
 *   STRIDE:   conv1 (1 -> 20, stride 2) -> ReLU ->      conv2 (20 -> 40) -> ReLU -> conv3 (40 -> 1) -> ReLU
 * </pre>
 * Input {@code (N, 1, H, W)} of any size, output {@code (N, 1, H, W)} ({@code (H/2, W/2)} when
 * subsampling). Every layer of the plain net commutes with shifts away from the borders, so the
 * net does too. All three draw the same weights from the same generator.
 */
public final class EquivarianceCnn extends Sequential {
    /** Where the network subsamples, if anywhere. */
    public enum Subsampling {
        /** The notebook's net: no subsampling. */
        NONE,
        /** A 2x2 max-pool after the first ReLU. */
        MAX_POOL,
        /** The first convolution with stride 2. */
        STRIDE
    }

    /** The notebook's channels 1 -> 20 -> 40 -> 1. */
    public EquivarianceCnn(Rng rng) {
        this(1, 20, 40, 1, rng);
    }

    /** The notebook's channels with the given subsampling. */
    public EquivarianceCnn(Subsampling subsampling, Rng rng) {
        this(1, 20, 40, 1, subsampling, rng);
    }

    /** Channels {@code in -> c1 -> c2 -> out}, 3x3 same convolutions with ReLUs. */
    public EquivarianceCnn(int in, int c1, int c2, int out, Rng rng) {
        this(in, c1, c2, out, Subsampling.NONE, rng);
    }

    /** Channels {@code in -> c1 -> c2 -> out} with the given subsampling. */
    public EquivarianceCnn(int in, int c1, int c2, int out, Subsampling subsampling, Rng rng) {
        add("conv1", Conv2d.builder(in, c1, 3).padding(1).stride(subsampling == Subsampling.STRIDE ? 2 : 1)
                .build(rng));
        add("relu1", new ReLU());
        if (subsampling == Subsampling.MAX_POOL) {
            add("pool", new MaxPool2d(2));
        }
        add("conv2", Conv2d.builder(c1, c2, 3).padding(1).build(rng));
        add("relu2", new ReLU());
        add("conv3", Conv2d.builder(c2, out, 3).padding(1).build(rng));
        add("relu3", new ReLU());
    }
}
