package org.convlab.nn.train;

/**
 * One validation measurement during training.
 *
 * @param iteration   global steps taken
 * @param epoch       epochs taken, fractional ({@code iteration / batchesPerEpoch})
 * @param valAccuracy the validation's measurement
 * @param trainLoss   mean training loss since the previous measurement
 */
public record CurvePoint(long iteration, double epoch, double valAccuracy, double trainLoss) {
}
