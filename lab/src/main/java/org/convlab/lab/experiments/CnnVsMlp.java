package org.convlab.lab.experiments;

import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Table;

import java.util.ArrayList;
import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.Charts;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.TrainResult;

/**
 * Worksheet 2(a): the notebook's ThreeLayerConvNet against ThreeLayerMLPs, one of about the
 * CNN's size (hidden 100) and one about 150 times larger (hidden 4000), trained with the same
 * protocol over several seeds. Records validation curves, test accuracy, parameter counts and
 * wall time; draws the curves on one chart and test accuracy against parameters on another.
 */
public final class CnnVsMlp {
    /** The command name. */
    public static final String NAME = "cnn-vs-mlp";

    private CnnVsMlp() {
    }

    /**
     * The result.
     *
     * @param protocol    the training protocol in words
     * @param data        the data in words
     * @param trainImages training images
     * @param testImages  test images
     * @param seeds       the seeds
     * @param models      per model: statistics over the seeds (the CNN first)
     * @param runs        every run
     * @param reference   the models beside PyTorch's numbers for the same protocol
     */
    public record Result(String protocol, String data, int trainImages, int testImages, List<Long> seeds,
                         List<ModelStats> models, List<TrainResult> runs, String answer, List<String> findings,
                         List<Figure> figures, List<Table> tables, double seconds, ReferenceComparison reference)
            implements ExperimentResult {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String title() {
            return "(a) CNN vs MLP";
        }

        @Override
        public String question() {
            return "Report the result. Which model performs better? Explain why.";
        }

        /** The CNN's statistics. */
        public ModelStats cnn() {
            return models.get(0);
        }
    }

    /** The models compared: the CNN, then an MLP per hidden width. */
    static List<ModelSpec> models(LabSettings s) {
        List<ModelSpec> m = new ArrayList<>();
        m.add(s.spec(ModelKind.CNN, ModelSpec.DEFAULT_HIDDEN));
        for (int h : s.hiddens()) {
            m.add(s.spec(ModelKind.MLP, h));
        }
        return m;
    }

    /**
     * Trains every model with each of {@code seeds} that the settings give it (a wide MLP may
     * have fewer), or takes the runs from the cache.
     */
    static List<ModelStats> train(LabContext ctx, DataSet d, List<ModelSpec> specs, List<Long> seeds,
                                  List<TrainResult> all) {
        List<ModelStats> stats = new ArrayList<>();
        for (ModelSpec m : specs) {
            List<TrainResult> runs = new ArrayList<>();
            List<Long> own = ctx.settings().seedsFor(m);
            for (long seed : seeds.stream().filter(own::contains).toList()) {
                TrainResult r = ctx.runs().train(d, ctx.settings().config(m, seed)).result();
                runs.add(r);
                all.add(r);
            }
            stats.add(ModelStats.of(runs));
        }
        return stats;
    }

