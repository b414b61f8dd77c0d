package org.convlab.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders {@link Results} as the text tables a person reads, or as JSON. */
public final class Report {
    private static final Map<String, String> SHORT = Map.of(
            "convlab", "convlab", "pytorch-djl", "djl", "pytorch-py", "py", "onnxruntime", "ort",
            "best-pytorch", "best-torch");

    private Report() {
    }

    /** The results as indented JSON. */
    public static String json(Results results) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    }

    /** Reads results written by {@link #json}. */
    public static Results read(java.nio.file.Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), Results.class);
        } catch (IOException e) {
            throw new org.convlab.core.BadFileException(file, "not a peers results file (" + e.getMessage() + ")", e);
        }
    }

    /** The results as text: set-up, peak, checks, one table per mode, heap. */
    public static String text(Results r, List<String> engineColumns) {
        StringBuilder s = new StringBuilder();
        s.append("CPU:  ").append(r.machine().describe()).append('\n');
        s.append("JDK:  ").append(r.environment().get("jdk")).append('\n');
        s.append("JVM:  ").append(r.environment().get("jvm_flags")).append('\n');
        s.append("Vectors: ").append(r.environment().getOrDefault("vectors", "unknown")).append('\n');
        String held = HeldIsa.describe(r.environment());
        if (held != null) {
            s.append("ISA: ").append(held).append('\n');
        }
        s.append("Date: ").append(r.environment().get("date")).append('\n');
        s.append("Load: ").append(r.environment().getOrDefault("load_average_start", "unknown")).append(" at the start, ")
                .append(r.environment().getOrDefault("load_average_end", "unknown"))
                .append(" at the end (1/5/15-minute load averages; above ").append(r.machine().cpus())
                .append(", other processes were competing for the cores and the figures are noisy)\n");
        s.append("Engines (set-up as of the last workload run):\n");
        for (String e : engineColumns) {
            s.append(String.format(Locale.ROOT, "  %-12s %s%n", e, r.engines().getOrDefault(e, "n/a")));
        }
        s.append("FLOPs per image: forward = 2 x MACs of the conv/linear layers; training step = forward + weight\n"
                + "gradients (2 x MACs) + input gradients (2 x MACs, all layers but the first) = 3 x forward - 2 x MACs(layer 1).\n"
                + "The same count for every engine: an engine that needs fewer multiply-adds (convlab's 3x3 layers in Winograd's\n"
                + "form, 16 per 2x2 outputs and channel pair instead of 36) can read above 100% of the FMA peak.\n");
        fmaPeaks(s, r);
        peaks(s, r);
        checks(s, r);
        for (String mode : new String[] {"train", "infer"}) {
            rows(s, r, mode, engineColumns);
        }
        heap(s, r);
        return s.toString();
    }

    private static void fmaPeaks(StringBuilder s, Results r) {
        if (r.fmaPeaks() == null || r.fmaPeaks().isEmpty()) {
            return;
        }
        List<String> each = new ArrayList<>();
        r.fmaPeaks().forEach((t, g) -> each.add(String.format(Locale.ROOT, "%d thread(s) %s", t,
                Double.isNaN(g) ? "unmeasured (reference kernels)" : String.format(Locale.ROOT, "%.1f GFLOP/s", g))));
        s.append("FMA peak (registers only, every width the JVM offers, the best kept; every % of peak below is of it): ")
                .append(String.join(", ", each)).append('\n');
    }

    /** The FMA peak at this thread count, NaN when unknown. */
    private static double fmaPeak(Results r, int threads) {
        Double g = r.fmaPeaks() == null ? null : r.fmaPeaks().get(threads);
        return g == null ? Double.NaN : g;
    }

    private static void peaks(StringBuilder s, Results r) {
        if (r.peaks().isEmpty()) {
            return;
        }
        Set<String> paths = new LinkedHashSet<>();
        r.peaks().forEach(p -> paths.add(p.path()));
        s.append(String.format(Locale.ROOT, "%nGEMM: n x n x n float32, median GFLOP/s (each %% is of the FMA peak measured above"
                + " at the same thread count)%n"));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s", "threads"));
        paths.forEach(p -> head.append(String.format(Locale.ROOT, "%-40s", p + ", n=" + r.peaks().stream()
                .filter(x -> x.path().equals(p)).findFirst().orElseThrow().n())));
        s.append(head.toString().stripTrailing()).append('\n');
        Set<Integer> threads = new LinkedHashSet<>();
        r.peaks().forEach(p -> threads.add(p.threads()));
        for (int t : threads) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8d", t));
            for (String path : paths) {
                Results.Peak p = r.peaks().stream().filter(x -> x.threads() == t && x.path().equals(path)).findFirst().orElse(null);
                line.append(String.format(Locale.ROOT, "%-40s", p == null ? "n/a"
                        : String.format(Locale.ROOT, "%.1f (%s of FMA peak)", p.gflops(), percent(p.gflops() / fmaPeak(r, t)))));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void checks(StringBuilder s, Results r) {
        if (r.checks().isEmpty()) {
            return;
        }
        s.append(String.format(Locale.ROOT, "%nSame results before timing: max |difference| to the reference PyTorch, tolerance %.0e x max(1, max|logit|)%n",
                Comparison.TOLERANCE));
        s.append(String.format(Locale.ROOT, "%-14s %-6s %-4s %-12s %-12s %-10s %-10s %-10s %-10s %s%n",
                "workload", "mode", "thr", "engine", "reference", "max|logit|", "logits", "loss", "after-step", ""));
        for (Results.Check c : r.checks()) {
            s.append(String.format(Locale.ROOT, "%-14s %-6s %-4d %-12s %-12s %-10.3f %-10s %-10s %-10s %s%n",
                    c.workload(), c.mode(), c.threads(), c.engine(), c.reference(), c.scale(), sci(c.logitsDiff()),
                    sci(c.lossDiff()), sci(c.afterStepDiff()), c.ok() ? "ok" : "MISMATCH"));
        }
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String sci(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1e", v);
    }

    private static void rows(StringBuilder s, Results r, String mode, List<String> engineColumns) {
        List<Results.Row> rows = r.rows().stream().filter(x -> x.mode().equals(mode)).toList();
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (String e : engineColumns) {
            if (!mode.equals("train") || !e.equals("onnxruntime")) {
                columns.add(e);
            }
        }
        s.append(String.format(Locale.ROOT, "%n%s, batch 64: images/s | GFLOP/s | %% of the FMA peak at this thread count (medians)%n",
                mode.equals("train") ? "Training step (forward + cross-entropy + backward + SGD)" : "Inference (forward only)"));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-14s %-4s", "workload", "thr"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, "%-24s", c)));
        head.append("ratios (same rounds)");
        s.append(head).append('\n');
        for (Results.Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s %-4d", row.workload(), row.threads()));
            for (String c : columns) {
                Results.Measurement m = row.engines().get(c);
                line.append(String.format(Locale.ROOT, "%-24s", m == null ? "n/a" : String.format(Locale.ROOT,
                        "%.0f | %.1f | %s", m.imagesPerSecond(), m.gflops(),
                        percent(m.fractionOfPeak()))));
            }
            List<String> ratios = new ArrayList<>();
            row.ratios().forEach((k, v) -> ratios.add(shortPair(k) + " " + String.format(Locale.ROOT, "%.2f", v)));
            line.append(String.join("  ", ratios));
            s.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String shortPair(String pair) {
        String[] ab = pair.split("/");
        return SHORT.getOrDefault(ab[0], ab[0]) + "/" + SHORT.getOrDefault(ab[1], ab[1]);
    }

    private static void heap(StringBuilder s, Results r) {
        boolean any = r.rows().stream().anyMatch(row -> row.engines().values().stream().anyMatch(m -> m.peakHeapBytes() >= 0));
        if (!any) {
            return;
        }
        s.append(String.format(Locale.ROOT, "%nJava heap around the timed repetitions: live after a full GC before them, peak in use during"
                + " them (garbage included), bytes allocated per step by all threads (median repetition; the largest"
                + " in brackets, which includes allocation while the JIT still settles)%n"));
        s.append(String.format(Locale.ROOT, "%-14s %-6s %-4s %-12s %-14s %-14s %s%n", "workload", "mode", "thr", "engine",
                "live heap MB", "peak heap MB", "allocated/step"));
        for (Results.Row row : r.rows()) {
            row.engines().forEach((name, m) -> {
                if (m.peakHeapBytes() >= 0) {
                    s.append(String.format(Locale.ROOT, "%-14s %-6s %-4d %-12s %-14.1f %-14.1f %.0f B (%.0f B)%n", row.workload(),
                            row.mode(), row.threads(), name, m.liveHeapBytes() / 1048576.0, m.peakHeapBytes() / 1048576.0,
                            m.allocatedBytesPerStep(), m.mostAllocatedBytesPerStep()));
                }
            });
        }
    }
}
