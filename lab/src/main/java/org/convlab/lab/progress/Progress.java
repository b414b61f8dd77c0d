package org.convlab.lab.progress;

import java.io.PrintWriter;
import org.convlab.lab.train.TrainingListener;

/** Chooses how training progress is shown. */
public final class Progress {
    /** The system property the launcher sets when standard error is a terminal. */
    public static final String TTY_PROPERTY = "convlab.tty";

    private Progress() {
    }

    /** Whether standard error is a terminal (the launcher passes {@code -Dconvlab.tty=true}). */
    public static boolean terminal() {
        return Boolean.getBoolean(TTY_PROPERTY);
    }

    /**
     * A progress display writing to {@code err}: a bar when {@code tty}, plain lines otherwise,
     * nothing when {@code quiet}.
     */
    public static TrainingListener create(PrintWriter err, boolean tty, boolean quiet) {
        return create(err, tty, quiet, null);
    }

    /**
     * As {@link #create(PrintWriter, boolean, boolean)}, each bar and line also showing the
     * whole run's progress from {@code overall} (may be null).
     */
    public static TrainingListener create(PrintWriter err, boolean tty, boolean quiet, OverallProgress overall) {
        if (quiet) {
            return TrainingListener.NONE;
        }
        return tty ? new BarProgress(err, overall) : new LineProgress(err, overall);
    }

    /** {@code 83.4%}. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format("%.1f%%", 100 * fraction);
    }

    /** {@code 1:05} or {@code 1:02:03}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
