package org.convlab.lab.experiments;

import java.util.Locale;

/** Number formats of the reports. */
public final class Fmt {
    private Fmt() {
    }

    /** {@code 0.861} as {@code 86.1%}. */
    public static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A difference of fractions in percentage points: {@code +4.8 points}. */
    public static String points(double diff) {
        return String.format(Locale.ROOT, "%+.1f points", 100 * diff);
    }

    /** {@code 130906} as {@code 130,906}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A parameter count for legends: {@code 131k}, {@code 4.4M}, {@code 19M}. */
    public static String compact(long n) {
        if (n >= 10_000_000) {
            return Math.round(n / 1e6) + "M";
        }
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return Math.round(n / 1e3) + "k";
        }
        return count(n);
    }

    /** A small number in scientific notation: {@code 3.2e-08}; exact zero as {@code 0}. */
    public static String sci(double x) {
        if (x == 0) {
            return "0";
        }
        if (Double.isNaN(x)) {
            return "-";
        }
        if (Double.isInfinite(x)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%.1e", x);
    }

    /** An error that may be tiny or of order 1: {@code 0.87} or {@code 3.2e-08}. */
    public static String err(double x) {
        if (x == 0) {
            return "0";
        }
        return x != 0 && Math.abs(x) < 0.01 ? sci(x) : String.format(Locale.ROOT, "%.2f", x);
    }

    /** An upper bound of small errors: {@code exactly 0} or {@code at most 3.2e-08}. */
    public static String atMost(double x) {
        return x == 0 ? "exactly 0" : "at most " + sci(x);
    }

    /** Seconds as {@code 12.3 s} or {@code 4 min 05 s}. */
    public static String seconds(double s) {
        if (s < 100) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long r = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", r / 60, r % 60);
    }

    /** {@code 1 epoch}, {@code 2 epochs}. */
    public static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** A ratio: {@code 1.5x} or {@code 147x}. */
    public static String times(double r) {
        return r >= 10 ? String.format(Locale.ROOT, "%.0fx", r) : String.format(Locale.ROOT, "%.1fx", r);
    }
}
