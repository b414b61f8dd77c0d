package org.convlab.data.transform;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * Cuts a window out of images: {@code out[n, c, y, x] = x[n, c, top + y, left + x]} for a
 * window of {@code height x width} inside the image. x is (N, C, H, W), out (N, C, height, width).
 */
public final class Crop {
    private Crop() {
    }

    /** The window at (top, left) of size height x width: a new tensor. */
    public static Tensor apply(Tensor x, int top, int left, int height, int width) {
        Images.requireRank4("x", x);
        if (height < 1 || width < 1 || top < 0 || left < 0 || top + height > x.dim(2) || left + width > x.dim(3)) {
            throw new BadParameterException("crop", "a window inside the " + x.dim(2) + "x" + x.dim(3) + " image",
                    height + "x" + width + " at (" + top + ", " + left + ")");
        }
        int planes = x.dim(0) * x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        Tensor out = Tensor.zeros(x.dim(0), x.dim(1), height, width);
        float[] src = x.data();
        float[] dst = out.data();
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(src, (p * h + top + y) * w + left, dst, (p * height + y) * width, width);
            }
        }
        return out;
    }

    /** The centred window of height x width (rounding the offsets down). */
    public static Tensor center(Tensor x, int height, int width) {
        Images.requireRank4("x", x);
        return apply(x, (x.dim(2) - height) / 2, (x.dim(3) - width) / 2, height, width);
    }
}
