package org.convlab.nn.train;

import org.convlab.tensor.Tensor;

/**
 * One batch of training data.
 *
 * @param inputs the network's input, {@code (N, ...)}, e.g. images {@code (N, C, H, W)}
 * @param labels the N class labels
 */
public record LabelledBatch(Tensor inputs, int[] labels) {
}
