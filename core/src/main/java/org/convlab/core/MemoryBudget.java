package org.convlab.core;

/**
 * The memory a command may still ask for, and the check every command makes before a large
 * allocation: an estimate over the budget is refused with one line naming the parameter, the
 * estimate and the limit, instead of an {@link OutOfMemoryError} after seconds of work.
 *
 * <p>The budget is the JVM's maximum heap ({@code -Xmx}) minus what is in use now and a margin
 * of {@link #MARGIN_BYTES} for everything the estimates leave out.
 */
public final class MemoryBudget {
    /** Kept free for what no estimate counts: classes, buffers, the JIT, small objects. */
    public static final long MARGIN_BYTES = 64L << 20;

    private MemoryBudget() {
    }

    /** Bytes the heap can still give: maximum heap minus what is used now minus the margin (0 or more). */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return Math.max(0, r.maxMemory() - (r.totalMemory() - r.freeMemory()) - MARGIN_BYTES);
    }

    /**
     * Refuses {@code bytes} (an estimate, saturating at {@link Long#MAX_VALUE}) when it exceeds
     * {@link #available()}.
     *
     * @param parameter the parameter whose value implies the memory, as the user knows it
     * @param what      what the memory is for, e.g. {@code "the weights of an MLP of width 100000"}
     * @throws BadParameterException naming the parameter, the estimate and the limit
     */
    public static void require(String parameter, long bytes, String what) {
        long limit = available();
        if (bytes > limit) {
            throw new BadParameterException(parameter, "needs about " + size(bytes) + " of memory for " + what
                    + ", more than the " + size(limit) + " this JVM can still use (maximum heap "
                    + size(Runtime.getRuntime().maxMemory()) + "); choose a smaller value, or give Java more memory,"
                    + " e.g. CONVLAB_JAVA_OPTS=-Xmx8g");
        }
    }

    /** {@code a * b * ...} saturating at {@link Long#MAX_VALUE} (for estimates of huge arguments). */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f <= 0) {
                return 0;
            }
            if (p > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            p *= f;
        }
        return p;
    }

    /** {@code a + b + ...} saturating at {@link Long#MAX_VALUE}. */
    public static long sum(long... terms) {
        long s = 0;
        for (long t : terms) {
            s = Long.MAX_VALUE - s < t ? Long.MAX_VALUE : s + t;
        }
        return s;
    }

    /** {@code bytes} for people: {@code 512 MiB}, {@code 3.2 GiB}, {@code more than 8 EiB}. */
    public static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : v >= 100 ? String.format("%.0f %s", v, units[u])
                : String.format("%.1f %s", v, units[u]);
    }
}
