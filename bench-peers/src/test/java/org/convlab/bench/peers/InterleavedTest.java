package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTest {

    /** A subject whose calls take a fixed (reported, not real) time and that logs its turns. */
    private static Interleaved.Subject fake(String name, double secondsPerCall, List<String> log) {
        return new Interleaved.Subject(name, calls -> {
            log.add(name + ":" + calls);
            return calls * secondsPerCall;
        }, 64, false);
    }

    @Test
    void roundsRotateTheOrderAndRatesComeFromReportedTimes() throws Exception {
        List<String> log = new ArrayList<>();
        List<Interleaved.Subject> subjects = List.of(fake("a", 1.0 / 64, log), fake("b", 1.0 / 32, log), fake("c", 1.0 / 16, log));
        Interleaved.Outcome o = Interleaved.run(subjects, 3, 1.0 / 16, 0.25, 0);

        // warm-up (none until the JIT is idle: its budget is 0): a needs 4 calls to reach 1/16 s,
        // b and c 3 (at least three); then 0.25 s repetitions.
        assertThat(o.callsPerRep()).containsEntry("a", 16).containsEntry("b", 8).containsEntry("c", 4);
        List<String> timed = log.subList(4 + 3 + 3, log.size());
        assertThat(timed).containsExactly("a:16", "b:8", "c:4", "b:8", "c:4", "a:16", "c:4", "a:16", "b:8");

        assertThat(o.median("a")).isCloseTo(4096, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.ratio("a", "b")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.ratioToBest("c", List.of("a", "b"))).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.rates().get("b")).hasSize(3);
    }

    @Test
    void warmUpGoesOnForAnIdleWindowOfCallsWithinItsBudget() throws Exception {
        List<String> log = new ArrayList<>();
        Interleaved.Outcome o = Interleaved.run(List.of(fake("a", 1.0 / 64, log)), 1, 1.0 / 16, 0.25, 1.0);
        // 4 calls of fixed warm-up, then 0.3 s windows of 1/64-s calls (20 each) until the JIT is
        // idle, at most 1 s of them (one window may overrun it: 80 calls at most), then one repetition.
        assertThat(log.size() - 1).isBetween(4 + 20, 4 + 80);
        assertThat(o.callsPerRep()).containsEntry("a", 16);
    }

    @Test
    void heapIsProbedOnlyWhereAsked() throws Exception {
        List<Interleaved.Subject> subjects = List.of(
                new Interleaved.Subject("java", calls -> {
                    long sum = 0;
                    for (int i = 0; i < calls; i++) {
                        sum += new byte[1 << 20].length;
                    }
                    return sum > 0 ? 0.01 * calls : 1;
                }, 1, true),
                new Interleaved.Subject("native", calls -> 0.01 * calls, 1, false));
        Interleaved.Outcome o = Interleaved.run(subjects, 2, 0, 0.05);
        assertThat(o.heap()).containsOnlyKeys("java");
        assertThat(o.heap().get("java").allocatedBytesPerCall()).isGreaterThanOrEqualTo(1 << 20);
        assertThat(o.heap().get("java").liveHeapBytes()).isPositive();
        assertThat(o.heap().get("java").peakHeapBytes()).isGreaterThanOrEqualTo(o.heap().get("java").liveHeapBytes());
    }

    @Test
    void allocationPerCallIsTheMedianRepetitionWithTheLargestBeside() throws Exception {
        // Allocates 1 MiB a call in the first timed repetition only (as while the JIT still
        // settles), nothing in the warm-up's single calls or the other four repetitions.
        int[] repetitions = {0};
        byte[][] sink = new byte[1][];
        List<Interleaved.Subject> subjects = List.of(new Interleaved.Subject("java", calls -> {
            if (calls > 1 && repetitions[0]++ == 0) {
                for (int i = 0; i < calls; i++) {
                    sink[0] = new byte[1 << 20];
                }
            }
            return 0.01 * calls;
        }, 1, true));
        Interleaved.Outcome o = Interleaved.run(subjects, 5, 0, 0.05);
        assertThat(o.callsPerRep()).containsEntry("java", 5);
        assertThat(o.heap().get("java").allocatedBytesPerCall()).isLessThan(1 << 16);
        assertThat(o.heap().get("java").mostAllocatedBytesPerCall()).isGreaterThanOrEqualTo(1 << 20);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of())).isNaN();
    }
}
