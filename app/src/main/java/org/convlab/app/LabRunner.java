package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.convlab.core.BadParameterException;
import org.convlab.data.DataSet;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import org.convlab.lab.experiments.LabReport;
import org.convlab.lab.experiments.LabSettings;
import org.convlab.lab.experiments.LabPlan;
import org.convlab.lab.experiments.Reference;
import org.convlab.lab.experiments.RunCache;
import org.convlab.lab.experiments.RunStore;
import org.convlab.lab.progress.OverallProgress;
import org.convlab.lab.progress.Progress;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.reporting.Table;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs lab experiments for a command: loads the data, builds the context from the options,
 * runs each experiment, writes the report folder and prints the findings (or JSON).
 */
final class LabRunner {
    private LabRunner() {
    }

    /** Runs {@code experiments} in order; returns the exit code. */
    static int run(CommandSpec spec, DataOptions data, LabOptions lab,
                   List<Function<LabContext, ExperimentResult>> experiments) {
        NoEffectOptions.checkLab(spec);
        LabSettings settings = lab.settings(data);
        data.loadOptions();
        PathOptions.outputDirectory("--out", lab.out);
        if (lab.image < 0) {
            throw new BadParameterException("--image", "a test image index, 0 or more", lab.image);
        }
        // Read before any training: a bad --reference fails in a second, not after an hour.
        Reference reference = lab.reference != null ? Reference.read(lab.reference) : Reference.bundled();
        try (ThreadOption t = ThreadOption.apply(lab.threads)) {
            long start = System.nanoTime();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            DataSet d = data.load();
            if (lab.image >= d.test().size()) {
                // Checked before any experiment runs: reproduce would otherwise train first and fail later.
                throw new BadParameterException("--image", "a test image index in 0.." + (d.test().size() - 1),
                        lab.image);
            }
            OverallProgress overall = lab.quiet ? null : new OverallProgress();
            LabContext ctx = new LabContext(d, settings, lab.out, err,
                    new RunCache(Progress.create(err, Progress.terminal(), lab.quiet, overall), RunStore.in(lab.out),
                            err, overall), reference);
            ctx.runs().plan(LabPlan.runs(ctx, spec.name()));
            ctx.say("data: %s", org.convlab.lab.experiments.LabReport.dataSummary(d));
            ctx.say("protocol: %s", LabReport.protocol(ctx));
            ctx.say("kernels: %s on %d threads", LabReport.kernels(),
                    org.convlab.tensor.parallel.Parallel.threads());
            ctx.say("reference: %s", reference == null ? "none" : reference.title() + ", " + reference.source());
            List<ExperimentResult> results = new ArrayList<>();
            for (Function<LabContext, ExperimentResult> e : experiments) {
                ExperimentResult r = e.apply(ctx);
                results.add(r);
                ctx.say("%s done in %.1f s", r.name(), r.seconds());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Path page = LabReport.write(ctx, results, seconds);
            if (lab.json) {
                Object body;
                if (results.size() == 1) {
                    body = results.get(0);
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("run", LabReport.describe(ctx, results, seconds));
                    for (ExperimentResult r : results) {
                        m.put(r.name(), r);
                    }
                    body = m;
                }
                out.println(LabJson.write(body));
            } else {
                for (ExperimentResult r : results) {
                    print(out, r);
                }
                Table summary = LabReport.summary(results);
                TextTables.print(out, summary);
                out.printf("%nreport     %s (open it in a browser; results.json beside it)%n", page);
                out.printf("data       %s%n", d.synthetic() ? d.name() + ": generated images, not real data"
                        : d.name() + ": " + d.origin());
                out.printf("time       %.1f s%n", seconds);
            }
            out.flush();
            return 0;
        }
    }

    private static void print(PrintWriter out, ExperimentResult r) {
        out.printf("== %s  (./convlab %s, %.1f s)%n", r.title(), r.name(), r.seconds());
        out.printf("%s%n", wrap(r.answer(), 100, ""));
        for (String f : r.findings()) {
            out.printf("%s%n", wrap(f, 100, "  - "));
        }
        for (Table t : r.tables()) {
            out.println();
            TextTables.print(out, t);
        }
        out.println();
    }

    /** Wraps {@code text} at {@code width} columns, the first line prefixed by {@code lead}. */
    static String wrap(String text, int width, String lead) {
        StringBuilder s = new StringBuilder(lead);
        String pad = " ".repeat(lead.length());
        int col = lead.length();
        for (String word : text.split(" ")) {
            if (col + word.length() + 1 > width && col > lead.length()) {
                s.append('\n').append(pad);
                col = pad.length();
            } else if (col > lead.length()) {
                s.append(' ');
                col++;
            }
            s.append(word);
            col += word.length();
        }
        return s.toString();
    }
}
