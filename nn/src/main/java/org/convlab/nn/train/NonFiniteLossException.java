package org.convlab.nn.train;

import org.convlab.core.ConvlabException;

/**
 * The loss became NaN or infinite, so training stopped before the update (exit code 1). The
 * message names the step, the epoch and batch, the first layer whose output went non-finite
 * and the last good checkpoint.
 */
public class NonFiniteLossException extends ConvlabException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final int batch;
    private final int batches;
    private final float loss;
    private final String layer;
    private final String saved;

    /**
     * @param step    the global step (1-based)
     * @param epoch   the epoch (1-based)
     * @param batch   the batch within the epoch (1-based)
     * @param batches batches per epoch
     * @param loss    the loss value
     * @param layer   the label of the first layer with a non-finite output, or where else the fault was
     * @param saved   the last good checkpoint, as a phrase
     */
    public NonFiniteLossException(long step, int epoch, int batch, int batches, float loss, String layer,
                                  String saved) {
        super(EXIT_RUNTIME, "training diverged at step " + step + " (epoch " + epoch + ", batch " + batch + " of "
                + batches + "): the loss is " + loss + "; first layer with a non-finite output: " + layer + "; "
                + saved);
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.loss = loss;
        this.layer = layer;
        this.saved = saved;
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    public int batches() {
        return batches;
    }

    public float loss() {
        return loss;
    }

    public String layer() {
        return layer;
    }

    /** The last good checkpoint, as a phrase ({@code "the last good checkpoint, after epoch 1, is run.ckpt"}). */
    public String saved() {
        return saved;
    }
}
