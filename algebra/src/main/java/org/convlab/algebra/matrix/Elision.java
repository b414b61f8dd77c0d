package org.convlab.algebra.matrix;

import org.convlab.core.BadParameterException;

/**
 * How much of a big matrix to print, the way the worksheet prints K: the first and last
 * {@code rows} rows around a dotted row, the first and last {@code cols} columns around dots.
 * An axis no longer than {@code 2 * keep + 1} is printed whole (dots would hide nothing).
 *
 * @param rows rows kept at each end (at least 1)
 * @param cols columns kept at each end (at least 1)
 */
public record Elision(int rows, int cols) {
    /** The worksheet's look: two rows and three columns at each end. */
    public static final Elision WORKSHEET = new Elision(2, 3);

    public Elision {
        if (rows < 1) {
            throw new BadParameterException("rows", "a positive number of rows kept at each end", rows);
        }
        if (cols < 1) {
            throw new BadParameterException("cols", "a positive number of columns kept at each end", cols);
        }
    }

    /** Whether an axis of {@code size} with {@code keep} at each end hides anything. */
    static boolean hides(long size, int keep) {
        return size > 2L * keep + 1;
    }

    /** The indices printed on an axis of {@code size}, -1 standing for the dots between the two ends. */
    static long[] kept(long size, int keep) {
        if (!hides(size, keep)) {
            long[] all = new long[(int) size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        long[] k = new long[2 * keep + 1];
        for (int i = 0; i < keep; i++) {
            k[i] = i;
            k[keep + 1 + i] = size - keep + i;
        }
        k[keep] = -1;
        return k;
    }
}
