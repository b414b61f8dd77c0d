package org.convlab.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.convlab.core.BadParameterException;

/**
 * Cuts an image set into batches, as PyTorch's {@code DataLoader(shuffle=True, drop_last=False)}:
 * each epoch visits every image once in an order drawn from {@code (seed, epoch)}, in
 * {@code ceil(N / B)} batches, the last one possibly smaller.
 *
 * <p>Determinism: the order of epoch {@code e} and any random translation depend only on the
 * seed, the epoch and the position — never on earlier calls — so the same seed gives the same
 * batches, and a run resumed at epoch {@code e} sees what an uninterrupted run would.
 *
 * <p>Bytes become floats per batch through the {@link Normalization}'s lookup table, into a
 * caller-reusable {@link Batch}. Not thread-safe: use one batcher per thread.
 */
public final class Batcher {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final ImageSet set;
    private final Normalization norm;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int maxShift;
    private int[] order;
    private int orderEpoch = -1;

    private Batcher(ImageSet set, Normalization norm, int batchSize, long seed, boolean shuffle, int maxShift) {
        if (batchSize < 1) {
            throw new BadParameterException("batchSize", "a positive batch size", batchSize);
        }
        if (set.size() == 0) {
            throw new BadParameterException("data", "a non-empty image set", "no images");
        }
        if (maxShift < 0) {
            throw new BadParameterException("maxShift", "a shift of 0 or more pixels", maxShift);
        }
        norm.checkChannels(set.channels());
        this.set = set;
        this.norm = norm;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.maxShift = maxShift;
    }

    /** Batches in a fresh random order every epoch, drawn from {@code seed}. */
    public static Batcher shuffled(ImageSet set, Normalization norm, int batchSize, long seed) {
        return new Batcher(set, norm, batchSize, seed, true, 0);
    }

    /** Batches in the set's order (for evaluation). */
    public static Batcher sequential(ImageSet set, Normalization norm, int batchSize) {
        return new Batcher(set, norm, batchSize, 0, false, 0);
    }

    /**
     * The same batches, each image translated by (dy, dx) drawn uniformly from
     * {@code [-maxShift, maxShift]} per image (from the seed, epoch and position), pixels
     * moved off the image dropped and uncovered ones filled with byte 0 (black) before
     * normalisation — torchvision's {@code RandomAffine(translate=...)} fill. Also a random crop
     * of a zero-padded image, as in {@code RandomCrop(size, padding=maxShift)}.
     */
    public Batcher withTranslation(int maxShift) {
        return new Batcher(set, norm, batchSize, seed, shuffle, maxShift);
    }

    /** The image set batched. */
    public ImageSet set() {
        return set;
    }

    /** The normalisation applied. */
    public Normalization normalization() {
        return norm;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code ceil(N / B)}. */
    public int batchesPerEpoch() {
        return (set.size() + batchSize - 1) / batchSize;
    }

    /** A batch buffer of the right shape, to be reused across calls to {@link #fill}. */
    public Batch newBatch() {
        return new Batch(batchSize, set.channels(), set.height(), set.width());
    }

    /** The order in which epoch {@code epoch} visits the images (a copy). */
    public int[] order(int epoch) {
        return orderOf(epoch).clone();
    }

    private int[] orderOf(int epoch) {
        if (epoch < 0) {
            throw new BadParameterException("epoch", "0 or more", epoch);
        }
        if (order == null) {
            order = new int[set.size()];
        }
        if (orderEpoch != epoch) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (shuffle) {
                SplittableRandom r = new SplittableRandom(mix(seed + GOLDEN * (epoch + 1L)));
                for (int i = order.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            orderEpoch = epoch;
        }
        return order;
    }

    /**
     * Fills {@code into} with batch {@code index} (0-based) of epoch {@code epoch}.
     *
     * @return {@code into}
     */
    public Batch fill(int epoch, int index, Batch into) {
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new BadParameterException("batch", "an index in 0.." + (batchesPerEpoch() - 1), index);
        }
        if (into.capacity() < batchSize || !into.fits(set)) {
            throw new BadParameterException("batch", "a buffer from newBatch() of this batcher", "another shape");
        }
        int[] ord = orderOf(epoch);
        int start = index * batchSize;
        int n = Math.min(batchSize, set.size() - start);
        float[] out = into.resize(n);
        int[] labels = into.labels();
        int[] indices = into.indices();
        int size = set.imageSize();
        for (int k = 0; k < n; k++) {
            int i = ord[start + k];
            indices[k] = i;
            labels[k] = set.label(i);
            if (maxShift == 0) {
                norm.convert(set, i, out, k * size);
            } else {
                long h = mix(mix(seed ^ 0x5DEECE66DL) + GOLDEN * ((long) epoch * set.size() + start + k + 1));
                int span = 2 * maxShift + 1;
                int dy = (int) Math.floorMod(h, (long) span) - maxShift;
                int dx = (int) Math.floorMod(h >>> 32, (long) span) - maxShift;
                translate(i, dy, dx, out, k * size);
            }
        }
        return into;
    }

    /** Image {@code i} moved down by {@code dy} and right by {@code dx}, zero-filled, normalised. */
    private void translate(int i, int dy, int dx, float[] out, int off) {
        int h = set.height();
        int w = set.width();
        byte[] px = set.pixelArray();
        int src = set.backingIndex(i) * set.imageSize();
        for (int c = 0; c < set.channels(); c++) {
            float[] t = norm.table(c);
            float fill = t[0];
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                int row = off + plane + y * w;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(out, row, row + w, fill);
                    continue;
                }
                int srow = src + plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    out[row + x] = sx < 0 || sx >= w ? fill : t[px[srow + sx] & 0xff];
                }
            }
        }
    }

    /** Iterates over the batches of one epoch, all written into {@code into}. */
    public Iterable<Batch> epoch(int epoch, Batch into) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return fill(epoch, next++, into);
            }
        };
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
