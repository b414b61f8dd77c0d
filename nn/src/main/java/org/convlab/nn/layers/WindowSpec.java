package org.convlab.nn.layers;

import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;

/**
 * The checked, immutable hyper-parameters of a windowed layer, as a {@link WindowBuilder}
 * collected them; kernel, stride and dilation hold one value per axis.
 */
record WindowSpec(int dims, int inChannels, int outChannels, int[] kernel, int[] stride, int[] dilation,
                  Padding padding, PaddingMode paddingMode, int groups, boolean bias) {

    /** The geometry for an input of these spatial sizes; throws a BadParameterException naming the bad value. */
    ConvGeometry geometry(int... size) {
        return ConvGeometry.builder().inChannels(inChannels).outChannels(outChannels).groups(groups).size(size)
                .kernel(kernel).stride(stride).dilation(dilation).padding(padding).paddingMode(paddingMode).build();
    }

    /** Kernel taps per output channel: {@code (C_in/groups) * prod(kernel)}. */
    long fanIn() {
        long f = inChannels / groups;
        for (int k : kernel) {
            f *= k;
        }
        return f;
    }

    /** PyTorch's repr of the hyper-parameters after the channels, e.g. {@code kernel_size=5x5, stride=1, padding=2}. */
    String describe() {
        StringBuilder s = new StringBuilder("kernel_size=").append(perAxis(kernel)).append(", stride=")
                .append(perAxis(stride));
        if (!(padding instanceof Padding.Valid)) {
            s.append(", padding=").append(padding);
        }
        if (max(dilation) > 1) {
            s.append(", dilation=").append(perAxis(dilation));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (paddingMode != PaddingMode.ZEROS) {
            s.append(", padding_mode=").append(paddingMode.torchName());
        }
        return s.toString();
    }

    /** {@code 5x5}, or {@code 2} when every axis agrees. */
    static String perAxis(int[] v) {
        boolean same = true;
        for (int x : v) {
            same &= x == v[0];
        }
        if (same) {
            return Integer.toString(v[0]);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? "x" : "").append(v[i]);
        }
        return s.toString();
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
