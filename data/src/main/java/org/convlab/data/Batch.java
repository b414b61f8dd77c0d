package org.convlab.data;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * A reusable buffer for one batch: images as a float tensor (n, C, H, W), normalised, their
 * labels and their indices in the image set; {@code n <= capacity}.
 *
 * <p>{@link Batcher#fill} writes into it; the arrays are allocated once for full batches and
 * once for the (constant) size of an epoch's last, partial batch, so iterating allocates
 * nothing in steady state. The tensor and arrays returned are overwritten by the next fill.
 */
public final class Batch {
    private final int capacity;
    private final int channels;
    private final int height;
    private final int width;
    private final Tensor full;
    private final int[] fullLabels;
    private final int[] fullIndices;
    private Tensor tail;
    private int[] tailLabels;
    private int[] tailIndices;
    private int size;

    /** A buffer for up to {@code capacity} images of (C, H, W). */
    public Batch(int capacity, int channels, int height, int width) {
        if (capacity < 1) {
            throw new BadParameterException("capacity", "a positive batch size", capacity);
        }
        this.capacity = capacity;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.full = Tensor.zeros(capacity, channels, height, width);
        this.fullLabels = new int[capacity];
        this.fullIndices = new int[capacity];
        this.size = capacity;
    }

    /** Makes this a batch of {@code n} images and returns the array the pixels go to. */
    float[] resize(int n) {
        if (n < 1 || n > capacity) {
            throw new BadParameterException("batch", "1.." + capacity + " images", n);
        }
        size = n;
        if (n != capacity && (tail == null || tail.dim(0) != n)) {
            tail = Tensor.zeros(n, channels, height, width);
            tailLabels = new int[n];
            tailIndices = new int[n];
        }
        return images().data();
    }

    /** The images, (n, C, H, W) with n = {@link #size()}. */
    public Tensor images() {
        return size == capacity ? full : tail;
    }

    /** The labels, length {@link #size()}. */
    public int[] labels() {
        return size == capacity ? fullLabels : tailLabels;
    }

    /** Which images of the set these are, length {@link #size()}. */
    public int[] indices() {
        return size == capacity ? fullIndices : tailIndices;
    }

    /** Number of images in this batch. */
    public int size() {
        return size;
    }

    /** The most images a batch can hold. */
    public int capacity() {
        return capacity;
    }

    boolean fits(ImageSet set) {
        return set.channels() == channels && set.height() == height && set.width() == width;
    }
}
