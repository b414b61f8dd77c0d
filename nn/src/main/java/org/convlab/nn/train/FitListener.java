package org.convlab.nn.train;

import org.convlab.nn.Module;

/** Follows a {@link Fit} run (progress displays, fault injection in tests). Every method has an empty default. */
public interface FitListener {
    /**
     * Training starts (or resumes).
     *
     * @param epochs          total epochs
     * @param batchesPerEpoch steps per epoch
     * @param firstEpoch      the epoch (0-based) training starts at (more than 0 when resumed)
     */
    default void started(int epochs, int batchesPerEpoch, int firstEpoch) {
    }

    /** An epoch (0-based) starts. */
    default void epochStarted(int epoch) {
    }

    /** Called before step {@code step} (1-based, global) updates {@code model}. */
    default void beforeStep(long step, Module model) {
    }

    /** A step finished; {@code loss} and {@code accuracy} are the epoch's means so far ({@code epoch}, {@code batch} 0-based). */
    default void stepped(int epoch, int batch, double loss, double accuracy) {
    }

    /** The validation was measured. */
    default void validated(CurvePoint point) {
    }

    /** An epoch ended (after its checkpoint, if any, was written). */
    default void epochEnded(EpochResult result, int epochs) {
    }

    /** Training ended, or failed. */
    default void finished() {
    }
}
