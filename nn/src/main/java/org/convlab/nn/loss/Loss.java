package org.convlab.nn.loss;

import org.convlab.tensor.Tensor;

/** A classification loss: the mean loss of a batch's logits against its labels, and its gradient. */
public interface Loss {
    /** The mean loss of {@code logits} {@code (N, classes)} against {@code labels} (length N); prepares {@link #backward()}. */
    float forward(Tensor logits, int[] labels);

    /** {@code dL/dlogits} of the last {@link #forward}, shape {@code (N, classes)}. */
    Tensor backward();
}
