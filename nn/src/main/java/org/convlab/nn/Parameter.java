package org.convlab.nn;

import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/**
 * A learnable tensor: its value, the gradient of the loss with respect to it, and whether it is
 * frozen (PyTorch's {@code requires_grad=False}).
 *
 * <p>Gradients accumulate as in PyTorch: every backward pass adds to {@link #grad()} until
 * {@link #zeroGrad()}. A frozen parameter's gradient is neither computed nor changed, and
 * optimisers leave its value alone.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private boolean frozen;

    /** A zero parameter called {@code name} (e.g. {@code "weight"}) with these dimensions. */
    public Parameter(String name, int... dims) {
        this.name = name;
        this.value = Tensor.zeros(dims);
        this.grad = Tensor.zeros(dims);
    }

    /** The local name, e.g. {@code weight}; a module tree gives qualified names like {@code conv1.weight}. */
    public String name() {
        return name;
    }

    /** The value (written by initialisation and optimisers). */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient {@code dL/dvalue}, same shape as the value. */
    public Tensor grad() {
        return grad;
    }

    public Shape shape() {
        return value.shape();
    }

    /** Number of elements. */
    public int size() {
        return value.size();
    }

    /** Whether the parameter is frozen (not trained). */
    public boolean frozen() {
        return frozen;
    }

    /** Freezes ({@code true}) or unfreezes the parameter. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        grad.fill(0f);
    }

    /** The gradient array, or {@code null} when frozen: what a layer's backward adds to. */
    public float[] gradOrNull() {
        return frozen ? null : grad.data();
    }

    @Override
    public String toString() {
        return "Parameter[" + name + " " + value.shape() + (frozen ? ", frozen" : "") + "]";
    }
}
