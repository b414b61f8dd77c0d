package org.convlab.algebra;

import java.util.Arrays;
import java.util.List;
import org.convlab.core.BadParameterException;

/**
 * The complete geometry of one convolution: channels, groups, and one {@link Axis} per spatial
 * dimension (1-D, 2-D or N-D), with the padding resolved to amounts per side and the mode that
 * fills it.
 *
 * <p>Shapes: input {@code (C_in, n_1, ..., n_D)}, weight {@code (C_out, C_in/groups, k_1, ..., k_D)},
 * output {@code (C_out, out_1, ..., out_D)}. Every check PyTorch makes on these is made here,
 * with a message naming the parameter.
 */
public final class ConvGeometry {
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final Axis[] axes;
    private final Padding padding;
    private final PaddingMode paddingMode;
    private final SameMode sameMode;

    private ConvGeometry(Builder b, Axis[] axes) {
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.groups = b.groups;
        this.axes = axes;
        this.padding = b.padding;
        this.paddingMode = b.paddingMode;
        this.sameMode = b.sameMode;
    }

    /** A builder with PyTorch's defaults: 1 channel in and out, stride 1, no padding, dilation 1, 1 group, zeros. */
    public static Builder builder() {
        return new Builder();
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    /** Number of spatial dimensions D. */
    public int spatialDims() {
        return axes.length;
    }

    /** The axis of spatial dimension {@code a} (0 = first, e.g. height for 2-D). */
    public Axis axis(int a) {
        return axes[a];
    }

    public List<Axis> axes() {
        return List.of(axes);
    }

    /** The padding as it was written (valid, same, full or explicit). */
    public Padding padding() {
        return padding;
    }

    public PaddingMode paddingMode() {
        return paddingMode;
    }

    public SameMode sameMode() {
        return sameMode;
    }

    /** Input channels each output channel sees: {@code C_in / groups}. */
    public int inChannelsPerGroup() {
        return inChannels / groups;
    }

    /** Output channels each group produces: {@code C_out / groups}. */
    public int outChannelsPerGroup() {
        return outChannels / groups;
    }

    /** The spatial output sizes {@code (out_1, ..., out_D)}. */
    public int[] outputSpatial() {
        int[] out = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            out[a] = axes[a].output();
        }
        return out;
    }

