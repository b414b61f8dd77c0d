package org.convlab.lab.train;

import org.convlab.nn.train.NonFiniteLossException;

/**
 * Training stopped because the loss became NaN or infinite (exit code 1). The message names
 * the step, the epoch and batch, the first layer whose output went non-finite, and the last
 * good checkpoint, e.g.
 * <pre>
 * training diverged at step 153 (epoch 2, batch 59 of 94): the loss is NaN; first layer with a
 * non-finite output: conv1: Conv2d(1, 32, kernel_size=5, stride=1, padding=2); the last good
 * checkpoint, after epoch 1, is run.ckpt
 * </pre>
 */
public final class TrainingDivergedException extends NonFiniteLossException {
    private static final long serialVersionUID = 1L;

    /**
     * @param step    the global step (1-based)
     * @param epoch   the epoch (1-based)
     * @param batch   the batch within the epoch (1-based)
     * @param batches batches per epoch
     * @param loss    the loss value
     * @param layer   the label of the first layer with a non-finite output, or a description of where else it was
     * @param saved   what the last good checkpoint is, as a phrase
     */
    public TrainingDivergedException(long step, int epoch, int batch, int batches, float loss, String layer,
                                     String saved) {
        super(step, epoch, batch, batches, loss, layer, saved);
    }

    /** The fit loop's exception, as the lab's. */
    TrainingDivergedException(NonFiniteLossException e) {
        super(e.step(), e.epoch(), e.batch(), e.batches(), e.loss(), e.layer(), e.saved());
    }
}
