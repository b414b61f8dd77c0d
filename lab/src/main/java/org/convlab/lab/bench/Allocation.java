package org.convlab.lab.bench;

import java.lang.management.ManagementFactory;

/** Bytes allocated on the heap by the calling thread so far, where the JVM counts them. */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS = bean();

    private Allocation() {
    }

    private static com.sun.management.ThreadMXBean bean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported()) {
            b.setThreadAllocatedMemoryEnabled(true);
            return b;
        }
        return null;
    }

    /** The calling thread's allocated bytes, or -1 when this JVM does not count them. */
    static long ofThisThread() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }
}
