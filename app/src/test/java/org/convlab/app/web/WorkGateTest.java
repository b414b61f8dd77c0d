package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on requests computing at once: the next one waits, then gets 503. */
class WorkGateTest {
    @Test
    void aRequestBeyondTheBoundIsRefusedWith503AndTheSlotIsFreedAfterwards() throws Exception {
        WorkGate gate = new WorkGate(1, 50);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> gate.run(() -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> gate.run(() -> "second"))
                    .isInstanceOfSatisfying(WebException.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessage("busy: other requests are computing; try again in a moment");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(gate.run(() -> "third")).isEqualTo("third");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingComputationFreesItsSlot() {
        WorkGate gate = new WorkGate(1, 50);
        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(gate.run(() -> 42)).isEqualTo(42);
    }
}
