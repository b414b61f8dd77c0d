package org.convlab.lab.experiments;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.HtmlPage;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.reporting.Table;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.parallel.Parallel;

/**
 * Writes a lab run's report into the output folder: {@code index.html} (one section per
 * experiment: the question, the measured answer, findings, figures, tables), and
 * {@code results.json} with every number. Used by {@code reproduce} for all five experiments
 * and by each experiment's own command for one.
 */
public final class LabReport {
    /** The page's file name. */
    public static final String INDEX = "index.html";
    /** The numbers' file name. */
    public static final String RESULTS = "results.json";

    private LabReport() {
    }

    /** What the report says about the run itself. */
    public record Run(String data, String origin, boolean synthetic, String protocol, LabSettings settings,
                      String kernels, int threads, String jdk, double seconds, Map<String, Double> timings,
                      String date, String version, String commit, String cpu, String dataFingerprint,
                      String reference) {
    }

    /** The description of this run for the report. */
    public static Run describe(LabContext ctx, List<? extends ExperimentResult> results, double seconds) {
        DataSet d = ctx.data();
        Map<String, Double> timings = new LinkedHashMap<>();
        for (ExperimentResult r : results) {
            timings.put(r.name(), Math.round(r.seconds() * 10) / 10.0);
        }
        return new Run(dataSummary(d), d.origin(), d.synthetic(), protocol(ctx), ctx.settings(), kernels(),
                Parallel.threads(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                Math.round(seconds * 10) / 10.0, timings,
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                org.convlab.core.BuildInfo.version(), org.convlab.core.BuildInfo.commit(), Machine.cpu(),
                org.convlab.data.DataFingerprint.of(ctx.mainData()),
                ctx.reference() == null ? null : ctx.reference().source());
    }

    /** Which kernels ran: e.g. {@code SimdGemm, SimdConv} or {@code ReferenceGemm, GemmConv}. */
    public static String kernels() {
        return Kernels.gemm().getClass().getSimpleName() + ", " + Kernels.conv().getClass().getSimpleName();
    }

    /**
     * The data in one line: {@code "Fashion-MNIST (auto: installed at ...): 59000 train / 1000
     * validation / 10000 test images of 1x28x28"}, without repeating the name when the origin
     * already starts with it.
     */
    public static String dataSummary(DataSet d) {
        String s = d.summary();
        return d.origin().startsWith(d.name()) ? d.origin() + s.substring(s.indexOf("):") + 1) : s;
    }

    /** The protocol in words. */
    public static String protocol(LabContext ctx) {
        LabSettings s = ctx.settings();
        DataSet m = ctx.mainData();
        String wide = s.seedsCut() ? " (MLPs of " + Fmt.count(LabSettings.WIDE) + "+ hidden units: seeds "
                + s.seeds().subList(0, s.wideSeeds()) + ", to fit the time)" : "";
        return (s.quick() ? "quick: " : "full: ") + s.base().protocol().replaceAll(", seed \\d+", "") + ", seeds "
                + s.seeds() + wide + "; " + Fmt.count(m.train().size()) + " training / " + Fmt.count(m.validation().size())
                + " validation / " + Fmt.count(m.test().size()) + " test images; CNN channels " + s.channel1() + ", "
                + s.channel2() + "; MLP hidden " + s.hiddens() + "; sharing study on "
                + Fmt.count(ctx.subset(s.sharingTrain(), s.sharingTest()).train().size()) + " training and "
                + Fmt.count(ctx.subset(s.sharingTrain(), s.sharingTest()).test().size()) + " test images, seeds "
                + s.seeds().subList(0, Math.min(s.sharingSeeds(), s.seeds().size()));
    }

    /** Writes index.html and results.json; returns the page's path. */
    public static Path write(LabContext ctx, List<? extends ExperimentResult> results, double seconds) {
        Run run = describe(ctx, results, seconds);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        Map<String, Object> ex = new LinkedHashMap<>();
        for (ExperimentResult r : results) {
            ex.put(r.name(), r);
        }
        json.put("experiments", ex);
        json.put("summary", summary(results));
        org.convlab.lab.reporting.TextFile.write(ctx.out().resolve(RESULTS), LabJson.write(json));

        List<HtmlPage.Section> sections = new ArrayList<>();
        for (ExperimentResult r : results) {
            sections.add(new HtmlPage.Section(r.name(), r.title(), r.question(), r.answer(), r.findings(),
                    r.figures(), r.tables(), "Command: ./convlab " + r.name() + "  ·  "
                    + Fmt.seconds(r.seconds())));
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"data", ctx.data().name() + (ctx.data().synthetic() ? " (generated, not real images)"
                : " (real images)")});
        facts.add(new String[] {"protocol", protocol(ctx)});
        facts.add(new String[] {"machine", run.cpu() + ", " + run.threads() + " threads, " + run.kernels() + "; "
                + org.convlab.core.BuildInfo.describe()});
        if (ctx.settings().seedsCut()) {
            facts.add(new String[] {"cut", "MLPs of " + Fmt.count(LabSettings.WIDE) + " or more hidden units run on seeds "
                    + ctx.settings().seeds().subList(0, ctx.settings().wideSeeds()) + " only, not all of "
                    + ctx.settings().seeds() + ": the MLP-4000 dominates the time (--wide-seeds 0 for all)"});
        }
        Reference ref = ctx.reference();
        facts.add(new String[] {"reference", ref == null ? "none: no reference file (tools/reference/reference.py"
                + " writes one; --reference FILE)" : ref.title() + ", same protocol: " + ref.source() + "; ran on "
                + ref.cpu() + " with " + ref.threads() + " thread" + (ref.threads() == 1 ? "" : "s") + "; "
                + ReferenceComparison.TEST});
        facts.add(new String[] {"time", Fmt.seconds(seconds) + " in all; "
                + String.join(", ", run.timings().entrySet().stream()
                .map(e -> e.getKey() + " " + Fmt.seconds(e.getValue())).toList())});
        String subtitle = "The notebook's four experiments (worksheet question 2) and the weight-sharing study,"
                + " measured by convlab on " + ctx.data().name() + ".";
        String html = HtmlPage.render("Principles of CNNs, measured", subtitle, facts, sections,
                "Generated by ./convlab " + (results.size() > 1 ? "reproduce" : results.get(0).name()) + " on "
                        + run.date() + ". Every number on this page is computed from the runs; results.json has"
                        + " them all. Data: " + run.origin() + ".");
        Path page = ctx.out().resolve(INDEX);
        HtmlPage.write(page, html);
        return page;
    }

