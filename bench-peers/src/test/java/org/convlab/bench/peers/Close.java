package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

/** Named tolerances and the one assertion helper that reports the max difference. */
final class Close {
    /** float32 results of the same model computed in different summation orders. */
    static final double F32 = 1e-5;

    private Close() {
    }

    /** Asserts {@code max |actual - expected| <= tol * max(1, max |expected|)}, naming the max difference. */
    static void assertClose(float[] actual, float[] expected, double tol, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        double scale = Math.max(1, Comparison.maxAbs(expected));
        double diff = Comparison.maxDiff(actual, expected);
        assertThat(diff).as("%s: max |difference| %.3e exceeds %.1e x %.3f", what, diff, tol, scale)
                .isLessThanOrEqualTo(tol * scale);
    }
}
