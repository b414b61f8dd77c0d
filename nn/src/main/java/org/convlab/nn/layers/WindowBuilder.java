package org.convlab.nn.layers;

import java.util.Arrays;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.core.BadParameterException;

/**
 * The hyper-parameters shared by layers that slide a window over their input (convolutions and
 * locally connected layers), with PyTorch's defaults: stride 1, no padding, dilation 1, one
 * group, a bias, zero padding. Every value is checked when the layer is built, with a
 * {@link BadParameterException} naming it.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class WindowBuilder<B extends WindowBuilder<B>> {
    final int dims;
    final int inChannels;
    final int outChannels;
    final int[] kernel;
    int[] stride = {1};
    int[] dilation = {1};
    Padding padding = new Padding.Valid();
    PaddingMode paddingMode = PaddingMode.ZEROS;
    int groups = 1;
    boolean bias = true;

    WindowBuilder(int dims, int inChannels, int outChannels, int... kernel) {
        this.dims = dims;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Stride: one value for every axis or one per axis (default 1). */
    public B stride(int... stride) {
        this.stride = stride.clone();
        return self();
    }

    /** Dilation: one value for every axis or one per axis (default 1). */
    public B dilation(int... dilation) {
        this.dilation = dilation.clone();
        return self();
    }

    /** The same padding {@code p} on every side (PyTorch's {@code padding=p}). */
    public B padding(int p) {
        if (p < 0) {
            throw new BadParameterException("padding", "a non-negative integer", p);
        }
        int[] a = new int[dims];
        Arrays.fill(a, p);
        this.padding = new Padding.Explicit(a, a);
        return self();
    }

    /** Symmetric padding per axis, PyTorch's tuple, e.g. {@code padding(1, 2)} for (pH, pW). */
    public B padding(int... perAxis) {
        if (perAxis.length != dims) {
            throw new BadParameterException("padding", dims + " amounts (one per axis)", Arrays.toString(perAxis));
        }
        for (int p : perAxis) {
            if (p < 0) {
                throw new BadParameterException("padding", "non-negative amounts", Arrays.toString(perAxis));
            }
        }
        this.padding = new Padding.Explicit(perAxis, perAxis);
        return self();
    }

    /** Any padding: valid, same, full or explicit amounts per side (asymmetric allowed). */
    public B padding(Padding padding) {
        this.padding = padding;
        return self();
    }

    /** Padding as text: {@code valid}, {@code same}, {@code full}, {@code P}, per axis, or per side (e.g. {@code 1,0,2,3} = T,B,L,R). */
    public B padding(String spec) {
        this.padding = Padding.parse(spec, dims);
        return self();
    }

    /** How padding is filled (default zeros). */
    public B paddingMode(PaddingMode mode) {
        this.paddingMode = mode;
        return self();
    }

    /** How padding is filled, by PyTorch's name: {@code zeros|reflect|replicate|circular}. */
    public B paddingMode(String mode) {
        this.paddingMode = PaddingMode.parse(mode);
        return self();
    }

    /** Groups (default 1): input and output channels split into this many independent groups. */
    public B groups(int groups) {
        this.groups = groups;
        return self();
    }

    /** Whether the layer has a bias (default true). */
    public B bias(boolean bias) {
        this.bias = bias;
        return self();
    }

    /** Checks every value that does not depend on the input size and returns an immutable copy. */
    WindowSpec spec() {
        int[] k = perAxis("kernel", kernel);
        int[] s = perAxis("stride", stride);
        int[] d = perAxis("dilation", dilation);
        if (inChannels < 1) {
            throw new BadParameterException("in-channels", "a positive integer", inChannels);
        }
        if (outChannels < 1) {
            throw new BadParameterException("out-channels", "a positive integer", outChannels);
        }
        if (padding == null || paddingMode == null) {
            throw new BadParameterException("padding", "a padding and a padding mode", "null");
        }
        WindowSpec spec = new WindowSpec(dims, inChannels, outChannels, k, s, d, padding, paddingMode, groups, bias);
        // A roomy input checks groups, padding amounts and 'same' with a stride now rather than at the first forward.
        int[] size = new int[dims];
        for (int a = 0; a < dims; a++) {
            long span = (long) d[a] * (k[a] - 1) + 1;
            long pad = 0;
            if (padding instanceof Padding.Explicit e && e.before().length == dims) {
                pad = Math.max(e.before()[a], e.after()[a]);
            }
            size[a] = (int) Math.min(Integer.MAX_VALUE / 4, span + pad + 1);
        }
        spec.geometry(size);
        return spec;
    }

    private int[] perAxis(String name, int[] values) {
        if (values == null || values.length != 1 && values.length != dims) {
            throw new BadParameterException(name, "1 or " + dims + " values",
                    values == null ? "none" : Arrays.toString(values));
        }
        int[] out = new int[dims];
        for (int a = 0; a < dims; a++) {
            out[a] = values.length == 1 ? values[0] : values[a];
            if (out[a] < 1) {
                throw new BadParameterException(name, "positive integers", Arrays.toString(values));
            }
        }
        return out;
    }
}
