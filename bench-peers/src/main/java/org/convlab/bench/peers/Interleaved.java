package org.convlab.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.lab.bench.CompilerActivity;

/**
 * The timing protocol shared by every comparison: warm up each subject, size its repetitions,
 * then run the subjects interleaved, round after round, so that drifts of the machine (other
 * processes, frequency, heat) hit every subject alike.
 *
 * <ol>
 *   <li>Warm-up: each subject runs single calls until {@code warmupSeconds} have passed (at
 *       least three calls) and then on until the JIT is idle ({@link CompilerActivity}; at
 *       most {@link #MAX_EXTRA_WARMUP} times the warm-up, 10 s at least); the median of the
 *       later half of the warm-up calls sizes its repetitions:
 *       {@code calls = max(1, round(minRepSeconds / fastest))}.</li>
 *   <li>Rounds {@code r = 0 .. reps-1}: every subject runs one repetition, in the order
 *       rotated by {@code r} (A B C, B C A, C A B, ...), so no subject always follows the same
 *       one.</li>
 *   <li>Rates per repetition ({@code units x calls / seconds}); the caller takes medians, and
 *       ratios per pair from the same round. For subjects on the Java heap, the bytes allocated
 *       per call in each repetition, summarised by their median and their largest.</li>
 * </ol>
 */
public final class Interleaved {
    private Interleaved() {
    }

    /** Something to time: {@code run(calls)} performs {@code calls} calls and returns the seconds they took. */
    @FunctionalInterface
    public interface Timed {
        double run(int calls) throws Exception;
    }

    /**
     * One subject of the protocol.
     *
     * @param name      its label
     * @param timed     the timed action
     * @param units     work per call (images of a batch, FLOPs of a GEMM)
     * @param probeHeap whether to measure the Java heap around its repetitions
     */
    public record Subject(String name, Timed timed, double units, boolean probeHeap) {
    }

    /**
     * The outcome of a protocol run.
     *
     * @param rates       per subject, the rate of every repetition in round order (units per second)
     * @param rounds      per round, the rate of every subject in it
     * @param callsPerRep per subject, the calls in one repetition
     * @param heap        per probed subject: the largest peak heap and the bytes allocated per call
     */
    public record Outcome(Map<String, List<Double>> rates, List<Map<String, Double>> rounds,
                          Map<String, Integer> callsPerRep, Map<String, Heap> heap) {

        /** The median rate of {@code subject}. */
        public double median(String subject) {
            return Stats.median(rates.getOrDefault(subject, List.of()));
        }

        /** The median over rounds of {@code rate(a) / rate(b)}, both from the same round. */
        public double ratio(String a, String b) {
            List<Double> r = new ArrayList<>();
            for (Map<String, Double> round : rounds) {
                if (round.containsKey(a) && round.containsKey(b)) {
                    r.add(round.get(a) / round.get(b));
                }
            }
            return Stats.median(r);
        }

        /** The median over rounds of {@code rate(a) / max(rate(b) for b in others)}. */
        public double ratioToBest(String a, List<String> others) {
            List<Double> r = new ArrayList<>();
            for (Map<String, Double> round : rounds) {
                double best = others.stream().filter(round::containsKey).mapToDouble(round::get).max().orElse(Double.NaN);
                if (round.containsKey(a) && !Double.isNaN(best)) {
                    r.add(round.get(a) / best);
                }
            }
            return Stats.median(r);
        }
    }

    /**
     * @param liveHeapBytes         the largest live heap (after a full collection) before a repetition
     * @param peakHeapBytes         the highest heap in use during any repetition
     * @param allocatedBytesPerCall     bytes allocated by all threads per call: the median over the
     *                                  repetitions (what every call allocates; a repetition while
     *                                  the JIT still settles can allocate more, see the next)
     * @param mostAllocatedBytesPerCall the same in the repetition that allocated most
     */
    public record Heap(long liveHeapBytes, long peakHeapBytes, double allocatedBytesPerCall,
                       double mostAllocatedBytesPerCall) {
    }

    /** Longest extra warm-up until the JIT is idle, as a multiple of the warm-up time (and 10 s at least). */
    static final double MAX_EXTRA_WARMUP = 10;

    /**
     * Runs the protocol.
     *
     * @param reps          rounds
     * @param warmupSeconds warm-up time per subject
     * @param minRepSeconds target time of one repetition
     */
    public static Outcome run(List<Subject> subjects, int reps, double warmupSeconds,
                              double minRepSeconds) throws Exception {
        return run(subjects, reps, warmupSeconds, minRepSeconds, Math.max(10, MAX_EXTRA_WARMUP * warmupSeconds));
    }

    /** {@link #run(List, int, double, double)} with at most {@code maxIdleWarmupSeconds} of warm-up until the JIT is idle. */
    static Outcome run(List<Subject> subjects, int reps, double warmupSeconds, double minRepSeconds,
                       double maxIdleWarmupSeconds) throws Exception {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (Subject s : subjects) {
            List<Double> warm = new ArrayList<>();
            double spent = 0;
            while (warm.size() < 3 || spent < warmupSeconds) {
                double t = s.timed().run(1);
                warm.add(t);
                spent += t;
            }
            CompilerActivity.runUntilIdle(() -> s.timed().run(1), maxIdleWarmupSeconds, warm::add);
            // The median of the later half: robust to the slow first calls and to outliers.
            double typical = Stats.median(warm.subList(warm.size() / 2, warm.size()));
            calls.put(s.name(), (int) Math.max(1, Math.round(minRepSeconds / typical)));
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        subjects.forEach(s -> rates.put(s.name(), new ArrayList<>()));
        Map<String, long[]> heap = new LinkedHashMap<>();
        Map<String, List<Double>> allocated = new LinkedHashMap<>();
        List<Map<String, Double>> rounds = new ArrayList<>();
        HeapProbe probe = new HeapProbe();
        for (int r = 0; r < reps; r++) {
            Map<String, Double> round = new LinkedHashMap<>();
            for (int i = 0; i < subjects.size(); i++) {
                Subject s = subjects.get((i + r) % subjects.size());
                int c = calls.get(s.name());
                if (s.probeHeap()) {
                    probe.start();
                }
                double seconds = s.timed().run(c);
                if (s.probeHeap()) {
                    HeapProbe.Sample h = probe.stop();
                    long[] most = heap.computeIfAbsent(s.name(), k -> new long[2]);
                    most[0] = Math.max(most[0], h.peakHeapBytes());
                    most[1] = Math.max(most[1], h.liveHeapBytes());
                    allocated.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(h.allocatedBytes() / (double) c);
                }
                double rate = s.units() * c / seconds;
                rates.get(s.name()).add(rate);
                round.put(s.name(), rate);
            }
            rounds.add(round);
        }
        Map<String, Heap> heaps = new LinkedHashMap<>();
        heap.forEach((k, v) -> {
            List<Double> perCall = allocated.get(k);
            heaps.put(k, new Heap(v[1], v[0], Stats.median(perCall), java.util.Collections.max(perCall)));
        });
        return new Outcome(rates, rounds, calls, heaps);
    }
}