    /** The spatial input sizes {@code (n_1, ..., n_D)}. */
    public int[] inputSpatial() {
        int[] in = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            in[a] = axes[a].size();
        }
        return in;
    }

    /** The kernel sizes {@code (k_1, ..., k_D)}. */
    public int[] kernel() {
        int[] k = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            k[a] = axes[a].kernel();
        }
        return k;
    }

    /** The output shape {@code (C_out, out_1, ..., out_D)}. */
    public int[] outputShape() {
        int[] out = new int[axes.length + 1];
        out[0] = outChannels;
        System.arraycopy(outputSpatial(), 0, out, 1, axes.length);
        return out;
    }

    /** The weight shape {@code (C_out, C_in/groups, k_1, ..., k_D)}. */
    public int[] weightShape() {
        int[] w = new int[axes.length + 2];
        w[0] = outChannels;
        w[1] = inChannelsPerGroup();
        System.arraycopy(kernel(), 0, w, 2, axes.length);
        return w;
    }

    /** Kernel taps per output element: {@code (C_in/groups) * k_1 * ... * k_D}, exact (a bad-parameter error on overflow). */
    public long tapsPerOutput() {
        long taps = inChannelsPerGroup();
        for (Axis axis : axes) {
            taps = product("kernel", taps, axis.kernel());
        }
        return taps;
    }

    /** Elements of one output image: {@code C_out * out_1 * ... * out_D}, exact. */
    public long outputElements() {
        long n = outChannels;
        for (Axis axis : axes) {
            n = product("outChannels", n, axis.output());
        }
        return n;
    }

    /** Elements of one input image: {@code C_in * n_1 * ... * n_D}, exact. */
    public long inputElements() {
        long n = inChannels;
        for (Axis axis : axes) {
            n = product("size", n, axis.size());
        }
        return n;
    }

    /** {@code a * b}, or a {@link BadParameterException} naming {@code parameter} when it overflows a long. */
    private static long product(String parameter, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new BadParameterException(parameter, "expected sizes whose product fits in 63 bits, got "
                    + a + " * " + b + ", which overflows");
        }
    }

    @Override
    public String toString() {
        return "ConvGeometry[in=" + inChannels + "x" + Arrays.toString(inputSpatial()) + ", out=" + outChannels
                + ", kernel=" + Arrays.toString(kernel()) + ", groups=" + groups + ", padding=" + padding
                + ", mode=" + paddingMode.torchName() + ", axes=" + Arrays.toString(axes) + "]";
    }

    /** Collects the hyper-parameters; {@link #build()} checks them all. */
    public static final class Builder {
        private int inChannels = 1;
        private int outChannels = 1;
        private int groups = 1;
        private int[] size;
        private int[] kernel;
        private int[] stride = {1};
        private int[] dilation = {1};
        private Padding padding = new Padding.Valid();
        private Integer uniformPadding;
        private PaddingMode paddingMode = PaddingMode.ZEROS;
        private SameMode sameMode = SameMode.TORCH;

        private Builder() {
        }

        /** Input channels {@code C_in} (default 1). */
        public Builder inChannels(int c) {
            this.inChannels = c;
            return this;
        }

        /** Output channels {@code C_out}, the number of filters (default 1). */
        public Builder outChannels(int c) {
            this.outChannels = c;
            return this;
        }

        public Builder groups(int g) {
            this.groups = g;
            return this;
        }

        /** The spatial input sizes; their count fixes the number of spatial dimensions. */
        public Builder size(int... size) {
            this.size = size.clone();
            return this;
        }

        /** Kernel size: one value for every axis, or one per axis. */
        public Builder kernel(int... kernel) {
            this.kernel = kernel.clone();
            return this;
        }

        /** Stride: one value for every axis, or one per axis. */
        public Builder stride(int... stride) {
            this.stride = stride.clone();
            return this;
        }

        /** Dilation: one value for every axis, or one per axis. */
        public Builder dilation(int... dilation) {
            this.dilation = dilation.clone();
            return this;
        }

        public Builder padding(Padding padding) {
            this.padding = padding;
            this.uniformPadding = null;
            return this;
        }

        /** The same padding {@code p} on every side of every axis. */
        public Builder padding(int p) {
            if (p < 0) {
                throw new BadParameterException("padding", "a non-negative integer", p);
            }
            this.uniformPadding = p;
            return this;
        }

        public Builder paddingMode(PaddingMode mode) {
            this.paddingMode = mode;
            return this;
        }

        public Builder sameMode(SameMode mode) {
            this.sameMode = mode;
            return this;
        }

        /** Checks every value and resolves the padding; throws {@link BadParameterException} naming the culprit. */
        public ConvGeometry build() {
            if (size == null || size.length == 0) {
                throw new BadParameterException("size", "at least one spatial size", "none");
            }
            int dims = size.length;
            if (uniformPadding != null) {
                padding = Padding.uniform(uniformPadding, dims);
                uniformPadding = null;
            }
            positive("inChannels", inChannels);
            positive("outChannels", outChannels);
            positive("groups", groups);
            for (int s : size) {
                positive("size", s);
            }
            if (kernel == null) {
                throw new BadParameterException("kernel", "a kernel size", "none");
            }
            int[] k = perAxis("kernel", kernel, dims);
            int[] s = perAxis("stride", stride, dims);
            int[] d = perAxis("dilation", dilation, dims);
            if (inChannels % groups != 0) {
                throw new BadParameterException("groups",
                        "in-channels (" + inChannels + ") must be divisible by groups (" + groups + ")");
            }
            if (outChannels % groups != 0) {
                throw new BadParameterException("groups",
                        "filters (" + outChannels + ") must be divisible by groups (" + groups + ")");
            }
            for (int a = 0; a < dims; a++) {
                if (Axis.span(k[a], d[a]) > Integer.MAX_VALUE) {
                    throw new BadParameterException("dilation", "dilation*(kernel-1)+1 below 2^31",
                            d[a] + "*(" + k[a] + "-1)+1");
                }
            }
            int[][] pads = padding.resolve(size, k, s, d, sameMode);
            Axis[] axes = new Axis[dims];
            // PyTorch pads every axis before it convolves, so a padding the mode cannot fill is reported first
            for (int a = 0; a < dims; a++) {
                checkModeFits(size[a], pads[0][a], pads[1][a]);
            }
            for (int a = 0; a < dims; a++) {
                axes[a] = new Axis(size[a], k[a], s[a], d[a], pads[0][a], pads[1][a]);
            }
            return new ConvGeometry(this, axes);
        }

        private void checkModeFits(int size, int padBefore, int padAfter) {
            int p = Math.max(padBefore, padAfter);
            if (paddingMode == PaddingMode.REFLECT && p >= size) {
                throw new BadParameterException("padding",
                        "reflect padding must be smaller than the input size (" + size + "), got " + p);
            }
            if (paddingMode == PaddingMode.CIRCULAR && p > size) {
                throw new BadParameterException("padding",
                        "circular padding must not exceed the input size (" + size + "), got " + p);
            }
        }

        private static int[] perAxis(String name, int[] values, int dims) {
            if (values.length != 1 && values.length != dims) {
                throw new BadParameterException(name, "1 or " + dims + " values", values.length + " values");
            }
            int[] out = new int[dims];
            for (int a = 0; a < dims; a++) {
                out[a] = values.length == 1 ? values[0] : values[a];
                positive(name, out[a]);
            }
            return out;
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new BadParameterException(name, "a positive integer", value);
            }
        }
    }
}
