package org.convlab.algebra.matrix;

/**
 * One non-zero entry of a row of K: the input column and the weights that land on it.
 *
 * <p>Usually one weight; two or more when reflect, replicate or circular padding makes several
 * taps read the same input (then the entry is their sum, e.g. {@code k1+k3}).
 *
 * @param col     the input column, 0-based, over {@code (C_in, n_1, ..., n_D)}
 * @param weights the weight indices (shared or unshared), in tap order
 */
public record Entry(long col, long[] weights) {

    public Entry {
        weights = weights.clone();
    }

    @Override
    public long[] weights() {
        return weights.clone();
    }

    /** The number of weights summed in this entry. */
    public int size() {
        return weights.length;
    }

    /** Weight {@code i} of this entry. */
    public long weight(int i) {
        return weights[i];
    }

    /** The numeric value: the sum of the given weights, in tap order. */
    public double value(double[] w) {
        double sum = 0;
        for (long id : weights) {
            sum += w[(int) id];
        }
        return sum;
    }
}
