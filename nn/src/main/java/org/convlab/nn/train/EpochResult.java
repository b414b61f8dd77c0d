package org.convlab.nn.train;

/**
 * One finished epoch.
 *
 * @param epoch         1-based
 * @param valAccuracy   the validation's measurement at the epoch's end (NaN without a validation)
 * @param trainLoss     mean training loss over the epoch
 * @param trainAccuracy training accuracy over the epoch (argmax of the logits against the labels)
 * @param seconds       wall time of the epoch, validation included
 */
public record EpochResult(int epoch, double valAccuracy, double trainLoss, double trainAccuracy, double seconds) {
}
