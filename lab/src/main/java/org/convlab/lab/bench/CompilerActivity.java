package org.convlab.lab.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.DoubleConsumer;

/**
 * The end of a warm-up: the JIT has compiled nothing for {@link #IDLE_SECONDS} of calls. A fixed
 * warm-up is not enough on a 2-core machine, where the one C2 thread can still be compiling a
 * workload's kernels seconds later; a call timed then runs interpreted or C1 code, which boxes
 * every Vector API vector (ten times slower, megabytes allocated per call).
 */
public final class CompilerActivity {
    /** The compiler must have been idle for this many seconds of calls. */
    public static final double IDLE_SECONDS = 0.3;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /** A timed call: runs the work once and returns the seconds it took. */
    @FunctionalInterface
    public interface TimedCall {
        double run() throws Exception;
    }

    private CompilerActivity() {
    }

    /**
     * Runs {@code call} until the JVM's total compilation time has not grown during
     * {@link #IDLE_SECONDS} of calls (or {@code maxSeconds}, if shorter), or until
     * {@code maxSeconds} of calls; does nothing where the JVM does not monitor its compilation time.
     *
     * @param onCall receives the seconds of every call (the caller's warm-up statistics)
     */
    public static void runUntilIdle(TimedCall call, double maxSeconds, DoubleConsumer onCall)
            throws Exception {
        if (JIT == null || !JIT.isCompilationTimeMonitoringSupported()) {
            return;
        }
        double idle = Math.min(IDLE_SECONDS, maxSeconds);
        double spent = 0;
        while (spent < maxSeconds) {
            long before = JIT.getTotalCompilationTime();
            double window = 0;
            while (window < idle) {
                double t = call.run();
                onCall.accept(t);
                window += t;
            }
            spent += window;
            if (JIT.getTotalCompilationTime() == before) {
                return;
            }
        }
    }
}
