package org.convlab.nn.layers;

import org.convlab.nn.init.Rng;

/**
 * 2-D convolution, PyTorch's {@code nn.Conv2d}: input {@code (N, C_in, H, W)} or
 * {@code (C_in, H, W)}, weight {@code (C_out, C_in/groups, kH, kW)}, output
 * {@code (N, C_out, OH, OW)}. Beyond PyTorch, padding may be asymmetric ({@code "1,0,2,3"} =
 * top, bottom, left, right) or {@code full}.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder(3, 32, 5).padding(2).build(rng);                 // 5x5 same
 * Conv2d dw = Conv2d.builder(8, 8, 3).stride(2).padding(1).groups(8).bias(false)
 *                   .paddingMode("reflect").build(rng);
 * }</pre>
 */
public final class Conv2d extends Convolution {
    private Conv2d(Builder b, Rng rng) {
        super(b, rng);
    }

    /** A builder for {@code inChannels -> outChannels} with a square ({@code k}) or {@code kH, kW} kernel. */
    public static Builder builder(int inChannels, int outChannels, int... kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Hyper-parameters of a {@link Conv2d}; {@link #build(Rng)} checks them and draws the initial weights. */
    public static final class Builder extends WindowBuilder<Builder> {
        Builder(int inChannels, int outChannels, int... kernel) {
            super(2, inChannels, outChannels, kernel);
        }

        /** The layer, initialised from {@code rng} with PyTorch's defaults (weight, then bias). */
        public Conv2d build(Rng rng) {
            return new Conv2d(this, rng);
        }
    }
}
