package org.convlab.tensor.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convlab.core.BadParameterException;

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
 * From JDK 25 it runs in the caller, as it always did there: with the child JVM, {@code
 * ./convlab bench --cpu-time} (the launcher's flags, JDK 25.0.3, Zen 4) read the 1x28x28
 * ConvNet's training at 242-392 images/s in three runs of three, against 3,460-3,690 with the
 * peak measured in the caller (cause not found). Where no child JVM can be started, the peak is
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
        Optional<String> java = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path", "");
        if (java.isEmpty() || classPath.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(childArguments(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(classPath);
        command.add(MachinePeak.class.getName());
        command.add(String.valueOf(threads));
        command.add(String.valueOf(seconds));
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            // FmaPeak runs each width for at most 20 shares of the time; the rest is the JVM's start.
            // The child prints one line, far less than a pipe holds, so waiting before reading
            // cannot block it, and a child that hangs is given up on here.
            if (!process.waitFor((long) (20 * seconds) + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return OptionalDouble.empty();
            }
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            String[] lines = new String(out, StandardCharsets.UTF_8).trim().split("\\R");
            double g = Double.parseDouble(lines[lines.length - 1].trim());
            return g > 0 && Double.isFinite(g) ? OptionalDouble.of(g) : OptionalDouble.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The JVM arguments a child measuring the peak gets: the caller's, without agents (a
     * debugger's port, a coverage agent's file) and without the shared archive that the launcher
     * asks the JVM to write at exit (two JVMs would write one file).
     */
    static List<String> childArguments(List<String> parent) {
        List<String> kept = new ArrayList<>();
        for (String a : parent) {
            boolean agent = a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
                    || a.startsWith("-Xrunjdwp") || a.startsWith("-Xdebug");
            boolean archive = a.contains("SharedArchive") || a.startsWith("-Xshare");
            if (!agent && !archive) {
                kept.add(a);
            }
        }
        return kept;
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
