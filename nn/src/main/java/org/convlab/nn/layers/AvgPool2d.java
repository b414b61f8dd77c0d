package org.convlab.nn.layers;

import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;

/**
 * Average pooling, PyTorch's {@code nn.AvgPool2d} (floor mode, no divisor override): each
 * output is the sum of its window divided by the window size, counting the zero padding
 * ({@code count_include_pad=True}, PyTorch's default) or only the inputs. See {@link Pool2d}.
 */
public final class AvgPool2d extends Pool2d {
    private final boolean countIncludePad;

    /** A {@code k x k} window with stride {@code k}. */
    public AvgPool2d(int kernel) {
        this(builder(kernel));
    }

    /** A {@code k x k} window with stride {@code s}. */
    public AvgPool2d(int kernel, int stride) {
        this(builder(kernel).stride(stride));
    }

    private AvgPool2d(Builder b) {
        super(b);
        this.countIncludePad = b.countIncludePad;
    }

    /** A builder for a {@code k} or {@code kH, kW} window. */
    public static Builder builder(int... kernel) {
        return new Builder(kernel);
    }

    /** Whether the divisor counts padded positions. */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor out = prepare(input);
        Kernels.pool().avgForward(plan(), batch, countIncludePad, input.data(), out.data());
        return out;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor dx = inputGradientBuffer(dy);
        if (dx != null) {
            Kernels.pool().avgBackward(plan(), batch, countIncludePad, dy.data(), dx.data());
        }
        return dx;
    }

    @Override
    public String toString() {
        return "AvgPool2d(" + describe() + (countIncludePad ? "" : ", count_include_pad=False") + ")";
    }

    /** Hyper-parameters of an {@link AvgPool2d}. */
    public static final class Builder extends Pool2d.Builder<Builder> {
        private boolean countIncludePad = true;

        Builder(int... kernel) {
            super(kernel);
        }

        /** Whether the divisor counts padded positions (default true, as PyTorch). */
        public Builder countIncludePad(boolean on) {
            this.countIncludePad = on;
            return this;
        }

        public AvgPool2d build() {
            return new AvgPool2d(this);
        }
    }
}
