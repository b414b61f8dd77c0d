package org.convlab.lab.train;

import org.convlab.core.ConvlabException;

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
public final class TrainingDivergedException extends ConvlabException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final int batch;
    private final String layer;

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
        super(EXIT_RUNTIME, "training diverged at step " + step + " (epoch " + epoch + ", batch " + batch + " of "
                + batches + "): the loss is " + loss + "; first layer with a non-finite output: " + layer + "; "
                + saved);
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.layer = layer;
    }

    /** The global step (1-based) whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The epoch (1-based). */
    public int epoch() {
        return epoch;
    }

    /** The batch within the epoch (1-based). */
    public int batch() {
        return batch;
    }

    /** The first layer whose output was not finite (its label), or where else the fault was. */
    public String layer() {
        return layer;
    }
}
