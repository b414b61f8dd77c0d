package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * A 16 x 16 block of floats transposed in registers, for 16-lane (512-bit) vectors: 16 rows
 * {@code src[s0 + r*stride + j]} ({@code r, j < 16}) become 16 vectors {@code dst[d + j*cw + r]}.
 *
 * <p>Four butterfly stages: at stage {@code h} (8, 4, 2, 1), rows {@code i} and {@code i + h}
 * ({@code i & h == 0}) exchange the lanes {@code j} with {@code j & h} set in row {@code i} for
 * those without it in row {@code i + h}, each with one lane rotation ({@code rearrange}, a
 * {@code vpermps}) and one {@code blend}; after the four, row {@code j} holds column {@code j}.
 * Each stage swaps one bit of the row index with that bit of the lane index, so the stages
 * commute: stages 8 and 4 run on each group of rows {@code j, j+4, j+8, j+12} as it is loaded,
 * stages 2 and 1 on each group of four consecutive rows, whose vectors are then stored in order
 * (the order matters where {@code cw < 16}). With all sixteen rows loaded first and each stage
 * done for all of them before the next, C2 (JDK 25) kept more vectors live than AVX-512's 32
 * registers and spilled them: 356 vector moves beside the 128 shuffles, 198 cycles a block on
 * AMD Zen 4 against 124 now (JDK 17: 274-375 against 256).
 * 16 loads, 64 rotations, 64 blends and 16 stores for 256 floats, where the weight gradient's
 * transpose and the packing of a GEMM panel gathered 16 lanes per output vector: on AMD Zen 4 a
 * gather costs about a cycle per element. Measured there (one JVM, the gathers and this
 * interleaved, batch 64, one thread): the transpose alone 1.24-3.2x faster for the notebook's
 * layers (most on 32x32 planes, whose 4 KiB channel stride puts all 16 gathered lines in one L1
 * set); the weight-gradient passes 1.37x (1->32 5x5 on 28x28), 1.31x (3->32 5x5 on 32x32) and
 * 1.05x (32->16 3x3 on 28x28 and 32x32); the MLP-784's inference, whose packing of A goes through
 * here, 1.14-1.16x. Only whole blocks come here ({@link BlockTranspose#columns} covers a run of at least 16
 * columns with them, the last one overlapping); shorter runs and partial channel vectors keep the
 * gathers (a version that took partial blocks, with masked loads and conditional stores, ran 17x
 * slower than the gathers on the 32->16 layer at 28x28; not investigated). The vectors are
 * locals of one method, not an array, so that C2 keeps them in registers (AVX-512 has 32).
 */
final class Transpose16 {
    /** Lanes of the vectors this block is written for; the shuffles exist only at that width. */
    static final int LANES = 16;
    private static final boolean AVAILABLE = Lanes.L == LANES;
    private static final VectorShuffle<Float> DOWN8 = BlockTranspose.rotation(LANES, -8);
    private static final VectorShuffle<Float> UP8 = BlockTranspose.rotation(LANES, 8);
    private static final VectorMask<Float> HIGH8 = BlockTranspose.lanesWith(LANES, 8);
    private static final VectorShuffle<Float> DOWN4 = BlockTranspose.rotation(LANES, -4);
    private static final VectorShuffle<Float> UP4 = BlockTranspose.rotation(LANES, 4);
    private static final VectorMask<Float> HIGH4 = BlockTranspose.lanesWith(LANES, 4);
    private static final VectorShuffle<Float> DOWN2 = BlockTranspose.rotation(LANES, -2);
    private static final VectorShuffle<Float> UP2 = BlockTranspose.rotation(LANES, 2);
    private static final VectorMask<Float> HIGH2 = BlockTranspose.lanesWith(LANES, 2);
    private static final VectorShuffle<Float> DOWN1 = BlockTranspose.rotation(LANES, -1);
    private static final VectorShuffle<Float> UP1 = BlockTranspose.rotation(LANES, 1);
    private static final VectorMask<Float> HIGH1 = BlockTranspose.lanesWith(LANES, 1);

    private Transpose16() {
    }

    /** Whether the vectors in use have 16 lanes. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * {@code dst[d + j*cw + r] = src[s0 + r*stride + j]} for {@code r, j < 16}, the vectors stored in
     * order of {@code j}: with {@code cw < 16} (a GEMM panel's 12 rows) each vector's last
     * {@code 16 - cw} lanes land where the next one is stored after it, and the last vector's run
     * {@code 16 - cw} floats past {@code d + 16*cw}.
     *
     * @param cw the distance between two output vectors
     */
    static void block(float[] src, int s0, int stride, float[] dst, int d, int cw) {
        // Stages 8 and 4 within each group of rows j, j + 4, j + 8, j + 12, loaded as they are needed.
        FloatVector r0 = FloatVector.fromArray(Lanes.F, src, s0 + 0 * stride);
        FloatVector r4 = FloatVector.fromArray(Lanes.F, src, s0 + 4 * stride);
        FloatVector r8 = FloatVector.fromArray(Lanes.F, src, s0 + 8 * stride);
        FloatVector r12 = FloatVector.fromArray(Lanes.F, src, s0 + 12 * stride);
        FloatVector a0 = r0.blend(r8.rearrange(DOWN8), HIGH8);
        FloatVector a8 = r0.rearrange(UP8).blend(r8, HIGH8);
        FloatVector a4 = r4.blend(r12.rearrange(DOWN8), HIGH8);
        FloatVector a12 = r4.rearrange(UP8).blend(r12, HIGH8);
        FloatVector b0 = a0.blend(a4.rearrange(DOWN4), HIGH4);
        FloatVector b4 = a0.rearrange(UP4).blend(a4, HIGH4);
        FloatVector b8 = a8.blend(a12.rearrange(DOWN4), HIGH4);
        FloatVector b12 = a8.rearrange(UP4).blend(a12, HIGH4);
        FloatVector r1 = FloatVector.fromArray(Lanes.F, src, s0 + 1 * stride);
        FloatVector r5 = FloatVector.fromArray(Lanes.F, src, s0 + 5 * stride);
        FloatVector r9 = FloatVector.fromArray(Lanes.F, src, s0 + 9 * stride);
        FloatVector r13 = FloatVector.fromArray(Lanes.F, src, s0 + 13 * stride);
        FloatVector a1 = r1.blend(r9.rearrange(DOWN8), HIGH8);
        FloatVector a9 = r1.rearrange(UP8).blend(r9, HIGH8);
        FloatVector a5 = r5.blend(r13.rearrange(DOWN8), HIGH8);
        FloatVector a13 = r5.rearrange(UP8).blend(r13, HIGH8);
        FloatVector b1 = a1.blend(a5.rearrange(DOWN4), HIGH4);
        FloatVector b5 = a1.rearrange(UP4).blend(a5, HIGH4);
        FloatVector b9 = a9.blend(a13.rearrange(DOWN4), HIGH4);
        FloatVector b13 = a9.rearrange(UP4).blend(a13, HIGH4);
        FloatVector r2 = FloatVector.fromArray(Lanes.F, src, s0 + 2 * stride);
        FloatVector r6 = FloatVector.fromArray(Lanes.F, src, s0 + 6 * stride);
        FloatVector r10 = FloatVector.fromArray(Lanes.F, src, s0 + 10 * stride);
        FloatVector r14 = FloatVector.fromArray(Lanes.F, src, s0 + 14 * stride);
        FloatVector a2 = r2.blend(r10.rearrange(DOWN8), HIGH8);
        FloatVector a10 = r2.rearrange(UP8).blend(r10, HIGH8);
        FloatVector a6 = r6.blend(r14.rearrange(DOWN8), HIGH8);
        FloatVector a14 = r6.rearrange(UP8).blend(r14, HIGH8);
        FloatVector b2 = a2.blend(a6.rearrange(DOWN4), HIGH4);
        FloatVector b6 = a2.rearrange(UP4).blend(a6, HIGH4);
        FloatVector b10 = a10.blend(a14.rearrange(DOWN4), HIGH4);
        FloatVector b14 = a10.rearrange(UP4).blend(a14, HIGH4);
        FloatVector r3 = FloatVector.fromArray(Lanes.F, src, s0 + 3 * stride);
        FloatVector r7 = FloatVector.fromArray(Lanes.F, src, s0 + 7 * stride);
        FloatVector r11 = FloatVector.fromArray(Lanes.F, src, s0 + 11 * stride);
        FloatVector r15 = FloatVector.fromArray(Lanes.F, src, s0 + 15 * stride);
        FloatVector a3 = r3.blend(r11.rearrange(DOWN8), HIGH8);
        FloatVector a11 = r3.rearrange(UP8).blend(r11, HIGH8);
        FloatVector a7 = r7.blend(r15.rearrange(DOWN8), HIGH8);
        FloatVector a15 = r7.rearrange(UP8).blend(r15, HIGH8);
        FloatVector b3 = a3.blend(a7.rearrange(DOWN4), HIGH4);
        FloatVector b7 = a3.rearrange(UP4).blend(a7, HIGH4);
        FloatVector b11 = a11.blend(a15.rearrange(DOWN4), HIGH4);
        FloatVector b15 = a11.rearrange(UP4).blend(a15, HIGH4);
        // Stages 2 and 1 within each group of four rows, stored in order as they are done.
        FloatVector c0 = b0.blend(b2.rearrange(DOWN2), HIGH2);
        FloatVector c2 = b0.rearrange(UP2).blend(b2, HIGH2);
        FloatVector c1 = b1.blend(b3.rearrange(DOWN2), HIGH2);
        FloatVector c3 = b1.rearrange(UP2).blend(b3, HIGH2);
        c0.blend(c1.rearrange(DOWN1), HIGH1).intoArray(dst, d + 0 * cw);
        c0.rearrange(UP1).blend(c1, HIGH1).intoArray(dst, d + 1 * cw);
        c2.blend(c3.rearrange(DOWN1), HIGH1).intoArray(dst, d + 2 * cw);
        c2.rearrange(UP1).blend(c3, HIGH1).intoArray(dst, d + 3 * cw);
        FloatVector c4 = b4.blend(b6.rearrange(DOWN2), HIGH2);
        FloatVector c6 = b4.rearrange(UP2).blend(b6, HIGH2);
        FloatVector c5 = b5.blend(b7.rearrange(DOWN2), HIGH2);
        FloatVector c7 = b5.rearrange(UP2).blend(b7, HIGH2);
        c4.blend(c5.rearrange(DOWN1), HIGH1).intoArray(dst, d + 4 * cw);
        c4.rearrange(UP1).blend(c5, HIGH1).intoArray(dst, d + 5 * cw);
        c6.blend(c7.rearrange(DOWN1), HIGH1).intoArray(dst, d + 6 * cw);
        c6.rearrange(UP1).blend(c7, HIGH1).intoArray(dst, d + 7 * cw);
        FloatVector c8 = b8.blend(b10.rearrange(DOWN2), HIGH2);
        FloatVector c10 = b8.rearrange(UP2).blend(b10, HIGH2);
        FloatVector c9 = b9.blend(b11.rearrange(DOWN2), HIGH2);
        FloatVector c11 = b9.rearrange(UP2).blend(b11, HIGH2);
        c8.blend(c9.rearrange(DOWN1), HIGH1).intoArray(dst, d + 8 * cw);
        c8.rearrange(UP1).blend(c9, HIGH1).intoArray(dst, d + 9 * cw);
        c10.blend(c11.rearrange(DOWN1), HIGH1).intoArray(dst, d + 10 * cw);
        c10.rearrange(UP1).blend(c11, HIGH1).intoArray(dst, d + 11 * cw);
        FloatVector c12 = b12.blend(b14.rearrange(DOWN2), HIGH2);
        FloatVector c14 = b12.rearrange(UP2).blend(b14, HIGH2);
        FloatVector c13 = b13.blend(b15.rearrange(DOWN2), HIGH2);
        FloatVector c15 = b13.rearrange(UP2).blend(b15, HIGH2);
        c12.blend(c13.rearrange(DOWN1), HIGH1).intoArray(dst, d + 12 * cw);
        c12.rearrange(UP1).blend(c13, HIGH1).intoArray(dst, d + 13 * cw);
        c14.blend(c15.rearrange(DOWN1), HIGH1).intoArray(dst, d + 14 * cw);
        c14.rearrange(UP1).blend(c15, HIGH1).intoArray(dst, d + 15 * cw);
    }
}
