package org.convlab.lab.train;

import org.convlab.nn.Sequential;

/**
 * Follows a training run: progress displays implement it (see {@code org.convlab.lab.progress});
 * tests use {@link #beforeStep} to inject faults. Every method has an empty default.
 */
public interface TrainingListener {
    /** Does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Training starts (or resumes).
     *
     * @param run             a name for the run, e.g. {@code "cnn seed 7"}
     * @param epochs          total epochs
     * @param batchesPerEpoch iterations per epoch
     * @param firstEpoch      the epoch (0-based) training starts at (more than 0 when resumed)
     */
    default void started(String run, int epochs, int batchesPerEpoch, int firstEpoch) {
    }

    /** An epoch (0-based) starts. */
    default void epochStarted(int epoch) {
    }

    /** Called before step {@code step} (1-based, global) updates {@code model}. */
    default void beforeStep(long step, Sequential model) {
    }

    /**
     * A step finished.
     *
     * @param epoch    0-based
     * @param batch    0-based within the epoch
     * @param loss     mean loss of the epoch so far
     * @param accuracy training accuracy of the epoch so far
     */
    default void stepped(int epoch, int batch, double loss, double accuracy) {
    }

    /** Validation accuracy was measured after global iteration {@code iteration}. */
    default void validated(long iteration, double accuracy) {
    }

    /** An epoch ended. */
    default void epochEnded(TrainResult.EpochResult result, int epochs) {
    }

    /** Training ended (test accuracy measured), or failed. */
    default void finished() {
    }

    /** Both listeners, {@code first} called first. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void started(String run, int epochs, int batchesPerEpoch, int firstEpoch) {
                first.started(run, epochs, batchesPerEpoch, firstEpoch);
                second.started(run, epochs, batchesPerEpoch, firstEpoch);
            }

            @Override
            public void epochStarted(int epoch) {
                first.epochStarted(epoch);
                second.epochStarted(epoch);
            }

            @Override
            public void beforeStep(long step, Sequential model) {
                first.beforeStep(step, model);
                second.beforeStep(step, model);
            }

            @Override
            public void stepped(int epoch, int batch, double loss, double accuracy) {
                first.stepped(epoch, batch, loss, accuracy);
                second.stepped(epoch, batch, loss, accuracy);
            }

            @Override
            public void validated(long iteration, double accuracy) {
                first.validated(iteration, accuracy);
                second.validated(iteration, accuracy);
            }

            @Override
            public void epochEnded(TrainResult.EpochResult result, int epochs) {
                first.epochEnded(result, epochs);
                second.epochEnded(result, epochs);
            }

            @Override
            public void finished() {
                first.finished();
                second.finished();
            }
        };
    }
}
