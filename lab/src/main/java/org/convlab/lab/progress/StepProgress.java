package org.convlab.lab.progress;

import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress over a few named steps of uneven length (the sections of {@code convlab bench}): on a
 * terminal a bar over the steps naming the one under way, e.g.
 * <pre>
 * bench  40% [========>             ] 2/5 (0:00:21 / 0:00:31) conv in its own JVM
 * </pre>
 * otherwise one line as each step begins ({@code bench: conv in its own JVM (3/5)}).
 */
public final class StepProgress implements AutoCloseable {
    private final PrintWriter err;
    private final String task;
    private final int steps;
    private final PrintStream stream;
    private final ProgressBar bar;
    private int begun;

    private StepProgress(PrintWriter err, boolean tty, String task, int steps) {
        this.err = err;
        this.task = task;
        this.steps = steps;
        this.stream = tty ? TerminalStream.of(err) : null;
        this.bar = tty ? TerminalStream.bar(stream, task, steps) : null;
    }

    /**
     * Progress of {@code task} over {@code steps} steps on {@code err}: a bar when {@code tty}
     * (standard error is a terminal, {@link Progress#terminal}), lines otherwise.
     */
    public static StepProgress create(PrintWriter err, boolean tty, String task, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return new StepProgress(err, tty, task, steps);
    }

    /** The next step begins (the one before it is done). */
    public void begin(String step) {
        if (bar != null) {
            bar.stepTo(begun);
            bar.setExtraMessage(step);
        } else {
            err.printf("%s: %s (%d/%d)%n", task, step, Math.min(begun + 1, steps), steps);
            err.flush();
        }
        begun++;
    }

    /** The last step is done; the bar, if any, is completed and closed. */
    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(steps);
            bar.setExtraMessage("");
            bar.close();
            stream.flush();
        }
    }
}
