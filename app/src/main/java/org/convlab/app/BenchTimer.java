package org.convlab.app;

import org.convlab.lab.bench.StepTimer;

/**
 * The timing settings of {@code convlab bench} (warm-up budget, repeat length, repeats, CPU
 * time or wall clock), measured with the lab's {@link StepTimer}, the harness that the JMH
 * training benchmark's step and the peers' convlab engine share.
 */
final class BenchTimer {
    final double warmupSeconds;
    final double repeatSeconds;
    final int repeats;
    /** Time by the calling thread's CPU time instead of the wall clock (one thread only). */
    boolean cpuTime;

    BenchTimer(double warmupSeconds, double repeatSeconds, int repeats) {
        this.warmupSeconds = warmupSeconds;
        this.repeatSeconds = repeatSeconds;
        this.repeats = repeats;
    }

    /** Median seconds per call of {@code op}, timed by the lab's {@link StepTimer}. */
    double secondsPerCall(Runnable op) {
        return new StepTimer(warmupSeconds, repeatSeconds, repeats).cpuTime(cpuTime).secondsPerCall(op);
    }
}
