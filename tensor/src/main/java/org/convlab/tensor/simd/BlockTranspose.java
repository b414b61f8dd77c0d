package org.convlab.tensor.simd;

/**
 * An L x L block transpose in registers at the widths that have one: {@link Transpose16} at 512
 * bits, {@link Transpose8} at 256 (at 128 bits the callers gather). The same floats either way.
 */
final class BlockTranspose {
    private BlockTranspose() {
    }

    /** Whether the vectors in use have a block transpose (16 or 8 lanes). */
    static boolean available() {
        return Transpose16.available() || Transpose8.available();
    }

    /**
     * {@code dst[d + j*cw + r] = src[s0 + r*stride + j]} for the {@code L} rows {@code r} and the
     * columns {@code j < count} ({@code count >= L}), in whole blocks, the last one overlapping
     * the one before it.
     */
    static void columns(float[] src, int s0, int stride, int count, float[] dst, int d, int cw) {
        if (Transpose16.available()) {
            Transpose16.columns(src, s0, stride, count, dst, d, cw);
        } else {
            Transpose8.columns(src, s0, stride, count, dst, d, cw);
        }
    }
}
