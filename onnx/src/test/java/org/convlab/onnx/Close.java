package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.convlab.tensor.Tensor;

/**
 * The tolerance of float32 engines that add in different orders: {@code |a - b| <= ABS + REL * |b|}
 * elementwise, with the largest difference in the failure message.
 */
final class Close {
    /** Absolute part of the tolerance. */
    static final double ABS = 1e-5;
    /** Relative part of the tolerance. */
    static final double REL = 1e-5;

    private Close() {
    }

    static void assertClose(Tensor actual, Tensor expected, String what) {
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
        System.out.printf("%s: max |diff| %.3g over %d values%n", what, maxDiff(actual, expected), expected.size());
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.data()[i];
            double b = expected.data()[i];
            double excess = Math.abs(a - b) - (ABS + REL * Math.abs(b));
            if (!(excess <= 0) && (at < 0 || excess > worst)) {
                worst = excess;
                at = i;
            }
        }
        assertThat(at).as(what + ": first offending element " + (at < 0 ? "" : "at " + at + ": "
                + actual.data()[at] + " vs " + expected.data()[at]) + " (max |diff| " + maxDiff(actual, expected) + ")")
                .isEqualTo(-1);
    }

    static double maxDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < b.size(); i++) {
            m = Math.max(m, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
