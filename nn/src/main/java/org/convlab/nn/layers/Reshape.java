package org.convlab.nn.layers;

import java.util.Arrays;
import org.convlab.nn.Module;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/**
 * Gives each sample a new shape, keeping the batch dimension: {@code (N, ...) -> (N, shape...)}
 * (PyTorch's {@code x.view(N, *shape)}, or {@code nn.Unflatten(1, shape)} on {@code (N, D)}).
 * Output and input gradient are views: nothing is copied.
 */
public final class Reshape extends Module {
    private final int[] shape;
    private final int sampleSize;
    private Shape inShape;
    private Tensor y;

    /** Reshapes every sample to {@code shape}, e.g. {@code new Reshape(1, 56, 56)}. */
    public Reshape(int... shape) {
        this.shape = shape.clone();
        this.sampleSize = Shape.of(shape).size();
    }

    /** Every sample's new shape, without the batch dimension. */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size() / x.dim(0) != sampleSize) {
            throw badInput("(N, ...) with " + sampleSize + " elements per sample", x.shape());
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = x.dim(0);
        System.arraycopy(shape, 0, dims, 1, shape.length);
        inShape = x.shape();
        y = x.reshape(dims);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        return inputGradient() ? dy.reshape(inShape.dims()) : null;
    }

    @Override
    public String toString() {
        return "Reshape" + Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
