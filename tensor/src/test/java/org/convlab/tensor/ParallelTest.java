package org.convlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyChunkRunsExactlyOnceOnAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int chunks : new int[] {1, 2, 7, 1000}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                Parallel.forEach(chunks, runs::incrementAndGet);
                for (int c = 0; c < chunks; c++) {
                    assertThat(runs.get(c)).as("chunk %d of %d on %d threads", c, chunks, threads).isEqualTo(1);
                }
            }
        }
        Parallel.setThreads(2);
    }

    @Test
    void aFailingChunkFailsTheCallAndThePoolStaysUsable() {
        Parallel.setThreads(2);
        assertThatThrownBy(() -> Parallel.forEach(10, c -> {
            if (c == 5) {
                throw new IllegalArgumentException("chunk 5");
            }
        })).hasMessage("chunk 5");
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.forEach(4, runs::incrementAndGet);
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1]");
    }

    @Test
    void nestedCallsRunSerially() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        Parallel.forEach(4, outer -> Parallel.forEach(4, inner -> runs.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 16; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void eachThreadRunsItsOwnContiguousBlockOfChunksFirst() {
        // Every chunk waits for one chunk on the other thread, so the two threads go in step:
        // the caller takes the first half of the chunks and the worker the second, whatever
        // thread happens to be faster, as long as each claims its own block first.
        Parallel.setThreads(2);
        CyclicBarrier inStep = new CyclicBarrier(2);
        AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(6);
        Parallel.forEach(6, c -> {
            ranOn.set(c, Thread.currentThread());
            try {
                inStep.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("chunk " + c + " found no partner on the other thread", e);
            }
        });
        Thread caller = Thread.currentThread();
        for (int c = 0; c < 6; c++) {
            if (c < 3) {
                assertThat(ranOn.get(c)).as("chunk %d", c).isSameAs(caller);
            } else {
                assertThat(ranOn.get(c)).as("chunk %d", c).isNotSameAs(caller);
            }
        }
    }

    @Test
    void aThreadThatFinishesItsBlockHelpsWithTheOthers() throws InterruptedException {
        // The caller owns chunks 0 and 1, the worker 2 and 3. Chunk 0 waits for chunk 1, which the
        // thread waiting in chunk 0 cannot start: only the other one, done with its own block, can
        // run it. Without the help this call would wait until the latch's timeout and fail.
        Parallel.setThreads(2);
        CountDownLatch chunk1Done = new CountDownLatch(1);
        AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(4);
        Parallel.forEach(4, c -> {
            ranOn.set(c, Thread.currentThread());
            if (c == 1) {
                chunk1Done.countDown();
            }
            if (c == 0) {
                try {
                    if (!chunk1Done.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no thread helped with the caller's block");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        // Whichever thread took chunk 0 (the caller, unless it was slow to start) could not run
        // chunk 1: the other one did, after its own block.
        assertThat(ranOn.get(1)).as("the thread of chunk 1").isNotSameAs(ranOn.get(0));
    }
}
