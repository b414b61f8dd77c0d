package org.convlab.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * In-process timing for {@code convlab bench} (JMH is not part of the product): warm-up runs
 * for a time budget, then the median of several timed repeats, each long enough to dwarf the
 * clock's resolution. With {@link #cpuTime} it reads the calling thread's CPU time, which a
 * shared machine's other processes do not inflate (valid when all work runs on that thread).
 */
final class BenchTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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

    private long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Median seconds per call of {@code op}. Warm-up runs until at least {@code warmupSeconds}
     * have passed and the latest call is within 25% of the fastest so far (the JIT has compiled
     * the kernels: interpreted Vector API code is a hundred times slower), or ten warm-up budgets
     * have passed.
     */
    double secondsPerCall(Runnable op) {
        long t0 = now();
        double fastest = Double.MAX_VALUE;
        int calls = 0;
        while (true) {
            long s = now();
            op.run();
            long e = now();
            double d = (e - s) / 1e9;
            fastest = Math.min(fastest, d);
            calls++;
            double elapsed = (e - t0) / 1e9;
            if (elapsed >= 10 * warmupSeconds || (elapsed >= warmupSeconds && calls >= 3 && d <= 1.25 * fastest)) {
                break;
            }
        }
        int batch = (int) Math.max(1, Math.min(1_000_000, repeatSeconds / Math.max(fastest, 1e-9)));
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s = now();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            times[r] = (now() - s) / 1e9 / batch;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
