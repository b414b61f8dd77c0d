package org.convlab.nn.layers;

import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;

/**
 * Max pooling, PyTorch's {@code nn.MaxPool2d} (floor mode): each output is the largest input
 * in its window (padding never wins; the first of equal maxima wins; NaN propagates); the
 * gradient goes to that input. See {@link Pool2d} for shapes.
 *
 * <pre>{@code
 * new MaxPool2d(2);                                              // 2x2, stride 2
 * MaxPool2d.builder(3).stride(2).padding(1).dilation(2).build();
 * }</pre>
 */
public final class MaxPool2d extends Pool2d {
    private int[] argmax = new int[0];

    /** A {@code k x k} window with stride {@code k}. */
    public MaxPool2d(int kernel) {
        this(builder(kernel));
    }

    /** A {@code k x k} window with stride {@code s}. */
    public MaxPool2d(int kernel, int stride) {
        this(builder(kernel).stride(stride));
    }

    private MaxPool2d(Builder b) {
        super(b);
    }

    /** A builder for a {@code k} or {@code kH, kW} window. */
    public static Builder builder(int... kernel) {
        return new Builder(kernel);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor out = prepare(input);
        if (argmax.length != out.size()) {
            argmax = new int[out.size()];
        }
        Kernels.pool().maxForward(plan(), batch, input.data(), out.data(), argmax);
        return out;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor dx = inputGradientBuffer(dy);
        if (dx != null) {
            Kernels.pool().maxBackward(plan(), batch, dy.data(), argmax, dx.data());
        }
        return dx;
    }

    /** The winners of the last forward: index {@code iy*W + ix} within each input plane, {@code (N, C, OH, OW)}. */
    public int[] indices() {
        return argmax.clone();
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + describe() + ")";
    }

    /** Hyper-parameters of a {@link MaxPool2d}. */
    public static final class Builder extends Pool2d.Builder<Builder> {
        Builder(int... kernel) {
            super(kernel);
        }

        /** Dilation of the window (default 1). */
        public Builder dilation(int... dilation) {
            this.dilation = dilation.clone();
            return this;
        }

        public MaxPool2d build() {
            return new MaxPool2d(this);
        }
    }
}
