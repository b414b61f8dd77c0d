package org.convlab.tensor.kernels;

/**
 * A linear layer's weight {@code w (out, in)} prepared once by {@link DenseKernels#pack} for many
 * forward passes (inference with fixed weights). It is a snapshot: changing {@code w} after
 * packing it does not change the passes. Only the kernels that packed it can use it.
 */
public interface PackedWeights {
    /** The layer's inputs. */
    int in();

    /** The layer's outputs. */
    int out();
}
