package org.convlab.tensor.kernels;

import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.core.BadParameterException;

/** Seeded random shapes for sweeps: odd sizes, C = 1 and 3, even kernels, stride above the kernel, every mode. */
final class RandomCases {
    private RandomCases() {
    }

    /** Uniform values in [-1, 1). */
    static float[] values(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** Distinct values (a shuffled ramp with noise), so that max pooling has no ties. */
    static float[] distinct(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i - n / 2f) / n;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * A valid 1-D or 2-D convolution geometry.
     *
     * @param groups whether groups above 1 may appear
     * @param modes  whether padding modes other than zeros may appear
     */
    static ConvGeometry conv(Random r, boolean groups, boolean modes) {
        while (true) {
            int dims = 1 + r.nextInt(2);
            int g = groups ? 1 + r.nextInt(3) : 1;
            int[] channelChoices = {1, 1, 2, 3, 3, 4};
            int cg = channelChoices[r.nextInt(channelChoices.length)];
            int fg = 1 + r.nextInt(4);
            int[] size = new int[dims];
            int[] kernel = new int[dims];
            int[] stride = new int[dims];
            int[] dilation = new int[dims];
            int[] before = new int[dims];
            int[] after = new int[dims];
            for (int a = 0; a < dims; a++) {
                size[a] = 1 + r.nextInt(dims == 1 ? 17 : 11);
                kernel[a] = 1 + r.nextInt(5);
                stride[a] = r.nextInt(4) == 0 ? 1 + r.nextInt(6) : 1;
                dilation[a] = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
                before[a] = r.nextInt(3) == 0 ? 0 : r.nextInt(4);
                after[a] = r.nextInt(3) == 0 ? before[a] : r.nextInt(4);
            }
            PaddingMode mode = modes ? PaddingMode.values()[r.nextInt(4)] : PaddingMode.ZEROS;
            try {
                return ConvGeometry.builder().inChannels(g * cg).outChannels(g * fg).groups(g).size(size)
                        .kernel(kernel).stride(stride).dilation(dilation).padding(new Padding.Explicit(before, after))
                        .paddingMode(mode).build();
            } catch (BadParameterException e) {
                // not a valid combination (kernel larger than the padded input, reflect padding too large): draw again
            }
        }
    }

    /** A valid 2-D pooling geometry over {@code c} channels (zero padding at most half the kernel). */
    static ConvGeometry pool(Random r, int c, boolean dilation) {
        while (true) {
            int[] size = {1 + r.nextInt(12), 1 + r.nextInt(12)};
            int[] kernel = {1 + r.nextInt(4), 1 + r.nextInt(4)};
            int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] dil = {dilation ? 1 + r.nextInt(2) : 1, dilation ? 1 + r.nextInt(2) : 1};
            int[] pad = {r.nextInt(kernel[0] / 2 + 1), r.nextInt(kernel[1] / 2 + 1)};
            try {
                return ConvGeometry.builder().inChannels(c).outChannels(c).groups(c).size(size).kernel(kernel)
                        .stride(stride).dilation(dil).padding(new Padding.Explicit(pad, pad)).build();
            } catch (BadParameterException e) {
                // kernel does not fit: draw again
            }
        }
    }
}
