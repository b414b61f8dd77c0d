package org.convlab.nn.layers;

import org.convlab.nn.Module;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;

/**
 * The rectifier, PyTorch's {@code nn.ReLU}: {@code y = max(x, 0)} element-wise on any shape
 * (NaN stays NaN); {@code dx = dy} where {@code y > 0}, else 0.
 *
 * <p>{@code new ReLU(true)} is PyTorch's {@code nn.ReLU(inplace=True)}: the output is written
 * over the input and is the input tensor, so the previous layer's recorded output
 * ({@link org.convlab.nn.Sequential#output}) holds the rectified values afterwards, and a
 * network input given to it directly is overwritten. No layer of this package reads its own
 * output in its backward pass except this one (for which {@code max(y, 0) = y}), so the
 * gradients are those of {@code new ReLU()}, bit for bit. After a convolution the two share one
 * pass ({@link Convolution#fusesForward}) that then writes only the rectified values: half the
 * output traffic of a training step's convolution. In an {@link org.convlab.nn.Inference} a
 * linear layer with packed weights does the same ({@link Linear#fusesForward}).
 */
public final class ReLU extends Module {
    private final boolean inplace;
    private final Buffer output = new Buffer();
    private final Buffer inGrad = new Buffer();
    private Tensor x;
    private Tensor y;
    /** The input whose output a fused convolution has just written ({@link #fused}), or {@code null}. */
    private Tensor fusedInput;

    /** A rectifier that writes its output to a buffer of its own. */
    public ReLU() {
        this(false);
    }

    /** A rectifier; {@code inplace}: one that writes its output over its input (PyTorch's {@code inplace=True}). */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    /** Whether the output is written over the input. */
    public boolean inplace() {
        return inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x == fusedInput) {
            fusedInput = null;
            this.x = x;
            return y;
        }
        fusedInput = null;
        Tensor out = inplace ? x : output.shaped(x.shape());
        Kernels.elementwise().relu(x.data(), out.data(), x.size());
        this.x = x;
        this.y = out;
        return out;
    }

    /**
     * The tensor this rectifier's output for {@code x} goes to (no other effect): {@code x}
     * itself when in place, else its own buffer.
     */
    Tensor outputBuffer(Tensor x) {
        return inplace ? x : output.shaped(x.shape());
    }

    /**
     * Records that a module fused with this rectifier has written {@code max(x, 0)} into
     * {@code out} (its {@link #outputBuffer}, which is {@code x} when in place); the next {@link #forward forward(x)} returns it
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
        return inplace ? "ReLU(inplace=True)" : "ReLU()";
    }
}
