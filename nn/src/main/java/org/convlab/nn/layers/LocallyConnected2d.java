package org.convlab.nn.layers;

import org.convlab.nn.init.Rng;

/**
 * 2-D locally connected layer (unshared convolution): input {@code (N, C_in, H, W)} or
 * {@code (C_in, H, W)} with H and W fixed, weight {@code (OH, OW, C_out, C_in, kH, kW)}, bias
 * {@code (C_out, OH, OW)}, output {@code (N, C_out, OH, OW)}. See {@link LocallyConnected}.
 *
 * <pre>{@code
 * LocallyConnected2d lc = LocallyConnected2d.builder(3, 32, 5).size(32, 32).padding("same").build(rng);
 * }</pre>
 */
public final class LocallyConnected2d extends LocallyConnected {
    private LocallyConnected2d(Builder b, Rng rng) {
        super(b, b.size, rng);
    }

    /** A builder for {@code inChannels -> outChannels} with a square ({@code k}) or {@code kH, kW} kernel. */
    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Hyper-parameters of a {@link LocallyConnected2d}; the input size is required. */
    public static final class Builder extends WindowBuilder<Builder> {
        private int[] size;

        Builder(int inChannels, int outChannels, int... kernel) {
            super(2, inChannels, outChannels, kernel);
        }

        /** The input's height and width (the weights depend on them). */
        public Builder size(int height, int width) {
            this.size = new int[] {height, width};
            return this;
        }

        /** The layer, initialised from {@code rng} (weight, then bias). */
        public LocallyConnected2d build(Rng rng) {
            return new LocallyConnected2d(this, rng);
        }
    }
}
