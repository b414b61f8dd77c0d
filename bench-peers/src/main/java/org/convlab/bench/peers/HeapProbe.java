package org.convlab.bench.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures the Java heap over a span of work: the live heap at the start (after a full
 * collection, so what earlier work left behind is not counted), the peak heap in use during
 * the work (the sum of the heap pools' peak usage, garbage produced by the work included) and
 * the bytes allocated by all live threads (HotSpot's per-thread allocation counters).
 *
 * <p>Call {@link #start()} before the work (outside any timed region: it collects garbage)
 * and {@link #stop()} after it. Meaningful for engines that run on the JVM heap (convlab); the
 * native peers allocate outside it.
 */
public final class HeapProbe {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private long allocatedAtStart;

    private long liveAtStart;

    /** Collects garbage, notes the live heap, resets the pools' peaks and notes the allocation counters. */
    public void start() {
        System.gc();
        liveAtStart = heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        allocatedAtStart = allocatedBytes();
    }

    /** The peak heap in use since {@link #start()} and the bytes allocated since then. */
    public Sample stop() {
        long allocated = allocatedBytes() - allocatedAtStart;
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Sample(liveAtStart, peak, Math.max(0, allocated));
    }

    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            long sum = 0;
            for (long a : hotspot.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                sum += Math.max(0, a);
            }
            return sum;
        }
        return 0;
    }

    /**
     * @param liveHeapBytes  the heap in use after the full collection at the start
     * @param peakHeapBytes  the heap in use at its highest during the span (sum of the pools' peaks)
     * @param allocatedBytes bytes allocated by all threads during the span
     */
    public record Sample(long liveHeapBytes, long peakHeapBytes, long allocatedBytes) {
    }
}
