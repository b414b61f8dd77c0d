package org.convlab.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * In-process timing (JMH is not part of the product): warm-up for a time budget, then several
 * timed repeats, each long enough to dwarf the clock's resolution, summarised by their median.
 * With {@link #cpuTime} it reads the calling thread's CPU time, which a shared machine's other
 * processes do not inflate (valid when all work runs on that thread). It also reports the bytes
 * the calling thread allocates per call (the worker threads' allocations are not counted).
 */
public final class StepTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double warmupSeconds;
    private final double repeatSeconds;
    private final int repeats;
    private boolean cpuTime;

    /** What {@link #measure} found: seconds per call (median and range over the repeats) and bytes per call. */
    public record Measurement(double medianSeconds, double minSeconds, double maxSeconds, long callsPerRepeat,
                              double bytesPerCall) {
    }

    /**
     * @param warmupSeconds at least this long warming up
     * @param repeatSeconds about this long per timed repeat
     * @param repeats       timed repeats (odd for a true median)
     */
    public StepTimer(double warmupSeconds, double repeatSeconds, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        this.warmupSeconds = warmupSeconds;
        this.repeatSeconds = repeatSeconds;
        this.repeats = repeats;
    }

    /** Times by the calling thread's CPU time instead of the wall clock (one thread only); returns this. */
    public StepTimer cpuTime(boolean on) {
        this.cpuTime = on;
        return this;
    }

    private long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Median seconds per call of {@code op}, as {@link #measure}. */
    public double secondsPerCall(Runnable op) {
        return measure(op).medianSeconds();
    }

    /**
     * Warms {@code op} up until at least the warm-up budget has passed and the latest call is
     * within 25% of the fastest so far (the JIT has compiled the kernels: interpreted Vector API
     * code is a hundred times slower), or ten budgets have passed, and then on until the JIT is
     * idle ({@link CompilerActivity}, nine budgets at most); then times the repeats.
     */
    public Measurement measure(Runnable op) {
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
        double[] best = {fastest};
        try {
            CompilerActivity.runUntilIdle(() -> {
                long s = now();
                op.run();
                return (now() - s) / 1e9;
            }, 9 * warmupSeconds, d -> best[0] = Math.min(best[0], d));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        fastest = best[0];
        int batch = (int) Math.max(1, Math.min(1_000_000, repeatSeconds / Math.max(fastest, 1e-9)));
        double[] times = new double[repeats];
        long bytes0 = Allocation.ofThisThread();
        for (int r = 0; r < repeats; r++) {
            long s = now();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            times[r] = (now() - s) / 1e9 / batch;
        }
        long bytes = bytes0 < 0 ? -1 : Allocation.ofThisThread() - bytes0;
        Arrays.sort(times);
        return new Measurement(times[repeats / 2], times[0], times[repeats - 1], batch,
                bytes < 0 ? Double.NaN : bytes / (double) ((long) batch * repeats));
    }
}
