package org.convlab.lab.train;

import org.convlab.data.Batch;
import org.convlab.data.Batcher;
import org.convlab.data.ImageSet;
import org.convlab.data.Normalization;
import org.convlab.nn.Module;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.tensor.Tensor;

/**
 * Classification accuracy of a model on an image set: the fraction of images whose largest
 * logit is at their label (ties go to the lower class, as {@code torch.argmax}).
 *
 * <p>Forward passes only; the model's cached outputs are overwritten but its parameters and
 * gradients are untouched, so evaluating in the middle of training does not change the result
 * of training.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Accuracy in [0, 1] of {@code model} on {@code set}, in batches of {@code batch}; NaN for an empty set. */
    public static double accuracy(Module model, ImageSet set, Normalization norm, int batch) {
        if (set.size() == 0) {
            return Double.NaN;
        }
        return (double) correct(model, set, norm, batch) / set.size();
    }

    /** The number of images of {@code set} that {@code model} classifies correctly. */
    public static int correct(Module model, ImageSet set, Normalization norm, int batch) {
        Batcher b = Batcher.sequential(set, norm, batch);
        Batch buffer = b.newBatch();
        int correct = 0;
        for (Batch x : b.epoch(0, buffer)) {
            Tensor logits = model.forward(x.images());
            correct += CrossEntropyLoss.correct(logits, x.labels());
        }
        return correct;
    }
}
