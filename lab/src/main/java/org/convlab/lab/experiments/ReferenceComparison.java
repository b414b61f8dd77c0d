package org.convlab.lab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convlab.data.DataFingerprint;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.Charts;
import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Table;
import org.convlab.lab.train.TrainConfig;
import org.convlab.tensor.parallel.Parallel;

/**
 * convlab's test accuracies beside PyTorch's for the same protocol (a {@link Reference}), model
 * by model, with a verdict on whether convlab lies within PyTorch's seed-to-seed spread.
 *
 * <p>The test: {@code |mean_convlab - mean_PyTorch| <= 2 * s_pooled}, where
 * {@code s_pooled = sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2))} is the pooled
 * seed-to-seed standard deviation of one run. Pooled rather than Welch's separate variances:
 * with 2 or 3 seeds a side each standard deviation is too unstable to use alone, and both engines
 * draw their seeds from the same distribution of runs if they are equivalent. For 3 + 3 seeds the
 * bound is about a two-sample t-test at the 7% level (2 / sqrt(2/3) = 2.45 against t(4) = 2.78
 * at 5%); it asks whether the difference is within the spread of single runs, not whether the
 * means are equal to within their standard errors.
 *
 * <p>Times are compared (as a ratio) only when the reference ran on this CPU model with this
 * many cores and threads; otherwise the reference's time is shown with its machine named.
 *
 * @param reference  where the reference came from, or why there is none
 * @param engine     the reference's name, e.g. {@code PyTorch 1.13}
 * @param covered    whether the reference covers this data and protocol
 * @param note       why not, when not covered (e.g. {@code no reference for this data set})
 * @param test       the verdict's test in words
 * @param machine    the reference's machine in words
 * @param sameMachine whether times are comparable
 * @param rows       one per model
 */
