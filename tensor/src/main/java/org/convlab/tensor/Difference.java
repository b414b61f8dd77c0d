package org.convlab.tensor;

/**
 * How far computed values are from expected ones: the largest absolute and relative
 * differences, where they occur, and whether every element is within a {@link Tolerance}.
 *
 * @param tolerance    the tolerance applied
 * @param size         elements compared
 * @param failures     elements outside the tolerance (or different in length, or NaN where a number was expected)
 * @param maxAbs       largest {@code |actual - expected|}
 * @param maxAbsIndex  its flat index (-1 when nothing was compared)
 * @param maxRel       largest {@code |actual - expected| / |expected|} over nonzero expected values
 * @param maxRelIndex  its flat index (-1 when none)
 * @param scale        {@code max |expected|}
 * @param expectedAtMaxAbs the expected value at {@code maxAbsIndex}
 * @param actualAtMaxAbs   the actual value at {@code maxAbsIndex}
 */
public record Difference(Tolerance tolerance, int size, int failures, double maxAbs, int maxAbsIndex,
                         double maxRel, int maxRelIndex, double scale, double expectedAtMaxAbs,
                         double actualAtMaxAbs) {

    /** Compares {@code actual} with {@code expected} under {@code tol}. */
    public static Difference of(Tolerance tol, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return new Difference(tol, Math.max(expected.length, actual.length), Math.max(expected.length,
                    actual.length), Double.POSITIVE_INFINITY, -1, Double.POSITIVE_INFINITY, -1, 0, Double.NaN,
                    Double.NaN);
        }
        double scale = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        int failures = 0;
        double maxAbs = 0;
        int maxAbsIndex = expected.length > 0 ? 0 : -1;
        double maxRel = 0;
        int maxRelIndex = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            double d;
            if (Double.compare(e, a) == 0 || e == a) {
                d = 0;
            } else {
                d = Math.abs(a - e);
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY;
                }
            }
            if (d > tol.rel() * Math.abs(e) + tol.abs() * scale) {
                failures++;
            }
            if (d > maxAbs) {
                maxAbs = d;
                maxAbsIndex = i;
            }
            if (e != 0) {
                double r = d / Math.abs(e);
                if (r > maxRel || maxRelIndex < 0) {
                    maxRel = r;
                    maxRelIndex = i;
                }
            }
        }
        return new Difference(tol, expected.length, failures, maxAbs, maxAbsIndex, maxRel, maxRelIndex, scale,
                maxAbsIndex >= 0 ? expected[maxAbsIndex] : Double.NaN,
                maxAbsIndex >= 0 ? actual[maxAbsIndex] : Double.NaN);
    }

    /** Whether every element is within the tolerance. */
    public boolean passes() {
        return failures == 0;
    }

    /** The largest difference relative to the largest expected magnitude: {@code maxAbs / scale}. */
    public double relativeToScale() {
        return scale == 0 ? maxAbs : maxAbs / scale;
    }

    /** Throws an {@link AssertionError} describing the differences unless every element passes. */
    public void orThrow(String what, Shape shape) {
        if (!passes()) {
            throw new AssertionError(describe(what, shape));
        }
    }

    /** One line: what, how many elements failed, the largest differences and where. */
    public String describe(String what, Shape shape) {
        return String.format("%s: %d of %d elements outside %s; max abs difference %.3g at %s (expected %s, got %s),"
                        + " max rel difference %.3g at %s, max|expected| %.4g",
                what, failures, size, tolerance, maxAbs, where(maxAbsIndex, shape), expectedAtMaxAbs, actualAtMaxAbs,
                maxRel, where(maxRelIndex, shape), scale);
    }

    private static String where(int index, Shape shape) {
        if (index < 0) {
            return "-";
        }
        if (shape == null || shape.size() <= index) {
            return "[" + index + "]";
        }
        int[] at = new int[shape.rank()];
        int rest = index;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            at[d] = rest % shape.dim(d);
            rest /= shape.dim(d);
        }
        return java.util.Arrays.toString(at);
    }
}
