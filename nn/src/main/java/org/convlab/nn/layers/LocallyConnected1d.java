package org.convlab.nn.layers;

import org.convlab.nn.init.Rng;

/**
 * 1-D locally connected layer (unshared convolution): input {@code (N, C_in, L)} or
 * {@code (C_in, L)} with L fixed, weight {@code (OL, C_out, C_in, k)}, bias {@code (C_out, OL)},
 * output {@code (N, C_out, OL)}. See {@link LocallyConnected}.
 */
public final class LocallyConnected1d extends LocallyConnected {
    private LocallyConnected1d(Builder b, Rng rng) {
        super(b, b.size, rng);
    }

    /** A builder for {@code inChannels -> outChannels} with kernel size {@code kernel}. */
    public static Builder builder(int inChannels, int outChannels, int kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Hyper-parameters of a {@link LocallyConnected1d}; the input length is required. */
    public static final class Builder extends WindowBuilder<Builder> {
        private int[] size;

        Builder(int inChannels, int outChannels, int kernel) {
            super(1, inChannels, outChannels, kernel);
        }

        /** The input's length (the weights depend on it). */
        public Builder size(int length) {
            this.size = new int[] {length};
            return this;
        }

        /** The layer, initialised from {@code rng} (weight, then bias). */
        public LocallyConnected1d build(Rng rng) {
            return new LocallyConnected1d(this, rng);
        }
    }
}
