package org.convlab.algebra;

import java.util.Random;
import org.convlab.core.BadParameterException;

/** Small random convolutions for sweeps: every padding form and mode, groups, strides, dilations, 1-D to 3-D. */
public final class RandomGeometry {
    private RandomGeometry() {
    }

    /** A valid geometry (drawn again until the builder accepts it). */
    public static ConvGeometry draw(Random rnd) {
        while (true) {
            try {
                return attempt(rnd);
            } catch (BadParameterException e) {
                // an invalid combination: draw again
            }
        }
    }

    private static ConvGeometry attempt(Random rnd) {
        int d = rnd.nextInt(10) < 4 ? 1 : rnd.nextInt(10) < 9 ? 2 : 3;
        int maxSize = d == 1 ? 12 : d == 2 ? 7 : 4;
        int groups = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0);
        int inChannels = groups * (1 + rnd.nextInt(2));
        int outChannels = groups * (1 + rnd.nextInt(2));
        int[] size = new int[d];
        int[] kernel = new int[d];
        int[] stride = new int[d];
        int[] dilation = new int[d];
        for (int a = 0; a < d; a++) {
            size[a] = 1 + rnd.nextInt(maxSize);
            kernel[a] = 1 + rnd.nextInt(4);
            stride[a] = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 1;
            dilation[a] = rnd.nextInt(4) == 0 ? 2 : 1;
        }
        PaddingMode mode = PaddingMode.values()[rnd.nextInt(4)];
        Padding padding = switch (rnd.nextInt(5)) {
            case 0 -> new Padding.Valid();
            case 1 -> new Padding.Same();
            case 2 -> new Padding.Full();
            default -> {
                int[] before = new int[d];
                int[] after = new int[d];
                for (int a = 0; a < d; a++) {
                    before[a] = rnd.nextInt(4);
                    after[a] = rnd.nextInt(4);
                }
                yield new Padding.Explicit(before, after);
            }
        };
        SameMode same = rnd.nextBoolean() ? SameMode.TORCH : SameMode.TF;
        return ConvGeometry.builder().inChannels(inChannels).outChannels(outChannels).groups(groups).size(size)
                .kernel(kernel).stride(stride).dilation(dilation).padding(padding).paddingMode(mode).sameMode(same)
                .build();
    }

    /** {@code n} values uniform in [-1, 1). */
    public static double[] values(Random rnd, long n) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * rnd.nextDouble() - 1;
        }
        return v;
    }
}
