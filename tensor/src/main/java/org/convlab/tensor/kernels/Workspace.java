package org.convlab.tensor.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scratch memory a layer lends to its kernels and keeps across calls, so that the hot path
 * does not allocate: buffers are grown when a larger size is asked for, never shrunk.
 *
 * <p>A kernel names each of its buffers by a {@link Key} of its own, made once with
 * {@link #key(String)} and kept in a {@code static final} field: two keys are never the same
 * buffer, so two kernels cannot share one by accident. A kernel asks for its buffers before it
 * starts parallel work (this class is not thread-safe), then each chunk of work uses only its own
 * buffers. Contents are unspecified when handed out: kernels overwrite or clear what they read.
 */
public final class Workspace {
    private float[][][] floats = new float[0][][];
    private int[][][] ints = new int[0][][];

    /** The name of one buffer (or one set of per-chunk buffers) of a kernel; equal only to itself. */
    public static final class Key {
        private static final AtomicInteger NEXT = new AtomicInteger();

        private final int index = NEXT.getAndIncrement();
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A new key, distinct from every other; {@code name} (e.g. {@code "GemmConv.cols"}) is for messages. */
    public static Key key(String name) {
        return new Key(name);
    }

    /** {@code count} float buffers of at least {@code size} elements each, kept under {@code key}. */
    public float[][] floats(Key key, int count, int size) {
        int slot = key.index;
        if (slot >= floats.length) {
            floats = Arrays.copyOf(floats, slot + 1);
        }
        float[][] held = floats[slot];
        if (held == null || held.length != count) {
            float[][] grown = new float[count][];
            if (held != null) {
                System.arraycopy(held, 0, grown, 0, Math.min(count, held.length));
            }
            held = grown;
            floats[slot] = held;
        }
        for (int i = 0; i < count; i++) {
            if (held[i] == null || held[i].length < size) {
                held[i] = new float[size];
            }
        }
        return held;
    }

    /** One float buffer of at least {@code size} elements, kept under {@code key}. */
    public float[] floats(Key key, int size) {
        return floats(key, 1, size)[0];
    }

    /** {@code count} int buffers of at least {@code size} elements each, kept under {@code key}. */
    public int[][] ints(Key key, int count, int size) {
        int slot = key.index;
        if (slot >= ints.length) {
            ints = Arrays.copyOf(ints, slot + 1);
        }
        int[][] held = ints[slot];
        if (held == null || held.length != count) {
            int[][] grown = new int[count][];
            if (held != null) {
                System.arraycopy(held, 0, grown, 0, Math.min(count, held.length));
            }
            held = grown;
            ints[slot] = held;
        }
        for (int i = 0; i < count; i++) {
            if (held[i] == null || held[i].length < size) {
                held[i] = new int[size];
            }
        }
        return held;
    }

    /** The floats currently held, for reports on memory use. */
    public long heldFloats() {
        long n = 0;
        for (float[][] slot : floats) {
            if (slot != null) {
                for (float[] b : slot) {
                    n += b == null ? 0 : b.length;
                }
            }
        }
        for (int[][] slot : ints) {
            if (slot != null) {
                for (int[] b : slot) {
                    n += b == null ? 0 : b.length;
                }
            }
        }
        return n;
    }
}
