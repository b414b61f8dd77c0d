package org.convlab.nn.layers;

import java.util.Arrays;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.ConvPlan;

/**
 * The common part of {@link MaxPool2d} and {@link AvgPool2d}: a window of {@code kH x kW}
 * moved by the stride (default: the kernel size) over each channel alone, with symmetric
 * zero padding of at most half the kernel, in PyTorch's floor mode ({@code ceil_mode=False}).
 * Input {@code (N, C, H, W)} or {@code (C, H, W)}; output {@code (N, C, OH, OW)} with the
 * sizes from the algebra module's {@link ConvGeometry} (C channels, C groups).
 */
public abstract class Pool2d extends Module {
    final int[] kernel;
    final int[] stride;
    final int[] padding;
    final int[] dilation;
    private final Buffer output = new Buffer();
    private final Buffer inGrad = new Buffer();
    private int[] planKey;
    private ConvPlan plan;
    Tensor x;
    Tensor y;
    int batch;

    Pool2d(Builder<?> b) {
        this.kernel = b.perAxis("kernel", b.kernel, 1);
        this.stride = b.stride == null ? kernel.clone() : b.perAxis("stride", b.stride, 1);
        this.padding = b.perAxis("padding", b.padding, 0);
        this.dilation = b.perAxis("dilation", b.dilation, 1);
        for (int a = 0; a < 2; a++) {
            if (padding[a] > kernel[a] / 2) {
                throw new BadParameterException("padding",
                        "at most half the kernel size (" + kernel[a] / 2 + ") as PyTorch requires",
                        Arrays.toString(padding));
            }
        }
    }

    /** The geometry for {@code (C, H, W)} inputs: C channels pooled independently. */
    public ConvGeometry geometry(int channels, int height, int width) {
        return ConvGeometry.builder().inChannels(channels).outChannels(channels).groups(channels)
                .size(height, width).kernel(kernel).stride(stride).dilation(dilation)
                .padding(new Padding.Explicit(padding, padding)).build();
    }

    /** Checks the input, plans the geometry (once per input shape) and returns the output buffer. */
    Tensor prepare(Tensor input) {
        int rank = input.rank();
        if (rank != 3 && rank != 4) {
            throw badInput("(N, C, H, W) or (C, H, W)", input.shape());
        }
        boolean batched = rank == 4;
        int n = batched ? input.dim(0) : 1;
        int c = input.dim(-3);
        int h = input.dim(-2);
        int w = input.dim(-1);
        int[] key = {c, h, w};
        if (plan == null || !Arrays.equals(key, planKey)) {
            try {
                plan = ConvPlan.of(geometry(c, h, w));
            } catch (BadParameterException e) {
                throw new BadParameterException(label(), "input " + input.shape() + " does not fit: " + e.getMessage());
            }
            planKey = key;
        }
        Tensor out = batched ? output.shaped(n, c, plan.outH, plan.outW) : output.shaped(c, plan.outH, plan.outW);
        this.x = input;
        this.y = out;
        this.batch = n;
        return out;
    }

    ConvPlan plan() {
        return plan;
    }

    /** The input-gradient buffer, or {@code null} when the input gradient is off. */
    Tensor inputGradientBuffer(Tensor dy) {
        checkGradient(y, dy);
        return inputGradient() ? inGrad.shaped(x.shape()) : null;
    }

    String describe() {
        StringBuilder s = new StringBuilder("kernel_size=").append(WindowSpec.perAxis(kernel)).append(", stride=")
                .append(WindowSpec.perAxis(stride)).append(", padding=").append(WindowSpec.perAxis(padding));
        if (dilation[0] != 1 || dilation[1] != 1) {
            s.append(", dilation=").append(WindowSpec.perAxis(dilation));
        }
        return s.toString();
    }

    /**
     * Hyper-parameters of a pooling layer: kernel, stride (default the kernel), padding
     * (default 0), dilation (default 1); one value for both axes or one per axis.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        final int[] kernel;
        int[] stride;
        int[] padding = {0};
        int[] dilation = {1};

        Builder(int... kernel) {
            this.kernel = kernel.clone();
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        /** Stride (default: the kernel size). */
        public B stride(int... stride) {
            this.stride = stride.clone();
            return self();
        }

        /** Symmetric zero padding, at most half the kernel (default 0). */
        public B padding(int... padding) {
            this.padding = padding.clone();
            return self();
        }

        int[] perAxis(String name, int[] v, int min) {
            if (v == null || v.length != 1 && v.length != 2) {
                throw new BadParameterException(name, "1 or 2 values", v == null ? "none" : Arrays.toString(v));
            }
            int[] out = {v[0], v.length == 2 ? v[1] : v[0]};
            if (out[0] < min || out[1] < min) {
                throw new BadParameterException(name, min == 0 ? "non-negative integers" : "positive integers",
                        Arrays.toString(v));
            }
            return out;
        }
    }
}
