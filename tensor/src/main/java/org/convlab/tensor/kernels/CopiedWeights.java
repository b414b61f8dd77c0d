package org.convlab.tensor.kernels;

/** {@link DenseKernels#pack}'s default: a copy of {@code w (out, in)}, run by the kernels' own forward. */
record CopiedWeights(int in, int out, float[] w) implements PackedWeights {
}
