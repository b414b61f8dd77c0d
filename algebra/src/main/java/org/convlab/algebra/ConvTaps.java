package org.convlab.algebra;

import org.convlab.core.BadParameterException;

/**
 * Which weight multiplies which input, for every output element of a convolution: the one
 * place that turns a {@link ConvGeometry} into index arithmetic for the symbolic elements, the
 * matrix K and the unshared (locally connected) variant.
 *
 * <p>Shapes and flat (row-major, 0-based) indices:
 * <ul>
 *   <li>output row {@code r} enumerates {@code (C_out, out_1, ..., out_D)};</li>
 *   <li>input column enumerates {@code (C_in, n_1, ..., n_D)};</li>
 *   <li>a shared weight enumerates PyTorch's weight tensor {@code (C_out, C_in/groups, k_1, ..., k_D)};</li>
 *   <li>tap {@code t} of one output enumerates {@code (C_in/groups, k_1, ..., k_D)}, so the shared
 *       weight of tap {@code t} of filter {@code o} is {@code o * taps + t}.</li>
 * </ul>
 * Output {@code (o, p_1..p_D)} tap {@code (c, t_1..t_D)} reads input channel
 * {@code (o / (C_out/groups)) * (C_in/groups) + c} at positions {@code p_a*s_a + t_a*d_a - padBefore_a};
 * a position in the padding is mapped by the {@link PaddingMode} to the input it copies (per
 * axis, as PyTorch pads each axis), or is a zero (the tap is then dropped).
 *
 * <p>The unshared variant gives every (output, tap) pair that reads a real input its own weight,
 * numbered 0.. in row order and tap order; taps that read a padded zero get no weight.
 */
public final class ConvTaps {
    private final ConvGeometry g;
    private final int dims;
    private final int[] outSize;
    private final int[] inSize;
    private final int[] kernel;
    private final int inPerGroup;
    private final int outPerGroup;
    private final int taps;
    private final long rows;
    private final long cols;

    /**
     * The taps of {@code g}.
     *
     * @throws BadParameterException when one output has more than 2^31 - 1 taps
     */
    public ConvTaps(ConvGeometry g) {
        this.g = g;
        this.dims = g.spatialDims();
        this.outSize = g.outputSpatial();
        this.inSize = g.inputSpatial();
        this.kernel = g.kernel();
        this.inPerGroup = g.inChannelsPerGroup();
        this.outPerGroup = g.outChannelsPerGroup();
        long t = g.tapsPerOutput();
        if (t > Integer.MAX_VALUE) {
            throw new BadParameterException("kernel", "at most 2^31 - 1 taps per output element", t);
        }
        this.taps = (int) t;
        this.rows = g.outputElements();
        this.cols = g.inputElements();
    }

    public ConvGeometry geometry() {
        return g;
    }

    /** Taps per output element, {@code (C_in/groups) * k_1 * ... * k_D}. */
    public int taps() {
        return taps;
    }

    /** Output elements: the rows of K. */
    public long rows() {
        return rows;
    }

    /** Input elements: the columns of K. */
    public long cols() {
        return cols;
    }

    /** Shared weights: {@code C_out * taps}. */
    public long sharedWeights() {
        return (long) g.outChannels() * taps;
    }

    /**
     * The taps of output row {@code r}.
     *
     * @param r      output row, 0-based
     * @param weight receives the shared weight index of tap {@code t} (length >= taps)
     * @param input  receives the input column tap {@code t} reads, or -1 for a padded zero
     */
    public void row(long r, long[] weight, long[] input) {
        checkRow(r);
        int[] o = outputIndex(r);
        int filter = o[0];
        int firstChannel = (filter / outPerGroup) * inPerGroup;
        int[] src = new int[dims];
        int[] tap = new int[dims];
        long weightBase = (long) filter * taps;
        int t = 0;
        for (int c = 0; c < inPerGroup; c++) {
            java.util.Arrays.fill(tap, 0);
            for (int s = 0; s < spatialTaps(); s++) {
                long column = firstChannel + c;
                boolean zero = false;
                for (int a = 0; a < dims; a++) {
                    Axis axis = g.axis(a);
                    src[a] = g.paddingMode().sourceIndex(axis.inputIndex(o[a + 1], tap[a]), axis.size());
                    if (src[a] < 0) {
                        zero = true;
                    }
                    column = column * inSize[a] + Math.max(src[a], 0);
                }
                weight[t] = weightBase + t;
                input[t] = zero ? -1 : column;
                t++;
                advance(tap, kernel);
            }
        }
    }

    /** Spatial taps {@code k_1 * ... * k_D} (fits an int because taps does). */
    private int spatialTaps() {
        return taps / inPerGroup;
    }

