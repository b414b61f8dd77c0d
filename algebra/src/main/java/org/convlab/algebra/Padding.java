package org.convlab.algebra;

import java.util.Arrays;
import java.util.Locale;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * Padding as a user writes it: {@code valid}, {@code same}, {@code full}, one integer for every
 * side, or explicit amounts.
 *
 * <p>Explicit amounts follow the worksheet's and PyTorch's habits: for 1-D {@code "L,R"}; for
 * 2-D {@code "P"} (all sides), {@code "PH,PW"} (PyTorch's tuple: symmetric per axis) or
 * {@code "T,B,L,R"}; for N-D {@code "P"}, N symmetric amounts, or 2N amounts given as
 * before,after for each axis in order.
 */
public sealed interface Padding permits Padding.Valid, Padding.Same, Padding.Full, Padding.Explicit {

    /** No padding. */
    record Valid() implements Padding {
        @Override
        public String toString() {
            return "valid";
        }
    }

    /** Output as large as the input (stride 1), in PyTorch's or TensorFlow's convention. */
    record Same() implements Padding {
        @Override
        public String toString() {
            return "same";
        }
    }

    /** Every partial overlap: {@code d(k-1)} on both sides. */
    record Full() implements Padding {
        @Override
        public String toString() {
            return "full";
        }
    }

    /**
     * Explicit amounts per axis and side.
     *
     * @param before padding before each spatial axis (top, left, ...)
     * @param after  padding after each spatial axis (bottom, right, ...)
     */
    record Explicit(int[] before, int[] after) implements Padding {
        public Explicit {
            before = before.clone();
            after = after.clone();
        }

        @Override
        public int[] before() {
            return before.clone();
        }

        @Override
        public int[] after() {
            return after.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Explicit e && Arrays.equals(before, e.before) && Arrays.equals(after, e.after);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(before) + Arrays.hashCode(after);
        }

        @Override
        public String toString() {
            boolean symmetric = Arrays.equals(before, after);
            boolean uniform = symmetric && Arrays.stream(before).allMatch(p -> p == before[0]);
            if (uniform) {
                return Integer.toString(before[0]);
            }
            StringBuilder s = new StringBuilder();
            for (int a = 0; a < before.length; a++) {
                if (a > 0) {
                    s.append(',');
                }
                s.append(before[a]).append(',').append(after[a]);
            }
            return s.toString();
        }
    }

    /** The same amount {@code p} on every side of {@code spatialDims} axes. */
    static Padding uniform(int p, int spatialDims) {
        int[] amounts = new int[spatialDims];
        Arrays.fill(amounts, p);
        return new Explicit(amounts, amounts);
    }

    /**
     * Parses a padding for a convolution with {@code spatialDims} spatial axes.
     *
     * @throws BadParameterException naming {@code padding} when the text is not one of the forms
     */
    static Padding parse(String text, int spatialDims) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "valid":
                return new Valid();
            case "same":
                return new Same();
            case "full":
                return new Full();
            default:
                break;
        }
        String forms = spatialDims == 1 ? "valid, same, full, P or L,R"
                : spatialDims == 2 ? "valid, same, full, P, PH,PW or T,B,L,R"
                : "valid, same, full, P, " + spatialDims + " or " + 2 * spatialDims + " comma-separated integers";
        String[] parts = t.split(",", -1);
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = StrictNumbers.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadParameterException("padding", forms, text);
            }
            if (v[i] < 0) {
                throw new BadParameterException("padding", "non-negative amounts", text);
            }
        }
        int[] before = new int[spatialDims];
        int[] after = new int[spatialDims];
        if (v.length == 1) {
            Arrays.fill(before, v[0]);
            Arrays.fill(after, v[0]);
        } else if (v.length == 2 * spatialDims && spatialDims != 2 || v.length == 4 && spatialDims == 2) {
            if (spatialDims == 2) { // T,B,L,R
                before[0] = v[0];
                after[0] = v[1];
                before[1] = v[2];
                after[1] = v[3];
            } else {
                for (int a = 0; a < spatialDims; a++) {
                    before[a] = v[2 * a];
                    after[a] = v[2 * a + 1];
                }
            }
        } else if (v.length == spatialDims) {
            before = v.clone();
            after = v.clone();
        } else {
            throw new BadParameterException("padding", forms, text);
        }
        return new Explicit(before, after);
    }

    /**
     * The padding before and after each axis that this spec means for the given geometry.
     *
     * @param size     input size per spatial axis
     * @param kernel   kernel size per spatial axis
     * @param stride   stride per spatial axis
     * @param dilation dilation per spatial axis
     * @return {@code {before[], after[]}}
     * @throws BadParameterException for {@code same} with a stride above 1 in PyTorch's mode
     */
    default int[][] resolve(int[] size, int[] kernel, int[] stride, int[] dilation, SameMode sameMode) {
        int dims = size.length;
        int[] before = new int[dims];
        int[] after = new int[dims];
        for (int a = 0; a < dims; a++) {
            int span = dilation[a] * (kernel[a] - 1);
            if (this instanceof Explicit e) {
                if (e.before.length != dims) {
                    throw new BadParameterException("padding", dims + " spatial axes", e.before.length + " axes");
                }
                before[a] = e.before[a];
                after[a] = e.after[a];
            } else if (this instanceof Full) {
                before[a] = span;
                after[a] = span;
            } else if (this instanceof Same) {
                int total;
                if (sameMode == SameMode.TORCH) {
                    if (stride[a] != 1) {
                        throw new BadParameterException("padding",
                                "padding='same' is not supported for strided convolutions (stride "
                                        + stride[a] + "); PyTorch refuses it too. Use sameMode tf for "
                                        + "TensorFlow's ceil(n/s) rule, or give the padding explicitly")
                                .mentioning("sameMode");
                    }
                    total = span;
                } else {
                    long out = (size[a] + (long) stride[a] - 1) / stride[a];
                    total = (int) Math.max((out - 1) * stride[a] + span + 1 - size[a], 0);
                }
                before[a] = total / 2;
                after[a] = total - before[a];
            }
        }
        return new int[][] {before, after};
    }
}
