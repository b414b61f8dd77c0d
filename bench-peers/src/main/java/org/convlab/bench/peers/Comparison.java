package org.convlab.bench.peers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convlab.tensor.kernels.MachinePeak;

/**
 * One side-by-side run: for every thread count, the GEMM peak, then every workload (model x
 * mode) on every engine, checked for equal results first and then timed with the
 * {@link Interleaved} protocol.
 */
public final class Comparison {
    /** Allowed difference of logits and loss, relative to max(1, max |reference logit|). */
    public static final double TOLERANCE = 1e-4;
    /** How long each thread measures the FMA peak, seconds. */
    private static final double FMA_SECONDS = 1.5;
    /** Which engine of a pair is the numerator of its ratio: the earlier in this list (above 1: it is faster). */
    static final List<String> NUMERATORS = List.of("convlab", "onnxruntime", "pytorch-py", "pytorch-djl");

    /**
     * What to run.
     *
     * @param threads       thread counts, each run in turn
     * @param workloads     the models
     * @param modes         train and/or infer
     * @param engines       engine names, in column order
     * @param reps          interleaved rounds per workload
     * @param warmupSeconds warm-up per engine and workload
     * @param minRepSeconds target duration of one repetition
     * @param gemmSize      n of the n x n x n peak GEMM; 0 skips the peak
     * @param learningRate  SGD learning rate (the notebook's 3e-3)
     * @param seed          seed of the weights (the batch uses seed + 1)
     */
    public record Options(List<Integer> threads, List<Model> workloads, List<Mode> modes, List<String> engines,
                          int reps, double warmupSeconds, double minRepSeconds, int gemmSize,
                          float learningRate, long seed) {
    }

    private final Options options;
    private final PrintStream progress;
    private final Map<String, Engine> engines = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    /** Engines whose {@link Engine#warning} was printed. */
    private final java.util.Set<String> warned = new java.util.HashSet<>();

    public Comparison(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs everything and returns the results; engines are closed at the end. */
    public Results run() throws Exception {
        Machine machine = Machine.detect();
        String loadAtStart = Environment.loadAverage();
        Map<Integer, Double> fmaPeaks = new LinkedHashMap<>();
        List<Results.Peak> peaks = new ArrayList<>();
        List<Results.Check> checks = new ArrayList<>();
        List<Results.Row> rows = new ArrayList<>();
        try {
            for (String name : options.engines()) {
                Engine e = Engines.create(name);
                if (e == null) {
                    descriptions.put(name, Engines.unavailable(name));
                } else {
                    engines.put(name, e);
                }
            }
            for (int t : options.threads()) {
                progress.printf(Locale.ROOT, "FMA peak on %d thread(s)%n", t);
                double peak = MachinePeak.gflops(t, FMA_SECONDS);
                fmaPeaks.put(t, peak);
                if (options.gemmSize() > 0) {
                    peaks.addAll(peaks(t));
                }
                for (Model model : options.workloads()) {
                    Weights weights = Weights.generate(model, options.seed());
                    Batch batch = Batch.generate(model, Batch.SIZE, options.seed() + 1);
                    for (Mode mode : options.modes()) {
                        rows.add(workload(model, mode, t, weights, batch, peak, checks));
                    }
                }
            }
        } finally {
            for (Engine e : engines.values()) {
                e.close();
            }
        }
        return new Results(machine, Environment.describe(loadAtStart), descriptions, fmaPeaks, peaks, checks, rows);
    }

    private List<Results.Peak> peaks(int threads) throws Exception {
        int n = options.gemmSize();
        List<GemmPeak> paths = new ArrayList<>();
        if (engines.get("pytorch-djl") instanceof PyTorchDjlEngine djl) {
            paths.add(djl.gemmPeak());
        }
        if (engines.get("pytorch-py") instanceof PythonTorchEngine py) {
            paths.add(py.gemmPeak());
        }
        if (options.engines().contains("convlab")) {
            paths.add(new ConvlabGemmPeak());
        }
        List<Interleaved.Subject> subjects = new ArrayList<>();
        for (GemmPeak p : paths) {
            int size = p.size(n);
            p.prepare(size, threads);
            subjects.add(new Interleaved.Subject(p.name(), p::time, Flops.gemm(size) * 1e-9, false));
        }
        progress.printf(Locale.ROOT, "peak: %d x %d x %d float32 GEMM on %d thread(s): %s%n", n, n, n, threads,
                String.join(", ", subjects.stream().map(Interleaved.Subject::name).toList()));
        Interleaved.Outcome o = Interleaved.run(subjects, options.reps(), options.warmupSeconds(), options.minRepSeconds());
        List<Results.Peak> out = new ArrayList<>();
        for (GemmPeak p : paths) {
            out.add(new Results.Peak(threads, p.name(), p.size(n), o.median(p.name()), o.rates().get(p.name())));
            p.close();
        }
        return out;
    }

    private Results.Row workload(Model model, Mode mode, int threads, Weights weights, Batch batch, double peak,
                                 List<Results.Check> checks) throws Exception {
        List<Engine> live = new ArrayList<>();
        for (Engine e : engines.values()) {
            if (mode == Mode.INFER || e.canTrain()) {
                e.prepare(model, weights, batch, options.learningRate(), threads);
                descriptions.put(e.name(), e.describe());
                String warning = e.warning();
                if (warning != null && warned.add(e.name())) {
                    progress.println("peers: warning: " + e.name() + ": " + warning);
                }
                live.add(e);
            }
        }
        progress.printf(Locale.ROOT, "%s %s, %d thread(s): %s%n", model.name(), mode.label(), threads,
                String.join(", ", live.stream().map(Engine::name).toList()));
        checks.addAll(check(model, mode, threads, live));

        List<Interleaved.Subject> subjects = new ArrayList<>();
        for (Engine e : live) {
            Interleaved.Timed timed = mode == Mode.TRAIN ? e::timeTrain : e::timeInfer;
            subjects.add(new Interleaved.Subject(e.name(), timed, batch.size(), e.onJavaHeap()));
        }
        Interleaved.Outcome o = Interleaved.run(subjects, options.reps(), options.warmupSeconds(), options.minRepSeconds());

        long flops = Flops.perImage(model, mode);
        Map<String, Results.Measurement> measured = new LinkedHashMap<>();
        for (Engine e : live) {
            double ips = o.median(e.name());
            double gflops = ips * flops * 1e-9;
            Interleaved.Heap h = o.heap().get(e.name());
            measured.put(e.name(), new Results.Measurement(ips, o.rates().get(e.name()), o.callsPerRep().get(e.name()),
                    gflops, gflops / peak, h == null ? -1 : h.liveHeapBytes(), h == null ? -1 : h.peakHeapBytes(),
                    h == null ? -1 : h.allocatedBytesPerCall(), h == null ? -1 : h.mostAllocatedBytesPerCall()));
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(live.stream().map(Engine::name).toList());
        names.sort(java.util.Comparator.comparingInt(NUMERATORS::indexOf));
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                ratios.put(names.get(i) + "/" + names.get(j), o.ratio(names.get(i), names.get(j)));
            }
        }
        List<String> torches = names.stream().filter(Engines.PYTORCH::contains).toList();
        if (names.contains("convlab") && !torches.isEmpty()) {
            ratios.put("convlab/best-pytorch", o.ratioToBest("convlab", torches));
        }
        Results.Row row = new Results.Row(model.name(), mode.label(), threads, flops, peak, measured, ratios);
        for (Map.Entry<String, Results.Measurement> m : measured.entrySet()) {
            progress.printf(Locale.ROOT, "  %-12s %9.1f images/s  %6.1f GFLOP/s%n", m.getKey(),
                    m.getValue().imagesPerSecond(), m.getValue().gflops());
        }
        return row;
    }

