package org.convlab.data.transform;

import org.convlab.core.BadParameterException;
import org.convlab.data.ImageSet;
import org.convlab.tensor.Tensor;

/**
 * Moves images by a fixed (dy, dx) — down and right for positive values — keeping their size:
 * {@code out[n, c, y, x] = x[n, c, y - dy, x - dx]} where that is inside the image, else the
 * fill value. Used for the shifted test set of the sharing study.
 */
public final class Shift {
    private Shift() {
    }

    /** {@code x} (N, C, H, W) shifted, zero-filled: a new tensor of the same shape. */
    public static Tensor apply(Tensor x, int dy, int dx) {
        return apply(x, dy, dx, 0f, Tensor.zeros(x.shape()));
    }

    /**
     * Writes {@code x} (N, C, H, W) shifted by (dy, dx) into {@code out} (same shape, not
     * {@code x} itself), filling uncovered pixels with {@code fill}.
     *
     * @return {@code out}
     */
    public static Tensor apply(Tensor x, int dy, int dx, float fill, Tensor out) {
        Images.requireRank4("x", x);
        if (!out.shape().equals(x.shape()) || out.data() == x.data()) {
            throw new BadParameterException("out", "a separate tensor of shape " + x.shape(), out.shape());
        }
        int per = x.size() / x.dim(0);
        for (int n = 0; n < x.dim(0); n++) {
            shiftImage(x.data(), n * per, out.data(), n * per, x.dim(1), x.dim(2), x.dim(3), dy, dx, fill);
        }
        return out;
    }

    /** Image (C, H, W) at {@code src[so..]} shifted by (dy, dx) into {@code dst[d0..]}, uncovered pixels = fill. */
    static void shiftImage(float[] src, int so, float[] dst, int d0, int c, int h, int w, int dy, int dx, float fill) {
        for (int p = 0; p < c; p++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                int row = d0 + (p * h + y) * w;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    dst[row + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? fill : src[so + (p * h + sy) * w + sx];
                }
            }
        }
    }

    /**
     * Every image of {@code set} shifted by (dy, dx) with byte 0 (black) filling the uncovered
     * pixels — the shifted test set; labels unchanged. A new set (the bytes are copied).
     */
    public static ImageSet apply(ImageSet set, int dy, int dx) {
        int c = set.channels();
        int h = set.height();
        int w = set.width();
        int size = set.imageSize();
        byte[] src = new byte[size];
        byte[] pixels = new byte[set.size() * size];
        byte[] labels = new byte[set.size()];
        for (int i = 0; i < set.size(); i++) {
            set.copyImage(i, src, 0);
            labels[i] = (byte) set.label(i);
            int base = i * size;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int sy = y - dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        int sx = x - dx;
                        if (sx >= 0 && sx < w) {
                            pixels[base + (ch * h + y) * w + x] = src[(ch * h + sy) * w + sx];
                        }
                    }
                }
            }
        }
        return ImageSet.of(pixels, labels, c, h, w, set.classNames());
    }
}
