package org.convlab.app;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.parallel.Parallel;

/**
 * {@code --threads N} of the training and lab commands: sets the kernels' thread count for the
 * command and restores the previous count afterwards (commands also run inside tests).
 */
final class ThreadOption implements AutoCloseable {
    private final int previous;

    private ThreadOption(int previous) {
        this.previous = previous;
    }

    /** Applies {@code threads} (null: leave the default, one per core). */
    static ThreadOption apply(Integer threads) {
        int before = Parallel.threads();
        if (threads != null) {
            if (threads < 1 || threads > 256) {
                throw new BadParameterException("--threads", "a thread count in 1..256", threads);
            }
            Parallel.setThreads(threads);
        }
        return new ThreadOption(before);
    }

    @Override
    public void close() {
        Parallel.setThreads(previous);
    }
}
