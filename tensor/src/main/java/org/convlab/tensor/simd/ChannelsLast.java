package org.convlab.tensor.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * An image {@code (C, H, W)} written channels last over a zero-padded frame:
 * {@code xT[(r * columns + col) * stride + c]} is input channel {@code c} at row
 * {@code r - padTop}, column {@code col - padLeft}, and 0 outside the input (and in the lanes
 * {@code c >= C} up to the stride). Each input row goes through {@link BlockTranspose} L channels
 * at a time where the channels are a multiple of L and the row at least L wide (512 and 256 bits),
 * else through unmasked gathers of L channels whose lanes past the channel count are zeroed in
 * registers (JDK 17 does not compile a masked gather into vector code). The direct weight
 * gradient's transposed padded input ({@link DirectWeightGrad#transposePadded}) and Winograd's
 * weight gradient ({@link SimdWinogradGradient}) write their inputs with it.
 */
final class ChannelsLast {
    private final int channels;
    private final int height;
    /** Floats of an input row and of an input plane. */
    private final int rowLength;
    private final int plane;
    /** Input columns inside the frame: the row, or fewer where the frame crops it on the right. */
    private final int width;
    private final int padTop;
    private final int padLeft;
    private final int rows;
    private final int columns;
    private final int stride;
    /** Gather maps: L channels, and the last block's, its indices clamped inside the image. */
    private final int[] fullMap;
    private final int[] lastMap;

    /**
     * @param padTop  rows of zeros above the input, at least 0
     * @param padLeft columns of zeros left of it, at least 0
     * @param rows    the frame's rows (past the input's last row: zeros)
     * @param columns the frame's columns
     * @param stride  floats per position: {@code channels} rounded up to a multiple of L
     */
    ChannelsLast(int channels, int height, int inWidth, int padTop, int padLeft, int rows, int columns, int stride) {
        if (stride != (channels + Lanes.L - 1) / Lanes.L * Lanes.L) {
            throw new IllegalArgumentException("stride " + stride + " is not " + channels + " channels rounded up to "
                    + Lanes.L + " lanes");
        }
        this.channels = channels;
        this.height = height;
        this.rowLength = inWidth;
        this.plane = height * inWidth;
        this.width = Math.min(inWidth, columns - padLeft);
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.rows = rows;
        this.columns = columns;
        this.stride = stride;
        fullMap = new int[Lanes.L];
        lastMap = new int[Lanes.L];
        int last = channels - (stride - Lanes.L);
        for (int j = 0; j < Lanes.L; j++) {
            fullMap[j] = j * plane;
            lastMap[j] = Math.min(j, Math.max(last, 1) - 1) * plane;
        }
    }

    /** Floats {@link #write} writes. */
    int size() {
        return rows * columns * stride;
    }

    /** Writes image {@code x[xOff ...]} into {@code xT} from index 0. */
    void write(float[] x, int xOff, float[] xT) {
        int rowSize = columns * stride;
        for (int r = 0; r < rows; r++) {
            int row = r * rowSize;
            int sr = r - padTop;
            if (sr < 0 || sr >= height) {
                Arrays.fill(xT, row, row + rowSize, 0f);
            } else {
                Arrays.fill(xT, row, row + padLeft * stride, 0f);
                Arrays.fill(xT, row + (padLeft + width) * stride, row + rowSize, 0f);
            }
        }
        int first = Math.max(padTop, 0);
        int last = Math.min(rows, height + padTop);
        if (BlockTranspose.available() && channels % Lanes.L == 0 && width >= Lanes.L) {
            // One block of L channels at a time down the whole image: L input planes read as
            // streams at once, which the hardware prefetchers appear to follow; all the channels
            // row by row were 2L or more streams, and an image read from memory took almost twice
            // as long (32 channels of 28 x 28, AMD Zen 4: 18 against 10 us).
            for (int c0 = 0; c0 < channels; c0 += Lanes.L) {
                for (int r = first; r < last; r++) {
                    int dst = r * rowSize + padLeft * stride + c0;
                    BlockTranspose.columns(x, xOff + (r - padTop) * rowLength + c0 * plane, plane, width, xT, dst, stride);
                }
            }
            return;
        }
        FloatVector zero = FloatVector.zero(Lanes.F);
        for (int r = first; r < last; r++) {
            int dst = r * rowSize + padLeft * stride;
            int src = xOff + (r - padTop) * rowLength;
            for (int c0 = 0; c0 < stride; c0 += Lanes.L) {
                int count = Math.min(Lanes.L, channels - c0);
                int[] map = count == Lanes.L ? fullMap : lastMap;
                VectorMask<Float> some = Lanes.F.indexInRange(0, Math.max(count, 0));
                for (int sc = 0; sc < width; sc++) {
                    zero.blend(FloatVector.fromArray(Lanes.F, x, src + c0 * plane + sc, map, 0), some)
                            .intoArray(xT, dst + sc * stride + c0);
                }
            }
        }
    }
}
