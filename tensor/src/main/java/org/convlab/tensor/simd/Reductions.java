package org.convlab.tensor.simd;

/**
 * Sums in a fixed order: eight partial sums (element {@code i} goes to sum {@code i mod 8}, as
 * in the lanes of a vector), added in order, then the tail. The order depends only on the
 * length, so results are reproducible. Plain float code with eight independent chains: as fast
 * as the memory feeding it, and no Vector API code that would allocate until the JIT's C2
 * compiles it.
 */
final class Reductions {
    private Reductions() {
    }

    /** {@code sum of a[off .. off+len)}. */
    static float sum(float[] a, int off, int len) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int bound = len & ~7;
        int i = 0;
        for (; i < bound; i += 8) {
            int j = off + i;
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
            s4 += a[j + 4];
            s5 += a[j + 5];
            s6 += a[j + 6];
            s7 += a[j + 7];
        }
        float s = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; i < len; i++) {
            s += a[off + i];
        }
        return s;
    }
}
