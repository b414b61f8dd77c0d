package org.convlab.tensor.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.convlab.core.BadParameterException;

/**
 * Runs a fixed number of independent chunks of work on up to {@link #threads()} threads.
 *
 * <p>Determinism contract: callers split their work into chunks whose boundaries depend only
 * on the problem (never on the thread count), each chunk writes only its own outputs, and any
 * reduction over chunks is done by the caller afterwards in chunk order. Then the same inputs
 * give the same bits on 1 or N threads.
 *
 * <p>The chunks are cut into {@code B = min(T, chunks)} contiguous blocks on {@code T} threads,
 * block {@code b} being {@code [b * chunks / B, (b + 1) * chunks / B)}; the calling thread owns
 * block 0 and worker {@code i} block {@code i mod B}. Each thread claims its own block's chunks
 * first, then helps with what is left of the other blocks. Passes that cut a batch into chunks of images thus hand the same images to the same
 * thread from layer to layer and from the forward pass to the backward, so each thread mostly
 * reads activations it wrote itself, from its own core's caches: handing every chunk to whichever
 * thread came first made a layer's output land in one core's cache and its next pass read it
 * from the other's (see docs/performance.md, "Threads"). Which thread runs a chunk never changes
 * its result. A call made from inside a chunk runs serially on that thread (no nested
 * parallelism).
 */
public final class Parallel {
    private static volatile Pool pool = new Pool(defaultThreads());
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private Parallel() {
    }

    private static int defaultThreads() {
        String p = System.getProperty("convlab.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new BadParameterException("convlab.threads", "a positive integer", p);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads work is spread over, the caller included. */
    public static int threads() {
        return pool.size;
    }

    /** Sets the number of threads (1 = everything on the calling thread). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new BadParameterException("threads", "a positive integer", n);
        }
        if (n != pool.size) {
            Pool old = pool;
            pool = new Pool(n);
            old.shutdown();
        }
    }

    /**
     * Whether {@link #forEach} would run every chunk on the calling thread (one thread, or a
     * call from inside a chunk): a caller can then loop over its chunks itself and spare the
     * task object.
     */
    public static boolean serial() {
        return pool.size == 1 || INSIDE.get();
    }

    /**
     * Runs {@code body.accept(c)} once for every chunk {@code c} in {@code [0, chunks)} and
     * returns when all have finished; the first exception thrown by a chunk is rethrown.
     */
    public static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 0) {
            return;
        }
        Pool p = pool;
        if (chunks == 1 || p.size == 1 || INSIDE.get()) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        p.run(chunks, body);
    }

    /** The chunk count that splits {@code n} items into pieces of at least {@code grain} items. */
    public static int chunksFor(int n, int grain) {
        return Math.max(1, (n + grain - 1) / Math.max(1, grain));
    }

    /**
     * One job: the chunks cut into one contiguous block per thread, each block with its own
     * counter (on its own cache line: the threads claim from them at once).
     */
    private static final class Job {
        /** Ints between two blocks' counters: 64 bytes, a cache line. */
        private static final int STRIDE = 16;

        final int chunks;
        final int blocks;
        final IntConsumer body;
        final AtomicIntegerArray next;
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread owner = Thread.currentThread();

        Job(int chunks, int blocks, IntConsumer body) {
            this.chunks = chunks;
            this.blocks = blocks;
            this.body = body;
            this.next = new AtomicIntegerArray(blocks * STRIDE);
            for (int b = 0; b < blocks; b++) {
                next.set(b * STRIDE, start(b));
            }
        }

        /** The first chunk of block {@code b} ({@code chunks} for {@code b == blocks}). */
        int start(int b) {
            return (int) ((long) b * chunks / blocks);
        }

        /** Claims and runs the chunks of block {@code slot}, then those left in the other blocks. */
        void work(int slot) {
            boolean wasInside = INSIDE.get();
            INSIDE.set(true);
            try {
                for (int i = 0; i < blocks; i++) {
                    int b = (slot + i) % blocks;
                    int end = start(b + 1);
                    for (int c = next.getAndIncrement(b * STRIDE); c < end; c = next.getAndIncrement(b * STRIDE)) {
                        run(c);
                    }
                }
            } finally {
                INSIDE.set(wasInside);
            }
        }

        private void run(int c) {
            try {
                if (failure.get() == null) {
                    body.accept(c);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            if (done.incrementAndGet() == chunks) {
                LockSupport.unpark(owner);
            }
        }
    }

    /**
     * Spin-wait iterations before a thread sleeps: a worker waiting for the next job, the caller
     * waiting for the workers' last chunks (about a millisecond at {@code Thread.onSpinWait}'s
     * pause on current x86 cores).
     */
    private static final int SPINS = 20_000;

    /** Daemon workers that spin briefly, then park until the next job (no CPU used while idle). */
    private static final class Pool {
        final int size;
        final Thread[] workers;
        volatile Job current;
        volatile boolean stopped;

        Pool(int size) {
            this.size = size;
            this.workers = new Thread[size - 1];
            for (int i = 0; i < workers.length; i++) {
                int slot = i + 1;
                Thread t = new Thread(() -> loop(slot), "convlab-worker-" + slot);
                t.setDaemon(true);
                workers[i] = t;
                t.start();
            }
        }

        synchronized void run(int chunks, IntConsumer body) {
            Job job = new Job(chunks, Math.min(size, chunks), body);
            current = job;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            job.work(0);
            // The workers' last chunks usually end within microseconds of the caller's: spin for
            // them as the workers spin for jobs, and sleep only on a longer wait (a timed park
            // returns tens of microseconds late, a step's worth of a small layer).
            for (int spin = 0; spin < SPINS && job.done.get() < chunks; spin++) {
                Thread.onSpinWait();
            }
            while (job.done.get() < chunks) {
                LockSupport.parkNanos(this, 50_000L);
            }
            current = null;
            Throwable t = job.failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        private void loop(int slot) {
            Job last = null;
            while (!stopped) {
                Job job = current;
                if (job != null && job != last) {
                    last = job;
                    job.work(slot % job.blocks);
                    continue;
                }
                boolean found = false;
                for (int spin = 0; spin < SPINS && !stopped; spin++) {
                    Job j = current;
                    if (j != null && j != last) {
                        found = true;
                        break;
                    }
                    Thread.onSpinWait();
                }
                if (!found) {
                    // run() unparks every worker after publishing a job, so an idle worker can
                    // sleep until then (a permit given before park() makes it return at once).
                    LockSupport.park(this);
                }
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }
    }
}
