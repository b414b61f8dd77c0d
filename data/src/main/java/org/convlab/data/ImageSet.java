package org.convlab.data;

import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * Labelled images held as bytes: image {@code i} is (C, H, W) unsigned bytes, its label an
 * unsigned byte in {@code 0..classes-1}; immutable.
 *
 * <p>A set may be a view of a contiguous range of a larger one ({@link #range}): splits and
 * subsets share the arrays, so Fashion-MNIST's 47 MB of pixels are held once whatever the
 * splits. Floats are made only on demand, per batch ({@link Batcher}) or per selection
 * ({@link #tensor}).
 */
public final class ImageSet {
    private final byte[] pixels;
    private final byte[] labels;
    private final int first;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    private ImageSet(byte[] pixels, byte[] labels, int first, int count, int channels, int height, int width,
                     List<String> classNames) {
        this.pixels = pixels;
        this.labels = labels;
        this.first = first;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
    }

    /**
     * A set over {@code pixels} (N, C, H, W) and {@code labels} (N); the arrays are not copied
     * and must not be changed afterwards.
     *
     * @throws BadParameterException when the sizes disagree or a label is out of range
     */
    public static ImageSet of(byte[] pixels, byte[] labels, int channels, int height, int width,
                              List<String> classNames) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new BadParameterException("image shape", "positive C, H, W", channels + "x" + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (expected != pixels.length) {
            throw new BadParameterException("pixels", expected + " bytes for " + labels.length + " images of "
                    + channels + "x" + height + "x" + width, pixels.length);
        }
        if (classNames.isEmpty() || classNames.size() > 256) {
            throw new BadParameterException("classes", "1..256 class names", classNames.size());
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classNames.size()) {
                throw new BadParameterException("labels", "labels in 0.." + (classNames.size() - 1)
                        + " (label of image " + i + ")", labels[i] & 0xff);
            }
        }
        return new ImageSet(pixels, labels, 0, labels.length, channels, height, width, List.copyOf(classNames));
    }

    /** Number of images. */
    public int size() {
        return count;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: C x H x W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** (C, H, W). */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** Number of classes: labels are {@code 0..classes()-1}. */
    public int classes() {
        return classNames.size();
    }

    /** Class names, index = label. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[first + checkIndex(i)] & 0xff;
    }

    /** Pixel (c, y, x) of image {@code i}, 0..255. */
    public int pixel(int i, int c, int y, int x) {
        checkIndex(i);
        if (c < 0 || c >= channels || y < 0 || y >= height || x < 0 || x >= width) {
            throw new BadParameterException("pixel", "(c, y, x) inside " + channels + "x" + height + "x" + width,
                    "(" + c + ", " + y + ", " + x + ")");
        }
        return pixels[(first + i) * imageSize() + (c * height + y) * width + x] & 0xff;
    }

    /** A copy of image {@code i}'s bytes, (C, H, W). */
    public byte[] image(int i) {
        byte[] out = new byte[imageSize()];
        System.arraycopy(pixels, (first + checkIndex(i)) * imageSize(), out, 0, imageSize());
        return out;
    }

    /** Copies image {@code i}'s bytes, (C, H, W), into {@code dst[off..off + C*H*W)}. */
    public void copyImage(int i, byte[] dst, int off) {
        System.arraycopy(pixels, (first + checkIndex(i)) * imageSize(), dst, off, imageSize());
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a view sharing this set's arrays. */
    public ImageSet range(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new BadParameterException("range", "0 <= from <= to <= " + count, from + ".." + to);
        }
        return new ImageSet(pixels, labels, first + from, to - from, channels, height, width, classNames);
    }

    /** The first {@code n} images, or all of them when there are fewer. */
    public ImageSet limit(int n) {
        return range(0, Math.min(Math.max(n, 0), count));
    }

    /** How many images each class has, index = label. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int i = first; i < first + count; i++) {
            counts[labels[i] & 0xff]++;
        }
        return counts;
    }

    /** The first image of class {@code label} at or after {@code from}, or -1. */
    public int indexOfClass(int label, int from) {
        for (int i = Math.max(from, 0); i < count; i++) {
            if ((labels[first + i] & 0xff) == label) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The images {@code indices} as a normalised float tensor (n, C, H, W) — for small
     * selections such as the equivariance canvases; use a {@link Batcher} for training.
     */
    public Tensor tensor(Normalization norm, int... indices) {
        if (indices.length == 0) {
            throw new BadParameterException("indices", "at least one image index", 0);
        }
        Tensor t = Tensor.zeros(indices.length, channels, height, width);
        float[] out = t.data();
        for (int k = 0; k < indices.length; k++) {
            norm.convert(this, indices[k], out, k * imageSize());
        }
        return t;
    }

    /** The labels of {@code indices}. */
    public int[] labels(int... indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = label(indices[k]);
        }
        return out;
    }

    // Package-private access for the batcher and normalisation: the backing arrays and where this view starts.

    byte[] pixelArray() {
        return pixels;
    }

    byte[] labelArray() {
        return labels;
    }

    /** Index in the backing arrays of this view's image {@code i}. */
    int backingIndex(int i) {
        return first + i;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new BadParameterException("image", "an index in 0.." + (count - 1), i);
        }
        return i;
    }

    @Override
    public String toString() {
        return count + " images of " + channels + "x" + height + "x" + width + ", " + classes() + " classes";
    }
}
