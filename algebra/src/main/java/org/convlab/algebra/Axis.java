package org.convlab.algebra;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.convlab.core.BadParameterException;

/**
 * The geometry of one spatial axis of a convolution, and the one place where its output size
 * is computed.
 *
 * <p>Output size, with PyTorch's semantics and floor division:
 * <pre>  out = floor((n + pBefore + pAfter - d(k-1) - 1) / s) + 1</pre>
 * Output position {@code o} (0-based) reads input positions
 * {@code o*s + t*d - pBefore} for taps {@code t = 0..k-1}; positions outside {@code [0, n)}
 * are padding.
 *
 * @param size      input length n (>= 1)
 * @param kernel    kernel length k (>= 1)
 * @param stride    stride s (>= 1)
 * @param dilation  dilation d (>= 1)
 * @param padBefore padding before the first input (top or left), >= 0
 * @param padAfter  padding after the last input (bottom or right), >= 0
 */
public record Axis(int size, int kernel, int stride, int dilation, int padBefore, int padAfter) {

    /** Above this many window taps the unread-input analysis looks only at the tail. */
    private static final long EXACT_UNREAD_LIMIT = 1L << 26;

    public Axis {
        positive("size", size);
        positive("kernel", kernel);
        positive("stride", stride);
        positive("dilation", dilation);
        if (padBefore < 0 || padAfter < 0) {
            throw new BadParameterException("padding", "non-negative amounts",
                    padBefore + "," + padAfter);
        }
        long span = span(kernel, dilation);
        long padded = (long) size + padBefore + padAfter;
        if (padded > Integer.MAX_VALUE) {
            throw new BadParameterException("padding",
                    "size plus padding below 2^31", size + "+" + padBefore + "+" + padAfter + " = " + padded);
        }
        if (span > padded) {
            throw new BadParameterException("kernel",
                    "the (dilated) kernel spans " + span + " positions but the padded input has only "
                            + padded + " (size " + size + " + padding " + padBefore + "+" + padAfter + ")");
        }
    }

    /** A convenience for symmetric padding {@code p}. */
    public static Axis of(int size, int kernel, int stride, int dilation, int pad) {
        return new Axis(size, kernel, stride, dilation, pad, pad);
    }

    /** The positions a dilated kernel covers, {@code d(k-1) + 1}, checked for overflow. */
    public static long span(int kernel, int dilation) {
        return (long) dilation * (kernel - 1) + 1;
    }

    /** The span {@code d(k-1) + 1} of this axis' kernel (it fits the padded size, so an int). */
    public int span() {
        return (int) span(kernel, dilation);
    }

    /** The padded length {@code n + pBefore + pAfter}. */
    public long paddedSize() {
        return (long) size + padBefore + padAfter;
    }

    /** The output length {@code floor((n + pBefore + pAfter - d(k-1) - 1) / s) + 1}. */
    public int output() {
        return (int) (Math.floorDiv(paddedSize() - span(), (long) stride) + 1);
    }

    /**
     * The output-size formula with this axis' numbers filled in, e.g.
     * {@code floor((256 + 0 + 0 - 1*(5-1) - 1) / 2) + 1 = floor(251 / 2) + 1 = 126}.
     */
    public String formula() {
        long numerator = paddedSize() - span();
        return "floor((" + size + " + " + padBefore + " + " + padAfter + " - " + dilation + "*(" + kernel
                + "-1) - 1) / " + stride + ") + 1 = floor(" + numerator + " / " + stride + ") + 1 = " + output();
    }

    /** The input position (0-based, possibly in the padding) that tap {@code t} of output {@code o} reads. */
    public int inputIndex(int o, int t) {
        return o * stride + t * dilation - padBefore;
    }

    /**
     * Taps of the first {@code outputs} windows that land on the input rather than on the padding:
     * {@code sum over o < outputs of #{t : 0 <= o*s + t*d - pBefore < n}}, in O(k).
     */
    public long tapsInside(int outputs) {
        long sum = 0;
        for (int t = 0; t < kernel; t++) {
            long offset = (long) t * dilation - padBefore;
            long lo = Math.max(0, Math.floorDiv(-offset + stride - 1, (long) stride));
            long hi = Math.min(outputs - 1L, Math.floorDiv(size - 1 - offset, (long) stride));
            if (hi >= lo) {
                sum += hi - lo + 1;
            }
        }
        return sum;
    }

    /** Taps of all windows that land on the input: {@link #tapsInside(int)} of {@link #output()}. */
    public long tapsInside() {
        return tapsInside(output());
    }

    /** The padded positions that no window reaches after the last one: {@code (n+pB+pA) - ((out-1)s + span)}. */
    public long droppedTail() {
        return paddedSize() - ((long) (output() - 1) * stride + span());
    }

    /**
     * The input positions (0-based, within {@code [0, n)}) that no output ever reads, as
     * inclusive ranges {@code {first, last}} in increasing order. These come from a stride that
     * does not fit the padded input (a dropped tail) or from dilation and stride skipping
     * positions between taps.
     */
    public List<int[]> unreadRanges() {
        int out = output();
        List<int[]> ranges = new ArrayList<>();
        if ((long) out * kernel > EXACT_UNREAD_LIMIT) {
            long lastRead = (long) (out - 1) * stride + (long) (kernel - 1) * dilation - padBefore;
            if (lastRead < size - 1) {
                ranges.add(new int[] {(int) lastRead + 1, size - 1});
            }
            return ranges;
        }
        BitSet read = new BitSet(size);
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < kernel; t++) {
                int i = inputIndex(o, t);
                if (i >= 0 && i < size) {
                    read.set(i);
                }
            }
        }
        for (int i = read.nextClearBit(0); i < size; i = read.nextClearBit(i)) {
            int end = Math.min(read.nextSetBit(i) < 0 ? size : read.nextSetBit(i), size);
            ranges.add(new int[] {i, end - 1});
            i = end;
        }
        return ranges;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new BadParameterException(name, "a positive integer", value);
        }
    }
}
