package org.convlab.data.io;

import java.nio.file.Path;
import org.convlab.core.BadFileException;

/** Allocation of the large arrays a valid file needs, failing clearly when the JVM's heap is too small. */
public final class Memory {
    private Memory() {
    }

    /**
     * A new {@code byte[n]} for the content of {@code file}; when the heap cannot hold it, a
     * {@link BadFileException} saying how much is needed and how to give the JVM more, instead
     * of an {@link OutOfMemoryError}. Call only after the size has been validated.
     */
    public static byte[] bytes(Path file, int n, String what) {
        try {
            return new byte[n];
        } catch (OutOfMemoryError e) {
            long max = Runtime.getRuntime().maxMemory();
            throw new BadFileException(file, "needs " + mib(n) + " of memory for " + what + ", more than this JVM can"
                    + " allocate (maximum heap " + mib(max) + "); give it more, e.g. CONVLAB_JAVA_OPTS=-Xmx4g");
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
