package org.convlab.tensor.kernels;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.convlab.core.BadParameterException;
import org.convlab.core.ChildJvm;

/**
 * The machine's floating-point peak as measured, the yardstick of every "% of peak": the FMA
 * peak of {@code threads} threads measuring at the same time, each running independent FMA
 * chains with no memory traffic at every vector width the JVM offers and keeping its best (see
 * the SIMD package's {@code FmaPeak}). Measured, never assumed from the instruction set: the
 * widest FMA is not always the fastest (AMD Zen 4 splits 512-bit FMAs in two halves).
 *
 * <p>Before JDK 25 the measurement runs in a child JVM (the same {@code java}, flags and class
 * path), not in the caller's: running Vector API code of several widths in one JVM makes the type
 * profiles of the API's shared methods polymorphic, and JDK 17's C2 then stops compiling the
 * kernels' vector loads and stores into instructions. On JDK 17.0.15 (AMD Zen 4) the 1x28x28
 * ConvNet trained at 230 images/s after an in-process measurement against 1,650 without one.
 * From JDK 25 it runs in the caller, as it always did there: when {@code bench} still ran its
 * kernel sections and the training in one JVM, a peak measured in a child JVM was followed by
 * 10x slower training (JDK 25.0.3, Zen 4, three runs of three) and one measured in the caller was
 * not (cause not found; {@code bench} now measures each section in a JVM of its own). Where no
 * child JVM can be started, the peak is
 * measured here at the kernels' own width only (which adds no second species), and may then read
 * below the widest width's.
 */
public final class MachinePeak {
    /** Measurements made in this JVM (a test checks that the child JVM made them instead). */
    static final AtomicInteger IN_THIS_JVM = new AtomicInteger();

    private MachinePeak() {
    }

    /**
     * The sum of the FMA peaks of {@code threads} threads measuring at the same time, in GFLOP/s;
     * {@code NaN} when the Vector API kernels are not in use (the reference kernels have no peak
     * to compare with).
     *
     * @param threads how many threads measure together (1 or more)
     * @param seconds about how long each thread measures
     */
    public static double gflops(int threads, double seconds) {
        if (threads < 1) {
            throw new BadParameterException("threads", "1 or more", String.valueOf(threads));
        }
        if (Kernels.fast() == null) {
            return Double.NaN;
        }
        if (Runtime.version().feature() >= 25) {
            return inThisJvm(threads, seconds, true);
        }
        OptionalDouble child = inChildJvm(threads, seconds);
        return child.isPresent() ? child.getAsDouble() : inThisJvm(threads, seconds, false);
    }

    /**
     * {@link #gflops} measured by a child JVM, or empty when none could be started or it gave
     * no figure in time.
     */
    static OptionalDouble inChildJvm(int threads, double seconds) {
        // FmaPeak runs each width for at most 20 shares of the time; the rest is the JVM's start.
        Optional<String> out = ChildJvm.output(MachinePeak.class.getName(),
                List.of(String.valueOf(threads), String.valueOf(seconds)), (long) (20 * seconds) + 60);
        if (out.isEmpty()) {
            return OptionalDouble.empty();
        }
        String[] lines = out.get().trim().split("\\R");
        try {
            double g = Double.parseDouble(lines[lines.length - 1].trim());
            return g > 0 && Double.isFinite(g) ? OptionalDouble.of(g) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Measures in this JVM: at every width the JVM offers, or only at the kernels' width when
     * {@code everyWidth} is false.
     */
    static double inThisJvm(int threads, double seconds, boolean everyWidth) {
        IN_THIS_JVM.incrementAndGet();
        FastKernels fast = Kernels.fast();
        double[] each = new double[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int id = i;
            workers[i] = new Thread(() -> each[id] = everyWidth ? fast.fmaPeak(seconds) : fast.fmaPeakInUse(seconds),
                    "fma-peak-" + i);
            workers[i].start();
        }
        double sum = 0;
        for (int i = 0; i < threads; i++) {
            try {
                workers[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            sum += each[i];
        }
        return sum;
    }

    /**
     * The child JVM's entry point: {@code threads seconds}; prints the peak in GFLOP/s, or
     * {@code NaN} without the Vector API kernels.
     */
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        System.out.println(Kernels.fast() == null ? Double.NaN : inThisJvm(threads, seconds, true));
    }
}