    /** The output index {@code (o, p_1..p_D)} (0-based) of row {@code r}. */
    public int[] outputIndex(long r) {
        checkRow(r);
        int[] idx = new int[dims + 1];
        long rest = r;
        for (int a = dims - 1; a >= 0; a--) {
            idx[a + 1] = (int) (rest % outSize[a]);
            rest /= outSize[a];
        }
        idx[0] = (int) rest;
        return idx;
    }

    /** The row of output index {@code (o, p_1..p_D)} (0-based). */
    public long rowOf(int[] index) {
        long r = index[0];
        for (int a = 0; a < dims; a++) {
            r = r * outSize[a] + index[a + 1];
        }
        return r;
    }

    /** The input index {@code (c, h_1..h_D)} (0-based) of column {@code col}. */
    public int[] inputIndex(long col) {
        int[] idx = new int[dims + 1];
        long rest = col;
        for (int a = dims - 1; a >= 0; a--) {
            idx[a + 1] = (int) (rest % inSize[a]);
            rest /= inSize[a];
        }
        idx[0] = (int) rest;
        return idx;
    }

    /** The weight index {@code (o, c, t_1..t_D)} (0-based) of shared weight {@code w}. */
    public int[] weightIndex(long w) {
        int[] idx = new int[dims + 2];
        long rest = w;
        for (int a = dims - 1; a >= 0; a--) {
            idx[a + 2] = (int) (rest % kernel[a]);
            rest /= kernel[a];
        }
        idx[1] = (int) (rest % inPerGroup);
        idx[0] = (int) (rest / inPerGroup);
        return idx;
    }

    /** Taps of output position {@code p} on axis {@code a} that read a real input (not a padded zero). */
    private int realOnAxis(int a, int p) {
        Axis axis = g.axis(a);
        if (g.paddingMode() != PaddingMode.ZEROS) {
            return axis.kernel();
        }
        int n = 0;
        for (int t = 0; t < axis.kernel(); t++) {
            int i = axis.inputIndex(p, t);
            if (i >= 0 && i < axis.size()) {
                n++;
            }
        }
        return n;
    }

    /** {@code sum over p' < p} of {@link #realOnAxis}; {@code p = out} gives the axis total. */
    private long realOnAxisBefore(int a, int p) {
        if (g.paddingMode() != PaddingMode.ZEROS) {
            return (long) p * g.axis(a).kernel();
        }
        return g.axis(a).tapsInside(p);
    }

    /** Taps of row {@code r} that read a real input: the weights row {@code r} has in the unshared variant. */
    public long realTaps(long r) {
        int[] o = outputIndex(r);
        long n = inPerGroup;
        for (int a = 0; a < dims; a++) {
            n *= realOnAxis(a, o[a + 1]);
        }
        return n;
    }

    /**
     * Real taps of all rows before {@code r} (row-major): the index of row {@code r}'s first
     * unshared weight. {@code r = rows()} gives the total.
     */
    public long realTapsBefore(long r) {
        if (r == rows) {
            return realTapsTotal();
        }
        int[] o = outputIndex(r);
        long[] total = new long[dims];
        for (int a = 0; a < dims; a++) {
            total[a] = realOnAxisBefore(a, outSize[a]);
        }
        // rows of earlier filters, then, axis by axis, rows with the same leading positions
        long perFilter = inPerGroup;
        for (int a = 0; a < dims; a++) {
            perFilter = Math.multiplyExact(perFilter, total[a]);
        }
        long before = Math.multiplyExact((long) o[0], perFilter);
        long lead = inPerGroup;
        for (int a = 0; a < dims; a++) {
            long block = Math.multiplyExact(lead, realOnAxisBefore(a, o[a + 1]));
            for (int b = a + 1; b < dims; b++) {
                block = Math.multiplyExact(block, total[b]);
            }
            before = Math.addExact(before, block);
            lead = Math.multiplyExact(lead, realOnAxis(a, o[a + 1]));
        }
        return before;
    }

    /** Real taps of all rows: the weight count of the unshared variant. */
    public long realTapsTotal() {
        long n = Math.multiplyExact((long) g.outChannels(), inPerGroup);
        for (int a = 0; a < dims; a++) {
            n = Math.multiplyExact(n, realOnAxisBefore(a, outSize[a]));
        }
        return n;
    }

    private void checkRow(long r) {
        if (r < 0 || r >= rows) {
            throw new BadParameterException("r", "a row in [0, " + rows + ")", r);
        }
    }

    /** Row-major increment of a multi-index {@code idx} bounded by {@code size}. */
    private static void advance(int[] idx, int[] size) {
        for (int a = idx.length - 1; a >= 0; a--) {
            if (++idx[a] < size[a]) {
                return;
            }
            idx[a] = 0;
        }
    }
}