    /** The closing table: one line per experiment with its headline numbers. */
    public static Table summary(List<? extends ExperimentResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentResult r : results) {
            rows.add(List.of(r.name(), headline(r), Fmt.seconds(r.seconds())));
        }
        return new Table("Summary", List.of("experiment", "finding", "time"), rows);
    }

    /** One line of numbers per experiment. */
    static String headline(ExperimentResult r) {
        if (r instanceof CnnVsMlp.Result c) {
            StringBuilder s = new StringBuilder();
            for (ModelStats m : c.models()) {
                s.append(s.length() == 0 ? "" : ", ").append(m.title()).append(' ').append(Fmt.pct(m.test().mean()));
            }
            return "test " + s;
        }
        if (r instanceof Equivariance.Result e) {
            return String.format(Locale.ROOT, "interior error CNN %s, MLP %s (median)", Fmt.sci(e.cnnInteriorMax()),
                    Fmt.err(e.mlpInteriorMedian()));
        }
        if (r instanceof UntrainedFeatures.Result u) {
            return "linear on pixels " + Fmt.pct(u.models().get(0).test().mean()) + ", on random conv1 "
                    + Fmt.pct(u.models().get(1).test().mean()) + ", conv1+2 " + Fmt.pct(u.models().get(2).test().mean())
                    + "; layer errors " + Fmt.sci(u.layers().get(0)
                    .interiorMax()) + ", " + Fmt.sci(u.layers().get(1).interiorMax());
        }
        if (r instanceof FrozenCnn.Result f) {
            return "frozen CNN " + Fmt.pct(f.models().get(0).test().mean()) + " vs " + f.models().get(2).title() + " "
                    + Fmt.pct(f.models().get(2).test().mean()) + ", CNN " + Fmt.pct(f.models().get(1).test().mean());
        }
        if (r instanceof Sharing.Result s) {
            StringBuilder b = new StringBuilder();
            for (Sharing.Net n : s.nets()) {
                b.append(b.length() == 0 ? "" : ", ").append(n.title()).append(' ').append(Fmt.pct(n.test().mean()))
                        .append(" → ").append(Fmt.pct(n.shifted().get(Sharing.MAX_SHIFT)));
            }
            return b + " (shift " + Sharing.MAX_SHIFT + " px)";
        }
        return r.findings().isEmpty() ? "" : r.findings().get(0);
    }
}
