package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

/** The one assertion helper for float arrays: reports the largest difference and where it is. */
final class FloatAssertions {
    private FloatAssertions() {
    }

    /**
     * Asserts {@code |expected[i] - actual[i]| <= tolerance} for every {@code i} (NaN matches
     * only NaN), naming the worst index and the max difference on failure.
     */
    static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertThat(actual).as("%s: length", what).hasSameSizeAs(expected);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                if (Float.isNaN(e) != Float.isNaN(a)) {
                    worst = Double.POSITIVE_INFINITY;
                    at = i;
                    break;
                }
                continue;
            }
            double d = Math.abs((double) e - a);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance) {
            throw new AssertionError(String.format("%s: max difference %.3g > tolerance %.3g at index %d (expected %s, got %s)",
                    what, worst, tolerance, at, expected[at], actual[at]));
        }
    }
}
