package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * {@link Transpose16}'s butterfly for 8-lane (256-bit) vectors: 8 rows
 * {@code src[s0 + r*stride + j]} ({@code r, j < 8}) become 8 vectors {@code dst[d + j*cw + r]},
 * in three stages (4, 2, 1) of one lane rotation and one blend per row: 8 loads, 24 rotations,
 * 24 blends and 8 stores for 64 floats, where a gather of 8 lanes per output vector costs about
 * a cycle per element. The weight gradient's transposes at 256 bits go through it
 * ({@link BlockTranspose}).
 */
final class Transpose8 {
    /** Lanes of the vectors this block is written for; the shuffles exist only at that width. */
    static final int LANES = 8;
    private static final boolean AVAILABLE = Lanes.L == LANES;
    private static final VectorShuffle<Float> DOWN4 = BlockTranspose.rotation(LANES, -4);
    private static final VectorShuffle<Float> UP4 = BlockTranspose.rotation(LANES, 4);
    private static final VectorMask<Float> HIGH4 = BlockTranspose.lanesWith(LANES, 4);
    private static final VectorShuffle<Float> DOWN2 = BlockTranspose.rotation(LANES, -2);
    private static final VectorShuffle<Float> UP2 = BlockTranspose.rotation(LANES, 2);
    private static final VectorMask<Float> HIGH2 = BlockTranspose.lanesWith(LANES, 2);
    private static final VectorShuffle<Float> DOWN1 = BlockTranspose.rotation(LANES, -1);
    private static final VectorShuffle<Float> UP1 = BlockTranspose.rotation(LANES, 1);
    private static final VectorMask<Float> HIGH1 = BlockTranspose.lanesWith(LANES, 1);

    private Transpose8() {
    }

    /** Whether the vectors in use have 8 lanes. */
    static boolean available() {
        return AVAILABLE;
    }

    /** {@code dst[d + j*cw + r] = src[s0 + r*stride + j]} for {@code r, j < 8}, the vectors stored in order of {@code j}. */
    static void block(float[] src, int s0, int stride, float[] dst, int d, int cw) {
        FloatVector r0 = FloatVector.fromArray(Lanes.F, src, s0);
        FloatVector r1 = FloatVector.fromArray(Lanes.F, src, s0 + stride);
        FloatVector r2 = FloatVector.fromArray(Lanes.F, src, s0 + 2 * stride);
        FloatVector r3 = FloatVector.fromArray(Lanes.F, src, s0 + 3 * stride);
        FloatVector r4 = FloatVector.fromArray(Lanes.F, src, s0 + 4 * stride);
        FloatVector r5 = FloatVector.fromArray(Lanes.F, src, s0 + 5 * stride);
        FloatVector r6 = FloatVector.fromArray(Lanes.F, src, s0 + 6 * stride);
        FloatVector r7 = FloatVector.fromArray(Lanes.F, src, s0 + 7 * stride);
        // Stage 4: rows i and i + 4 exchange the lanes with bit 4 set.
        FloatVector b0 = r0.blend(r4.rearrange(DOWN4), HIGH4);
        FloatVector b4 = r0.rearrange(UP4).blend(r4, HIGH4);
        FloatVector b1 = r1.blend(r5.rearrange(DOWN4), HIGH4);
        FloatVector b5 = r1.rearrange(UP4).blend(r5, HIGH4);
        FloatVector b2 = r2.blend(r6.rearrange(DOWN4), HIGH4);
        FloatVector b6 = r2.rearrange(UP4).blend(r6, HIGH4);
        FloatVector b3 = r3.blend(r7.rearrange(DOWN4), HIGH4);
        FloatVector b7 = r3.rearrange(UP4).blend(r7, HIGH4);
        // Stage 2: rows i and i + 2 exchange the lanes with bit 2 set.
        FloatVector c0 = b0.blend(b2.rearrange(DOWN2), HIGH2);
        FloatVector c2 = b0.rearrange(UP2).blend(b2, HIGH2);
        FloatVector c1 = b1.blend(b3.rearrange(DOWN2), HIGH2);
        FloatVector c3 = b1.rearrange(UP2).blend(b3, HIGH2);
        FloatVector c4 = b4.blend(b6.rearrange(DOWN2), HIGH2);
        FloatVector c6 = b4.rearrange(UP2).blend(b6, HIGH2);
        FloatVector c5 = b5.blend(b7.rearrange(DOWN2), HIGH2);
        FloatVector c7 = b5.rearrange(UP2).blend(b7, HIGH2);
        // Stage 1: rows i and i + 1 exchange the lanes with bit 1 set.
        c0.blend(c1.rearrange(DOWN1), HIGH1).intoArray(dst, d);
        c0.rearrange(UP1).blend(c1, HIGH1).intoArray(dst, d + cw);
        c2.blend(c3.rearrange(DOWN1), HIGH1).intoArray(dst, d + 2 * cw);
        c2.rearrange(UP1).blend(c3, HIGH1).intoArray(dst, d + 3 * cw);
        c4.blend(c5.rearrange(DOWN1), HIGH1).intoArray(dst, d + 4 * cw);
        c4.rearrange(UP1).blend(c5, HIGH1).intoArray(dst, d + 5 * cw);
        c6.blend(c7.rearrange(DOWN1), HIGH1).intoArray(dst, d + 6 * cw);
        c6.rearrange(UP1).blend(c7, HIGH1).intoArray(dst, d + 7 * cw);
    }
}
