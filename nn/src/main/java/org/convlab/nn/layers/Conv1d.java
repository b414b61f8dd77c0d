package org.convlab.nn.layers;

import org.convlab.nn.init.Rng;

/**
 * 1-D convolution, PyTorch's {@code nn.Conv1d}: input {@code (N, C_in, L)} or {@code (C_in, L)},
 * weight {@code (C_out, C_in/groups, k)}, output {@code (N, C_out, OL)}. Padding may be
 * asymmetric ({@code "1,2"} = left, right).
 */
public final class Conv1d extends Convolution {
    private Conv1d(Builder b, Rng rng) {
        super(b, rng);
    }

    /** A builder for {@code inChannels -> outChannels} with kernel size {@code kernel}. */
    public static Builder builder(int inChannels, int outChannels, int kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Hyper-parameters of a {@link Conv1d}; {@link #build(Rng)} checks them and draws the initial weights. */
    public static final class Builder extends WindowBuilder<Builder> {
        Builder(int inChannels, int outChannels, int kernel) {
            super(1, inChannels, outChannels, kernel);
        }

        /** The layer, initialised from {@code rng} with PyTorch's defaults (weight, then bias). */
        public Conv1d build(Rng rng) {
            return new Conv1d(this, rng);
        }
    }
}
