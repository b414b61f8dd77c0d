package org.convlab.app.web;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the requests that compute at the same time ({@link Limits#HEAVY_CONCURRENT}); a request
 * that cannot start within {@link Limits#BUSY_WAIT} gets 503, so a burst of requests queues
 * briefly and then fails fast instead of piling up.
 */
public final class WorkGate {
    private final Semaphore permits;
    private final long waitMillis;
    private final String busy;

    public WorkGate(int concurrent, long waitMillis) {
        this(concurrent, waitMillis, "busy: other requests are computing; try again in a moment");
    }

    /** A gate whose 503 says {@code busy}. */
    public WorkGate(int concurrent, long waitMillis, String busy) {
        this.permits = new Semaphore(concurrent, true);
        this.waitMillis = waitMillis;
        this.busy = busy;
    }

    /** Runs {@code work} once a slot is free. */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebException(503, "busy: interrupted while waiting to compute");
        }
        if (!acquired) {
            throw new WebException(503, busy);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
