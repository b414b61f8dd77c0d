package org.convlab.tensor.simd;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

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
     * columns {@code j < count} ({@code count >= L}): whole blocks from column 0, then one ending
     * at column {@code count}, which writes some columns of the block before it again, with the
     * same values.
     */
    static void columns(float[] src, int s0, int stride, int count, float[] dst, int d, int cw) {
        int j = 0;
        for (; j + Lanes.L <= count; j += Lanes.L) {
            block(src, s0 + j, stride, dst, d + j * cw, cw);
        }
        if (j < count) {
            j = count - Lanes.L;
            block(src, s0 + j, stride, dst, d + j * cw, cw);
        }
    }

    /** One L x L block: {@code dst[d + j*cw + r] = src[s0 + r*stride + j]} for {@code r, j < L}. */
    static void block(float[] src, int s0, int stride, float[] dst, int d, int cw) {
        if (Transpose16.available()) {
            Transpose16.block(src, s0, stride, dst, d, cw);
        } else {
            Transpose8.block(src, s0, stride, dst, d, cw);
        }
    }

    /** Lane {@code j} takes lane {@code j + by} (mod {@code lanes}); {@code null} unless the vectors have {@code lanes} lanes. */
    static VectorShuffle<Float> rotation(int lanes, int by) {
        return Lanes.L == lanes ? VectorShuffle.fromOp(Lanes.F, j -> Math.floorMod(j + by, lanes)) : null;
    }

    /** The lanes {@code j} with {@code j & h != 0}; {@code null} unless the vectors have {@code lanes} lanes. */
    static VectorMask<Float> lanesWith(int lanes, int h) {
        if (Lanes.L != lanes) {
            return null;
        }
        boolean[] m = new boolean[lanes];
        for (int j = 0; j < lanes; j++) {
            m[j] = (j & h) != 0;
        }
        return VectorMask.fromArray(Lanes.F, m, 0);
    }
}
