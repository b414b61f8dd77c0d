package org.convlab.app;

import java.util.Arrays;

/**
 * In-process timing for {@code convlab bench} (JMH is not part of the product): warm-up runs
 * for a time budget, then the median of several timed repeats, each long enough to dwarf the
 * clock's resolution.
 */
final class BenchTimer {
    final double warmupSeconds;
    final double repeatSeconds;
    final int repeats;

    BenchTimer(double warmupSeconds, double repeatSeconds, int repeats) {
        this.warmupSeconds = warmupSeconds;
        this.repeatSeconds = repeatSeconds;
        this.repeats = repeats;
    }

    /** Median seconds per call of {@code op}. */
    double secondsPerCall(Runnable op) {
        long t0 = System.nanoTime();
        int calls = 0;
        do {
            op.run();
            calls++;
        } while (System.nanoTime() - t0 < warmupSeconds * 1e9 || calls < 2);
        double perCall = (System.nanoTime() - t0) / 1e9 / calls;
        int batch = (int) Math.max(1, Math.min(1_000_000, repeatSeconds / Math.max(perCall, 1e-9)));
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            times[r] = (System.nanoTime() - s) / 1e9 / batch;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
