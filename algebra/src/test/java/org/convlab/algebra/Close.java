package org.convlab.algebra;

import static org.assertj.core.api.Assertions.assertThat;

/** The one assertion helper for floating-point arrays: reports the largest difference. */
public final class Close {
    /** Double precision sums of a few hundred products of values in [-1, 1]. */
    public static final double F64 = 1e-12;

    private Close() {
    }

    /** Asserts {@code |expected - actual| <= tolerance} everywhere, naming the worst index. */
    public static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (diff > worst || Double.isNaN(diff)) {
                worst = diff;
                at = i;
            }
        }
        assertThat(worst <= tolerance)
                .as("%s: max |difference| %.3g at index %d (expected %s, got %s), tolerance %.1g", what, worst, at,
                        at >= 0 ? expected[at] : "-", at >= 0 ? actual[at] : "-", tolerance)
                .isTrue();
    }
}