    /** Runs the experiment. */
    public static Result run(LabContext ctx) {
        long start = System.nanoTime();
        LabSettings s = ctx.settings();
        DataSet d = ctx.mainData();
        ctx.say("cnn-vs-mlp: %s on %d training images, seeds %s", s.base().protocol().replaceAll(", seed \\d+", ""),
                d.train().size(), s.seeds());
        List<TrainResult> runs = new ArrayList<>();
        List<ModelStats> models = train(ctx, d, models(s), s.seeds(), runs);
        ModelStats cnn = models.get(0);

        List<Charts.Series> curves = new ArrayList<>();
        for (ModelStats m : models) {
            curves.add(m.curveSeries(m.title() + " (" + Fmt.compact(m.params()) + ")"));
        }
        String seedsText = s.seeds().size() == 1 ? "seed " + s.seeds().get(0)
                : "mean over seeds " + s.seeds() + (s.seeds().size() > 1 ? ", bars = standard deviation" : "");
        Charts.save(Charts.lines("Validation accuracy during training", "epochs", "validation accuracy (%)",
                curves, false), ctx.out().resolve("cnn-vs-mlp-curves.png"));
        List<Charts.Series> points = new ArrayList<>();
        for (ModelStats m : models) {
            points.add(new Charts.Series(m.title(), new double[] {m.params()}, new double[] {100 * m.test().mean()},
                    m.test().n() > 1 ? new double[] {100 * m.test().sd()} : null));
        }
        Charts.save(Charts.scatter("Test accuracy against parameter count", "parameters (log scale)",
                "test accuracy (%)", points, true), ctx.out().resolve("cnn-vs-mlp-params.png"));

        List<String> findings = findings(models, d.train().size(), s);
        ReferenceComparison reference = ctx.compare(Reference.MAIN, d, ReferenceComparison.measured(models));
        findings.add(reference.finding());
        String best = models.stream().max((a, b) -> Double.compare(a.test().mean(), b.test().mean())).orElseThrow()
                .title();
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.chart("cnn-vs-mlp-curves.png", "Validation curves",
                        "Validation accuracy every " + s.base().evalEvery() + " iterations (" + seedsText + "). "
                                + findings.get(0)),
                Figure.chart("cnn-vs-mlp-params.png", "Accuracy per parameter",
                        "Test accuracy against parameter count (log scale). " + findings.get(1) + " " + findings.get(2))));
        Figure seedsChart = reference.chart(ctx.out(), "cnn-vs-mlp-reference.png", "Test accuracy, every seed");
        figures.add(seedsChart);
        List<List<String>> rows = new ArrayList<>();
        for (ModelStats m : models) {
            rows.add(List.of(m.title(), Fmt.count(m.params()), Fmt.times((double) m.params() / cnn.params()),
                    m.val().percent(), m.test().percent(), ReferenceComparison.perSeed(m.test()),
                    Fmt.seconds(m.seconds()), String.format("%.0f", m.imagesPerSecond())));
        }
        Table table = new Table("Test accuracy after " + Fmt.epochs(s.base().epochs()) + " (" + seedsText + ")",
                List.of("model", "parameters", "× CNN", "validation", "test", "test, each seed (%)", "time per run",
                        "training images/s"), rows);
        String answer = answer(models, best);
        return new Result(s.base().protocol().replaceAll(", seed \\d+", ""), LabReport.dataSummary(ctx.data()), d.train().size(),
                d.test().size(), s.seeds(), models, runs, answer, findings, figures,
                List.of(table, reference.table("Against " + reference.engine() + ", same protocol")),
                (System.nanoTime() - start) / 1e9, reference);
    }

    private static List<String> findings(List<ModelStats> models, int images, LabSettings s) {
        ModelStats cnn = models.get(0);
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < models.size(); i++) {
            a.append(i == 0 ? "" : i == models.size() - 1 ? " and " : ", ").append(models.get(i).title()).append(' ')
                    .append(models.get(i).test().percent());
        }
        String over = s.seeds().size() > 1 ? " (mean ± sd over " + s.seeds().size() + " seeds)" : "";
        List<String> f = new ArrayList<>();
        f.add("Test accuracy: " + a + over + " after " + Fmt.epochs(s.base().epochs()) + " of " + s.base().optimizer().word()
                + " on " + Fmt.count(images) + " training images.");
        StringBuilder p = new StringBuilder("The CNN has " + Fmt.count(cnn.params()) + " parameters");
        for (int i = 1; i < models.size(); i++) {
            ModelStats m = models.get(i);
            p.append(i == 1 ? ": " : "; ").append(shareOf(cnn.params(), m.params())).append(' ')
                    .append(m.title()).append("'s ").append(Fmt.count(m.params()));
        }
        f.add(p + ".");
        f.add(perParameter(models));
        for (int i = 1; i < models.size(); i++) {
            ModelStats m = models.get(i);
            f.add("CNN vs " + m.title() + ": " + Fmt.points(cnn.test().mean() - m.test().mean())
                    + " test accuracy with " + shareOf(cnn.params(), m.params()) + " " + m.title() + "'s parameters"
                    + (Stats.withinSpread(cnn.test(), m.test()) ? " (within the spread over seeds)." : "."));
        }
        return f;
    }

    /** {@code a} as a share of {@code b}, to precede a noun: {@code 1.5x the} or {@code 1/147 of the}. */
    static String shareOf(long a, long b) {
        return a >= b ? Fmt.times((double) a / b) + " the" : "1/" + Math.round((double) b / a) + " of the";
    }


    /**
     * Accuracy per parameter, as what each model gains over the smallest MLP for the parameters
     * it adds: e.g. "the MLP-4000 gains 8.6 points over the MLP-100 with 214x its parameters;
     * the CNN gains 11.8 with 1.5x".
     */
    static String perParameter(List<ModelStats> models) {
        ModelStats base = models.get(1);
        StringBuilder s = new StringBuilder("Accuracy per parameter, against the " + base.title() + ": ");
        int n = 0;
        for (int i = 0; i < models.size(); i++) {
            ModelStats m = models.get(i);
            if (m == base) {
                continue;
            }
            s.append(n++ == 0 ? "" : "; ").append("the ").append(m.title()).append(' ')
                    .append(Fmt.points(m.test().mean() - base.test().mean())).append(" with ")
                    .append(Fmt.times((double) m.params() / base.params())).append(" its parameters");
        }
        return s + ".";
    }

    static String answer(List<ModelStats> models, String best) {
        ModelStats cnn = models.get(0);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < models.size(); i++) {
            s.append(i == 0 ? "" : " vs ").append(models.get(i).title()).append(' ')
                    .append(Fmt.pct(models.get(i).test().mean()));
        }
        s.append(" test accuracy. ");
        ModelStats small = models.get(1);
        ModelStats biggest = models.stream().max((a, b) -> Long.compare(a.params(), b.params())).orElseThrow();
        double dSmall = cnn.test().mean() - small.test().mean();
        double dBig = cnn.test().mean() - biggest.test().mean();
        if (best.equals(cnn.title())) {
            s.append("The CNN performs best: ").append(Fmt.points(dSmall).replace("+", ""))
                    .append(" ahead of the ").append(small.title()).append(", which has ")
                    .append(Fmt.times((double) small.params() / cnn.params())).append(" the CNN's parameters,");
            if (biggest != cnn && biggest != small) {
                s.append(" and ").append(Fmt.points(dBig).replace("+", "")).append(" ahead of the ")
                        .append(biggest.title()).append(", which has ")
                        .append(Fmt.times((double) biggest.params() / cnn.params())).append(" the CNN's parameters");
            }
            s.append(". ");
            ModelStats second = models.stream().filter(m -> m != cnn)
                    .max((a, b) -> Double.compare(a.test().mean(), b.test().mean())).orElseThrow();
            if (Stats.withinSpread(cnn.test(), second.test())) {
                s.append("(The lead over the ").append(second.title()).append(" is within the spread over seeds.) ");
            }
        } else {
            s.append("The ").append(best).append(" scores highest. The CNN is ").append(Fmt.points(dSmall))
                    .append(" against the ").append(small.title());
            if (biggest != cnn && biggest != small) {
                s.append(" and ").append(Fmt.points(dBig)).append(" against the ").append(biggest.title())
                        .append(", which needs ").append(Fmt.times((double) biggest.params() / cnn.params()))
                        .append(" the CNN's parameters for it");
            }
            s.append(". ");
        }
        if (dSmall > 0) {
            // When a bigger MLP wins, the explanation is for the CNN's lead over the MLP of its size only.
            s.append(best.equals(cnn.title()) ? "Why: " : "Why the CNN beats the " + small.title() + ": ");
            s.append("the CNN's inductive biases suit images — sparse, local interactions (a first-layer"
                    + " unit sees a 5x5 patch), parameter sharing (one filter is used at every position, so what is"
                    + " learned at one place applies everywhere and each weight gets gradient from every position) and"
                    + " translational equivariance (feature maps move with the input). An MLP of the same size must"
                    + " learn every pattern at every position separately from the same data.");
        } else {
            s.append("On this data and budget the CNN does not beat the MLP of its size, so the measurement does not"
                    + " support the worksheet's answer here.");
        }
        return s.toString();
    }
}