    /** Compares every engine's logits (and loss and post-step logits when training) with the reference PyTorch's. */
    private List<Results.Check> check(Model model, Mode mode, int threads, List<Engine> live) throws Exception {
        Engine reference = live.stream().filter(e -> Engines.PYTORCH.contains(e.name())).findFirst()
                .orElse(live.get(0));
        float[] z0 = reference.logits();
        float loss0 = Float.NaN;
        float[] z1 = null;
        if (mode == Mode.TRAIN) {
            loss0 = reference.trainStep();
            z1 = reference.logits();
        }
        double scale = maxAbs(z0);
        List<Results.Check> out = new ArrayList<>();
        for (Engine e : live) {
            if (e == reference) {
                continue;
            }
            double dz = maxDiff(e.logits(), z0);
            double dl = Double.NaN;
            double dz1 = Double.NaN;
            if (mode == Mode.TRAIN) {
                dl = Math.abs(e.trainStep() - loss0);
                dz1 = maxDiff(e.logits(), z1);
            }
            double tol = TOLERANCE * Math.max(1, scale);
            boolean ok = dz <= tol && (mode == Mode.INFER || (dl <= tol && dz1 <= tol));
            Results.Check c = new Results.Check(model.name(), mode.label(), threads, e.name(), reference.name(),
                    dz, scale, dl, dz1, ok);
            progress.printf(Locale.ROOT, "  check %-12s vs %s: logits max|diff| %.2e (max|logit| %.2f)%s%s  %s%n",
                    e.name(), reference.name(), dz, scale,
                    Double.isNaN(dl) ? "" : String.format(Locale.ROOT, ", loss |diff| %.2e", dl),
                    Double.isNaN(dz1) ? "" : String.format(Locale.ROOT, ", after one SGD step %.2e", dz1),
                    ok ? "ok" : "MISMATCH (tolerance " + String.format(Locale.ROOT, "%.1e", tol) + ")");
            out.add(c);
        }
        return out;
    }

    static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            m = Math.max(m, d);
        }
        return m;
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
