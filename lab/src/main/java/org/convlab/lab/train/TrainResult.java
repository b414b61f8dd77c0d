package org.convlab.lab.train;

import java.util.List;

/**
 * What a training run measured.
 *
 * @param model           the model's id ({@code cnn}, {@code mlp-100}, ...)
 * @param title           its name for people ({@code CNN}, {@code MLP-100})
 * @param params          parameter count (weights and biases)
 * @param trainableParams parameters the optimiser changed (fewer when layers are frozen)
 * @param seed            the seed
 * @param trainImages     images in the training split
 * @param curve           validation accuracy every {@code evalEvery} iterations and at each epoch's end
 * @param epochs          one entry per epoch
 * @param testAccuracy    accuracy on the test split at the end, in [0, 1]
 * @param testImages      images in the test split
 * @param seconds         wall time of the whole run (training, validation and test), summed over resumed parts
 * @param trainSeconds    wall time of the training steps alone
 * @param imagesPerSecond training images per second of {@code trainSeconds}
 * @param threads         threads the kernels used
 */
public record TrainResult(String model, String title, long params, long trainableParams, long seed, int trainImages,
                          List<CurvePoint> curve, List<EpochResult> epochs, double testAccuracy, int testImages,
                          double seconds, double trainSeconds, double imagesPerSecond, int threads) {
    public TrainResult {
        curve = List.copyOf(curve);
        epochs = List.copyOf(epochs);
    }

    /** Validation accuracy at the end of each epoch. */
    public List<Double> valAccuracy() {
        return epochs.stream().map(EpochResult::valAccuracy).toList();
    }

    /** Validation accuracy at the end of training, or NaN without a validation split. */
    public double finalValAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).valAccuracy();
    }

    /**
     * A validation measurement during training.
     *
     * @param iteration   global iteration (1-based) after which it was taken
     * @param epoch       fractional epochs done at that point (iteration / batches per epoch)
     * @param valAccuracy validation accuracy in [0, 1]
     * @param trainLoss   mean training loss over the iterations since the previous point
     */
    public record CurvePoint(long iteration, double epoch, double valAccuracy, double trainLoss) {
    }

    /**
     * One epoch's summary.
     *
     * @param epoch         1-based
     * @param valAccuracy   validation accuracy at its end, in [0, 1] (NaN without validation images)
     * @param trainLoss     mean training loss over its iterations
     * @param trainAccuracy accuracy on its training batches, measured while training
     * @param seconds       wall time of the epoch including its validation
     */
    public record EpochResult(int epoch, double valAccuracy, double trainLoss, double trainAccuracy,
                              double seconds) {
    }
}
