package org.convlab.nn.layers;

import org.convlab.nn.Module;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;

/**
 * The rectifier, PyTorch's {@code nn.ReLU}: {@code y = max(x, 0)} element-wise on any shape
 * (NaN stays NaN); {@code dx = dy} where {@code y > 0}, else 0.
 */
public final class ReLU extends Module {
    private final Buffer output = new Buffer();
    private final Buffer inGrad = new Buffer();
    private Tensor x;
    private Tensor y;
    /** The input whose output a fused convolution has just written ({@link #fused}), or {@code null}. */
    private Tensor fusedInput;

    @Override
    public Tensor forward(Tensor x) {
        if (x == fusedInput) {
            fusedInput = null;
            this.x = x;
            return y;
        }
        fusedInput = null;
        Tensor out = output.shaped(x.shape());
        Kernels.elementwise().relu(x.data(), out.data(), x.size());
        this.x = x;
        this.y = out;
        return out;
    }

    /** The buffer this rectifier's output for an input of shape {@code shape} goes to (no other effect). */
    Tensor outputBuffer(Shape shape) {
        return output.shaped(shape);
    }

    /**
     * Records that a module fused with this rectifier has written {@code max(x, 0)} into
     * {@code out} (its {@link #outputBuffer}); the next {@link #forward forward(x)} returns it
     * without a pass of its own.
     */
    void fused(Tensor x, Tensor out) {
        this.fusedInput = x;
        this.y = out;
    }

    /** The input of the last forward pass (for a fused backward pass), or {@code null}. */
    Tensor lastInput() {
        return x;
    }

    /** The output of the last forward pass, or {@code null}. */
    Tensor lastOutput() {
        return y;
    }

    /** Checks a gradient of this rectifier's output, as {@link #backward} does. */
    void checkOutputGradient(Tensor dy) {
        checkGradient(y, dy);
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        if (!inputGradient()) {
            return null;
        }
        Tensor dx = inGrad.shaped(dy.shape());
        Kernels.elementwise().reluBackward(y.data(), dy.data(), dx.data(), dy.size());
        return dx;
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
