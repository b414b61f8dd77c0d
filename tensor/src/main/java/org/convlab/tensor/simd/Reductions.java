package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Sums in a fixed order: 8 lane-wise partial sums over the vector part, then the lanes in order,
 * then the scalar tail. The order depends only on the length, so results are reproducible.
 */
final class Reductions {
    private Reductions() {
    }

    /** {@code sum of a[off .. off+len)}. */
    static float sum(float[] a, int off, int len) {
        int bound = Lanes.F.loopBound(len);
        FloatVector acc = FloatVector.zero(Lanes.F);
        int i = 0;
        for (; i < bound; i += Lanes.L) {
            acc = acc.add(FloatVector.fromArray(Lanes.F, a, off + i));
        }
        float s = 0f;
        for (int lane = 0; lane < Lanes.L; lane++) {
            s += acc.lane(lane);
        }
        for (; i < len; i++) {
            s += a[off + i];
        }
        return s;
    }
}