public record ReferenceComparison(String reference, String engine, boolean covered, String note, String test,
                                  String machine, boolean sameMachine, List<Row> rows) {
    /** The test, in words for the report. */
    public static final String TEST = "within the spread when |mean difference| <= 2 x the pooled seed-to-seed sd"
            + " (about a two-sample t-test at 7% for 3 + 3 seeds)";
    /** The column head of PyTorch's numbers. */
    public static final String SAME_PROTOCOL = "same protocol";
    /** What the column says when the reference does not cover the data. */
    public static final String NO_REFERENCE = "no reference for this data set";

    /**
     * One model.
     *
     * @param model       id
     * @param title       name
     * @param convlab     convlab's test accuracy over its seeds
     * @param pytorch     PyTorch's over its seeds (null when the reference has no run of it)
     * @param difference  convlab's mean minus PyTorch's (NaN without both)
     * @param pooledSd    the pooled seed-to-seed sd (NaN when it cannot be estimated)
     * @param within      whether convlab lies within PyTorch's spread (null when it cannot be judged)
     * @param verdict     in words
     * @param convlabSeconds mean wall time of a convlab run
     * @param pytorchSeconds mean wall time of a PyTorch run (NaN without)
     * @param timing      the times in words (a ratio only on the same machine)
     */
    public record Row(String model, String title, Stats convlab, Stats pytorch, double difference, double pooledSd,
                      Boolean within, String verdict, double convlabSeconds, double pytorchSeconds, String timing) {
    }

    /**
     * What convlab measured of one model.
     *
     * @param id      the model id ({@code cnn}, {@code mlp-4000}), as in the reference
     * @param title   its name
     * @param test    test accuracy over the seeds
     * @param seconds mean wall time of a run
     */
    public record Measured(String id, String title, Stats test, double seconds) {
        /** The measurements of {@code m}. */
        public static Measured of(ModelStats m) {
            return new Measured(m.id(), m.title(), m.test(), m.seconds());
        }
    }

    /** Measurements of each of {@code models}. */
    public static List<Measured> measured(List<ModelStats> models) {
        return models.stream().map(Measured::of).toList();
    }

    /** No reference at all (none given, none committed). */
    public static ReferenceComparison none(String why, List<Measured> models) {
        List<Row> rows = new ArrayList<>();
        for (Measured m : models) {
            rows.add(new Row(m.id(), m.title(), m.test(), null, Double.NaN, Double.NaN, null, "-", m.seconds(),
                    Double.NaN, "-"));
        }
        return new ReferenceComparison(why, "PyTorch", false, why, TEST, "-", false, rows);
    }

    /**
     * Compares {@code models} (trained on {@code data} with {@code base}) with the runs of
     * {@code experiment} in {@code ref} (null: none).
     */
    public static ReferenceComparison of(Reference ref, String experiment, DataSet data, TrainConfig base,
                                         int channel1, int channel2, List<Measured> models) {
        if (ref == null) {
            return none("no reference file (tools/reference/reference.py writes one; --reference FILE)", models);
        }
        String note = coverage(ref, experiment, data, base, channel1, channel2);
        boolean same = ref.cpu().equals(Machine.cpu()) && ref.cores() == Machine.cores()
                && ref.threads() == Parallel.threads();
        String machine = ref.cpu() + ", " + ref.threads() + " thread" + (ref.threads() == 1 ? "" : "s");
        List<Row> rows = new ArrayList<>();
        for (Measured m : models) {
            if (note != null) {
                rows.add(new Row(m.id(), m.title(), m.test(), null, Double.NaN, Double.NaN, null, "-", m.seconds(),
                        Double.NaN, "-"));
                continue;
            }
            List<Reference.RunRecord> runs = ref.runs(experiment, m.id());
            if (runs.isEmpty()) {
                rows.add(new Row(m.id(), m.title(), m.test(), null, Double.NaN, Double.NaN, null,
                        "not in the reference", m.seconds(), Double.NaN, "-"));
                continue;
            }
            Stats p = Stats.of(runs.stream().map(Reference.RunRecord::testAccuracy).toList());
            double seconds = runs.stream().mapToDouble(Reference.RunRecord::seconds).average().orElse(Double.NaN);
            rows.add(row(m, p, seconds, same, machine, ref.threads()));
        }
        return new ReferenceComparison(ref.source(), ref.title(), note == null, note, TEST, machine, same, rows);
    }

    /** Null when the reference covers this experiment's data and protocol, else why not. */
    static String coverage(Reference ref, String experiment, DataSet data, TrainConfig base, int channel1, int channel2) {
        Reference.Data d = ref.experiments().get(experiment);
        if (!ref.dataName().equals(data.name()) || d == null) {
            return NO_REFERENCE + " (the reference covers " + ref.dataName() + ")";
        }
        if (!d.fingerprint().equals(DataFingerprint.of(data))) {
            return "no reference for these images: the reference trained on " + Fmt.count(d.trainImages())
                    + " training and tested on " + Fmt.count(d.testImages()) + " test images of " + ref.dataName()
                    + ", this run on " + Fmt.count(data.train().size()) + " and " + Fmt.count(data.test().size())
                    + " (or other normalisation)";
        }
        if (ref.epochs() != base.epochs() || ref.lr() != base.lr() || ref.batch() != base.batch()
                || !ref.optimizer().equals(base.optimizer().word()) || channel1 != 32 || channel2 != 16) {
            return "no reference for this protocol: the reference used " + ref.optimizer() + " lr " + ref.lr()
                    + ", batch " + ref.batch() + ", " + ref.epochs() + " epochs, CNN channels 32, 16";
        }
        return null;
    }

    static Row row(Measured m, Stats p, double pytorchSeconds, boolean sameMachine, String machine, int threads) {
        Stats c = m.test();
        double diff = c.mean() - p.mean();
        int df = c.n() + p.n() - 2;
        double pooled = df > 0 ? Math.sqrt(((c.n() - 1) * c.sd() * c.sd() + (p.n() - 1) * p.sd() * p.sd()) / df)
                : Double.NaN;
        Boolean within = Double.isNaN(pooled) ? null : Math.abs(diff) <= 2 * pooled;
        String verdict;
        if (within == null) {
            verdict = "one seed each: no spread to judge by (" + Fmt.points(diff) + ")";
        } else if (within) {
            verdict = String.format(Locale.ROOT, "within (%s; 2 x pooled sd = %.1f)", Fmt.points(diff), 200 * pooled);
        } else {
            verdict = String.format(Locale.ROOT, "outside: convlab %s (2 x pooled sd = %.1f)", Fmt.points(diff),
                    200 * pooled);
        }
        String timing;
        if (Double.isNaN(pytorchSeconds)) {
            timing = "-";
        } else if (sameMachine) {
            timing = Fmt.seconds(m.seconds()) + " vs " + Fmt.seconds(pytorchSeconds) + " ("
                    + Fmt.times(m.seconds() / pytorchSeconds) + " PyTorch's time)";
        } else {
            timing = "PyTorch " + Fmt.seconds(pytorchSeconds) + " on " + machine + " (another machine: no ratio)";
        }
        return new Row(m.id(), m.title(), c, p, diff, pooled, within, verdict, m.seconds(), pytorchSeconds, timing);
    }

    /** One sentence for the findings: how many models lie within PyTorch's spread, or why there is no comparison. */
    public String finding() {
        if (!covered) {
            return engine + " with the same protocol: " + note + ".";
        }
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.within() != null) {
                (r.within() ? in : out).add(r.title() + " " + Fmt.points(r.difference()));
            }
        }
        String s = engine + " with the same protocol (" + reference + "): convlab lies within its seed-to-seed spread"
                + " for " + in.size() + " of " + (in.size() + out.size()) + " models";
        if (!out.isEmpty()) {
            s += "; outside: " + String.join(", ", out);
        }
        return s + " (" + TEST + ").";
    }

    /** The values of {@code s} as percentages, seed by seed: {@code 79.75, 77.43, 78.10}. */
    public static String perSeed(Stats s) {
        if (s == null || s.n() == 0) {
            return "-";
        }
        List<String> v = new ArrayList<>();
        for (double x : s.values()) {
            v.add(String.format(Locale.ROOT, "%.2f", 100 * x));
        }
        return String.join(", ", v);
    }

    /** The comparison as a table: model, convlab, PyTorch, every seed of each, verdict, times. */
    public Table table(String caption) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : this.rows) {
            rows.add(List.of(r.title(), r.convlab().percent(), perSeed(r.convlab()),
                    r.pytorch() == null ? (covered ? "not in the reference" : note) : r.pytorch().percent(),
                    perSeed(r.pytorch()), r.verdict(), r.timing()));
        }
        return new Table(caption, List.of("model", "convlab", "convlab, each seed (%)", engine + ", " + SAME_PROTOCOL,
                engine + ", each seed (%)", "verdict", "time per run"), rows);
    }

    /**
     * The models' test accuracy, every seed of convlab and (when the reference covers the data)
     * of PyTorch as dots side by side, saved to {@code file}.
     */
    public Figure chart(Path out, String file, String title) {
        List<String> names = rows.stream().map(Row::title).toList();
        List<Charts.Series> series = new ArrayList<>();
        series.add(dots("convlab, each seed", rows.stream().map(Row::convlab).toList(), covered ? -0.12 : 0));
        if (covered) {
            series.add(dots(engine + ", each seed", rows.stream().map(Row::pytorch).toList(), 0.12));
        }
        Charts.save(Charts.strips(title, "test accuracy (%)", names, series), out.resolve(file));
        if (!covered) {
            return Figure.chart(file, "Every seed", "Test accuracy of every seed per model. " + engine
                    + " with the same protocol: " + note + ".");
        }
        long within = rows.stream().filter(r -> Boolean.TRUE.equals(r.within())).count();
        long judged = rows.stream().filter(r -> r.within() != null).count();
        return Figure.chart(file, "convlab and " + engine + ", seed by seed",
                "Test accuracy of every seed, convlab (left dots) and " + engine + " with the same protocol (right dots),"
                        + " per model. convlab lies within " + engine + "'s seed-to-seed spread for " + within + " of "
                        + judged + " models (" + TEST + ").");
    }

    private static Charts.Series dots(String name, List<Stats> stats, double offset) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            Stats s = stats.get(i);
            if (s == null) {
                continue;
            }
            for (double v : s.values()) {
                x.add(i + offset);
                y.add(100 * v);
            }
        }
        return Charts.Series.of(name, x.stream().mapToDouble(Double::doubleValue).toArray(),
                y.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
