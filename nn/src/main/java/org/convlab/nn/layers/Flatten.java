package org.convlab.nn.layers;

import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/**
 * Merges dimensions {@code startDim..endDim} into one, PyTorch's {@code nn.Flatten} (default
 * {@code startDim = 1, endDim = -1}: {@code (N, C, H, W) -> (N, C*H*W)}). Output and input
 * gradient are views: nothing is copied.
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;
    private Shape inShape;
    private Tensor y;

    /** {@code (N, ...) -> (N, prod(...))}. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens dimensions {@code startDim..endDim} (negative counts from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** The first dimension merged (negative counts from the end). */
    public int startDim() {
        return startDim;
    }

    /** The last dimension merged (negative counts from the end). */
    public int endDim() {
        return endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        int rank = x.rank();
        int s = startDim < 0 ? rank + startDim : startDim;
        int e = endDim < 0 ? rank + endDim : endDim;
        if (rank == 0 || s < 0 || e >= rank || s > e) {
            throw new BadParameterException(label(), "an input with dimensions " + startDim + ".." + endDim,
                    x.shape());
        }
        int[] dims = new int[rank - (e - s)];
        int at = 0;
        for (int i = 0; i < s; i++) {
            dims[at++] = x.dim(i);
        }
        dims[at++] = x.shape().sizeFrom(s) / x.shape().sizeFrom(e + 1);
        for (int i = e + 1; i < rank; i++) {
            dims[at++] = x.dim(i);
        }
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
        return "Flatten(start_dim=" + startDim + ", end_dim=" + endDim + ")";
    }
}
