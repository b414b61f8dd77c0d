package org.convlab.nn.train;

import java.util.List;

/**
 * What a {@link Fit} run did, earlier runs it resumed included.
 *
 * @param steps        global steps taken
 * @param curve        every validation measurement
 * @param epochs       every finished epoch
 * @param seconds      wall time
 * @param trainSeconds time spent in training steps (batch, forward, loss, backward, update)
 */
public record FitResult(long steps, List<CurvePoint> curve, List<EpochResult> epochs, double seconds,
                        double trainSeconds) {
    public FitResult {
        curve = List.copyOf(curve);
        epochs = List.copyOf(epochs);
    }
}
