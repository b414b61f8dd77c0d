package org.convlab.nn.init;

import org.convlab.tensor.Tensor;

/**
 * Parameter initialisation with PyTorch's default distributions.
 *
 * <p>PyTorch initialises {@code Conv*d} and {@code Linear} weights with
 * {@code kaiming_uniform_(w, a=sqrt(5))}: gain {@code sqrt(2 / (1 + a^2)) = sqrt(1/3)}, bound
 * {@code gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in)}, so {@code w ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))};
 * and biases with {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}. {@code fan_in} is
 * {@code (C_in / groups) * kH * kW} for a convolution, {@code in_features} for a linear layer,
 * and, convlab's choice for a locally connected layer, {@code C_in * kH * kW}: the inputs of
 * one output unit, so that it starts with the distribution of the convolution it unshares.
 *
 * <p>Values are drawn from an {@link Rng} in row-major order, the weight before the bias: the
 * same seed gives bit-identical parameters.
 */
public final class Init {
    private Init() {
    }

    /** PyTorch's default bound for a layer with this fan-in: {@code 1 / sqrt(fanIn)}. */
    public static double defaultBound(long fanIn) {
        return fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0;
    }

    /** Fills {@code t} with {@code U(-bound, bound)} in row-major order. */
    public static void uniform(Tensor t, double bound, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(-bound, bound);
        }
    }

    /** {@code kaiming_uniform_(t, a=sqrt(5))} for this fan-in: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}. */
    public static void kaimingUniformDefault(Tensor t, long fanIn, Rng rng) {
        uniform(t, defaultBound(fanIn), rng);
    }

    /** Kaiming (He) normal for ReLU networks: {@code N(0, 2 / fanIn)}, an option for experiments. */
    public static void kaimingNormal(Tensor t, long fanIn, Rng rng) {
        double std = Math.sqrt(2.0 / fanIn);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (std * rng.nextGaussian());
        }
    }
}
