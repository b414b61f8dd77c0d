package org.convlab.tensor.kernels;

/**
 * How kernels split a batch into chunks of work: a count that depends only on the problem size,
 * never on the thread count, and contiguous balanced ranges. This is what makes results
 * bit-identical on 1 or N threads (see {@link org.convlab.tensor.parallel.Parallel}).
 */
public final class Chunks {
    /** The most chunks a batch of images is split into: enough to balance a few cores. */
    public static final int MAX_IMAGE_CHUNKS = 8;
    /** The most chunks the output positions of a locally connected layer are split into. */
    public static final int MAX_POSITION_CHUNKS = 16;

    private Chunks() {
    }

    /** Chunks for {@code items} items, at most {@code max}. */
    public static int count(int items, int max) {
        return Math.max(1, Math.min(items, max));
    }

    /** First item of chunk {@code c} of {@code chunks} over {@code items} items. */
    public static int start(int c, int chunks, int items) {
        return (int) ((long) c * items / chunks);
    }

    /** One past the last item of chunk {@code c}. */
    public static int end(int c, int chunks, int items) {
        return (int) ((long) (c + 1) * items / chunks);
    }
}
