package org.convlab.lab.experiments;

import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Table;

import java.util.ArrayList;
import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.data.ImageSet;
import org.convlab.data.transform.Shift;
import org.convlab.lab.equivariance.EquivarianceError;
import org.convlab.lab.reporting.Charts;
import org.convlab.lab.train.Evaluation;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.TrainResult;
import org.convlab.nn.Sequential;
import org.convlab.tensor.Tensor;

/**
 * The worksheet's 1(e) made real: the same architecture as a CNN (sparse and shared), as a
 * locally connected network (the same windows, unshared: sparse only) and as the MLP (neither).
 * Parameter counts, test accuracy, the equivariance of the trained networks' second-layer
 * feature maps, and accuracy on the test set shifted by 1..4 pixels after training on unshifted
 * images. This separates what sparse, local connections buy from what parameter sharing buys.
 *
 * <p>The locally connected network has about 34 times the CNN's parameters on 1x28x28 and runs
 * much slower, so the study trains all three on a subset of its own (settings
 * {@code sharingTrain}, {@code sharingTest}).
 */
public final class Sharing {
    /** The command name. */
    public static final String NAME = "sharing";
    /** The largest test-set shift, in pixels. */
    public static final int MAX_SHIFT = 4;
    /** Test images used for the feature-map equivariance of trained networks. */
    static final int PROBE_IMAGES = 4;
    /** Accuracies below this multiple of chance count as near chance. */
    static final double NEAR_CHANCE = 1.5;

    private Sharing() {
    }

    /**
     * One network of the study.
     *
     * @param model            id
     * @param title            name
     * @param params           parameters
     * @param test             test accuracy (unshifted) over the seeds
     * @param shifted          mean test accuracy over the seeds for a shift of 0, 1, ..., MAX_SHIFT pixels
     *                         (each the mean of shifting right and shifting down)
     * @param featureError     largest interior equivariance error of the trained second-layer feature maps,
     *                         NaN for the MLP (no feature maps)
     * @param seconds          mean wall time of training one run
     * @param imagesPerSecond  training speed
     */
    public record Net(String model, String title, long params, Stats test, List<Double> shifted,
                      double featureError, double seconds, double imagesPerSecond) {
    }

    /**
     * The result.
     *
     * @param trainImages training images of the study
     * @param testImages  test images (and per shift)
     * @param seeds       seeds used
     * @param nets        CNN, locally connected, MLP
     * @param reference   the networks' unshifted test accuracy beside PyTorch's for the same protocol
     */
    public record Result(int trainImages, int testImages, List<Long> seeds, List<Net> nets, String answer,
                         List<String> findings, List<Figure> figures, List<Table> tables, double seconds,
                         ReferenceComparison reference) implements ExperimentResult {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String title() {
            return "(e) Sparse vs shared: CNN, locally connected, MLP";
        }

        @Override
        public String question() {
            return "Suppose we no longer share weights spatially (worksheet 1e): the same sliding windows with a"
                    + " different kernel at every location. What does sharing buy, beyond sparse local connections?";
        }
    }

    /** The networks of the study: the CNN, its locally connected twin and the first MLP. */
    static List<ModelSpec> models(LabSettings s) {
        return List.of(s.spec(ModelKind.CNN, ModelSpec.DEFAULT_HIDDEN), s.spec(ModelKind.LC, ModelSpec.DEFAULT_HIDDEN),
                s.spec(ModelKind.MLP, s.hiddens().get(0)));
    }

    /** Runs the study. */
    public static Result run(LabContext ctx) {
        long start = System.nanoTime();
        LabSettings s = ctx.settings();
        DataSet d = ctx.subset(s.sharingTrain(), s.sharingTest());
        List<Long> seeds = s.seeds().subList(0, Math.min(s.sharingSeeds(), s.seeds().size()));
        ctx.say("sharing: CNN vs locally connected vs MLP on %d training and %d test images, seeds %s",
                d.train().size(), d.test().size(), seeds);
        List<ModelSpec> specs = models(s);
        List<ImageSet[]> shiftedSets = new ArrayList<>();
        for (int k = 1; k <= MAX_SHIFT; k++) {
            shiftedSets.add(new ImageSet[] {Shift.apply(d.test(), 0, k), Shift.apply(d.test(), k, 0)});
        }
        List<Net> nets = new ArrayList<>();
        for (ModelSpec m : specs) {
            List<TrainResult> runs = new ArrayList<>();
            double[] shifted = new double[MAX_SHIFT + 1];
            double featureError = 0;
            for (long seed : seeds) {
                RunCache.Run run = ctx.runs().train(d, s.config(m, seed));
                runs.add(run.result());
                shifted[0] += run.result().testAccuracy() / seeds.size();
                for (int k = 1; k <= MAX_SHIFT; k++) {
                    double acc = 0;
                    for (ImageSet set : shiftedSets.get(k - 1)) {
                        acc += Evaluation.accuracy(run.model(), set, d.normalization(), s.base().batch())
                                / shiftedSets.get(k - 1).length;
                    }
                    shifted[k] += acc / seeds.size();
                }
                featureError = m.kind() == ModelKind.MLP ? Double.NaN
                        : Math.max(featureError, featureError(run.model(), d));
            }
            TrainResult first = runs.get(0);
            nets.add(new Net(first.model(), first.title(), first.params(),
                    Stats.of(runs.stream().map(TrainResult::testAccuracy).toList()),
                    java.util.Arrays.stream(shifted).boxed().toList(), featureError,
                    runs.stream().mapToDouble(TrainResult::seconds).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(TrainResult::imagesPerSecond).average().orElse(Double.NaN)));
        }
        Net cnn = nets.get(0);
        Net lc = nets.get(1);
        Net mlp = nets.get(2);

        double[] x = new double[MAX_SHIFT + 1];
        for (int k = 0; k <= MAX_SHIFT; k++) {
            x[k] = k;
        }
        List<Charts.Series> series = new ArrayList<>();
        for (Net n : nets) {
            series.add(Charts.Series.of(n.title() + " (" + Fmt.compact(n.params()) + ")", x,
                    n.shifted().stream().mapToDouble(v -> 100 * v).toArray()));
        }
        Charts.save(Charts.lines("Accuracy on shifted test images (trained on unshifted ones)",
                "shift (pixels; mean of right and down)", "test accuracy (%)", series, false),
                ctx.out().resolve("sharing-shifted.png"));

        List<Charts.Series> kept = new ArrayList<>();
        for (Net n : nets) {
            double base = n.shifted().get(0);
            kept.add(Charts.Series.of(n.title(), x, n.shifted().stream().mapToDouble(v -> 100 * v / base).toArray()));
        }
        Charts.save(Charts.lines("Share of the unshifted accuracy kept", "shift (pixels; mean of right and down)",
                "accuracy / unshifted accuracy (%)", kept, false), ctx.out().resolve("sharing-kept.png"));

        List<String> findings = new ArrayList<>();
        findings.add("Parameters: CNN " + Fmt.count(cnn.params()) + ", locally connected " + Fmt.count(lc.params())
                + " (" + Fmt.times((double) lc.params() / cnn.params()) + " the CNN: the same windows with a filter"
                + " bank per position), MLP " + Fmt.count(mlp.params()) + ".");
        findings.add("Test accuracy after training on " + Fmt.count(d.train().size()) + " images, testing on "
                + Fmt.count(d.test().size()) + " (" + seedNote(seeds) + "): CNN " + cnn.test().percent()
                + ", locally connected " + lc.test().percent() + ", MLP " + mlp.test().percent() + ".");
        findings.add("Shifted by " + MAX_SHIFT + " pixels, the test images are classified with CNN "
                + Fmt.pct(cnn.shifted().get(MAX_SHIFT)) + " (" + Fmt.points(cnn.shifted().get(MAX_SHIFT)
                - cnn.shifted().get(0)) + "), locally connected " + Fmt.pct(lc.shifted().get(MAX_SHIFT)) + " ("
                + Fmt.points(lc.shifted().get(MAX_SHIFT) - lc.shifted().get(0)) + "), MLP "
                + Fmt.pct(mlp.shifted().get(MAX_SHIFT)) + " (" + Fmt.points(mlp.shifted().get(MAX_SHIFT)
                - mlp.shifted().get(0)) + ")." + chanceNote(nets, d.classes()));
        findings.add("Interior equivariance error of the trained second-layer feature maps: CNN "
                + Fmt.sci(cnn.featureError()) + (cnn.featureError() < 1e-5 ? " (equivariant: sharing survives training)"
                : "") + ", locally connected " + Fmt.err(lc.featureError()) + "; the MLP has no feature maps.");
        ReferenceComparison reference = ctx.compare(Reference.SHARING, d, nets.stream()
                .map(n -> new ReferenceComparison.Measured(n.model(), n.title(), n.test(), n.seconds())).toList());
        findings.add(reference.finding());
        String shifted = shiftedAgainst(ctx.reference(), reference, nets);
        if (shifted != null) {
            findings.add(shifted);
        }
        List<Figure> figures = List.of(Figure.chart("sharing-shifted.png", "Robustness to shifts", findings.get(2)
                        + " Each point averages a shift to the right and a shift down; uncovered pixels are black."),
                Figure.chart("sharing-kept.png", "Relative robustness",
                        "The same, as a share of each network's unshifted accuracy: at " + MAX_SHIFT + " pixels the CNN"
                                + " keeps " + Fmt.pct(cnn.shifted().get(MAX_SHIFT) / cnn.shifted().get(0))
                                + ", the locally connected net " + Fmt.pct(lc.shifted().get(MAX_SHIFT)
                                / lc.shifted().get(0)) + ", the MLP " + Fmt.pct(mlp.shifted().get(MAX_SHIFT)
                                / mlp.shifted().get(0)) + ". All three end in a dense layer over every position,"
                                + " which is not shift-invariant." + chanceNote(nets, d.classes())));
        List<String> header = new ArrayList<>(List.of("network", "parameters", "test"));
        for (int k = 1; k <= MAX_SHIFT; k++) {
            header.add("shift " + k);
        }
        header.add("feature equivariance error");
        header.add("time per run");
        List<List<String>> rows = new ArrayList<>();
        for (Net n : nets) {
            List<String> r = new ArrayList<>(List.of(n.title(), Fmt.count(n.params()), n.test().percent()));
            for (int k = 1; k <= MAX_SHIFT; k++) {
                r.add(Fmt.pct(n.shifted().get(k)));
            }
            r.add(Double.isNaN(n.featureError()) ? "no feature maps" : Fmt.err(n.featureError()));
            r.add(Fmt.seconds(n.seconds()));
            rows.add(r);
        }
        int k = MAX_SHIFT;
        double cnnDrop = cnn.shifted().get(0) - cnn.shifted().get(k);
        double lcDrop = lc.shifted().get(0) - lc.shifted().get(k);
        double mlpDrop = mlp.shifted().get(0) - mlp.shifted().get(k);
        StringBuilder a = new StringBuilder("Local windows without sharing (the locally connected net) reach "
                + lc.test().percent() + " with " + Fmt.times((double) lc.params() / cnn.params())
                + " the CNN's parameters; sharing the windows' weights (the CNN) reaches " + cnn.test().percent()
                + ", and the MLP " + mlp.test().percent() + ". ");
        a.append("Shifted by ").append(k).append(" pixels, the test images lose ").append(drop(cnnDrop))
                .append(" with the CNN, ").append(drop(lcDrop)).append(" with the locally connected net and ")
                .append(drop(mlpDrop)).append(" with the MLP. ");
        // A net near chance has nothing to lose under shifts: its small drop is not robustness.
        boolean mlpCounts = !nearChance(mlp.test().mean(), d.classes());
        if (cnnDrop < lcDrop && (cnnDrop < mlpDrop || !mlpCounts)) {
            a.append("Sparsity alone does not give robustness to shifts: only sharing makes the features equivariant"
                    + " (trained CNN feature error " + Fmt.sci(cnn.featureError()) + " vs " + Fmt.err(lc.featureError())
                    + " for the locally connected net), so a pattern learned at one place is recognised at every"
                    + " other.");
        } else {
            a.append("Here the CNN is not the most robust to shifts; its features are equivariant (error "
                    + Fmt.sci(cnn.featureError()) + ") but the classifier on top of them is not.");
        }
        a.append(chanceNote(nets, d.classes()));
        if (seeds.size() == 1) {
            a.append(" One run per network (seed ").append(seeds.get(0)).append("): differences of a few points may"
                    + " be noise.");
        }
        String answer = a.toString();
        return new Result(d.train().size(), d.test().size(), seeds, nets, answer, findings, figures,
                List.of(new Table("CNN vs locally connected vs MLP on the same data", header, rows),
                        reference.table("Against " + reference.engine() + ", same protocol (unshifted test images)")),
                (System.nanoTime() - start) / 1e9, reference);
    }

    /** The shifted accuracies beside the reference's ({@code null} when it does not cover this data). */
    static String shiftedAgainst(Reference ref, ReferenceComparison c, List<Net> nets) {
        if (ref == null || !c.covered()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Net n : nets) {
            List<Reference.RunRecord> runs = ref.runs(Reference.SHARING, n.model()).stream()
                    .filter(r -> r.shifted().size() > MAX_SHIFT).toList();
            if (!runs.isEmpty()) {
                double p = runs.stream().mapToDouble(r -> r.shifted().get(MAX_SHIFT)).average().orElse(Double.NaN);
                parts.add(n.title() + " " + Fmt.pct(n.shifted().get(MAX_SHIFT)) + " against " + Fmt.pct(p));
            }
        }
        return parts.isEmpty() ? null : "Shifted by " + MAX_SHIFT + " pixels, convlab against " + c.engine()
                + " (means over the seeds): " + String.join(", ", parts) + ".";
    }

    /** How the study's runs were repeated: {@code one run, seed 7} or {@code mean ± sd over seeds [7, 8]}. */
    static String seedNote(List<Long> seeds) {
        return seeds.size() == 1 ? "one run, seed " + seeds.get(0) + ", so no spread"
                : "mean ± sd over seeds " + seeds;
    }

    /**
     * Whether an accuracy is too close to guessing ({@code 1 / classes}) for its loss under shifts
     * to mean anything: below 1.5 times chance.
     */
    static boolean nearChance(double accuracy, int classes) {
        return accuracy < NEAR_CHANCE / classes;
    }

    /** A sentence naming the networks whose unshifted accuracy is near chance, or "". */
    static String chanceNote(List<Net> nets, int classes) {
        List<String> near = nets.stream().filter(n -> nearChance(n.test().mean(), classes))
                .map(n -> n.title() + " " + Fmt.pct(n.test().mean())).toList();
        if (near.isEmpty()) {
            return "";
        }
        return " Near chance (guessing gives " + Fmt.pct(1.0 / classes) + "): " + String.join(", ", near)
                + "; with nothing learned there is nothing to lose, so a small loss under shifts is not robustness.";
    }

    /** A loss of accuracy in points, or a gain. */
    static String drop(double d) {
        return d >= 0 ? String.format(java.util.Locale.ROOT, "%.1f points", 100 * d)
                : String.format(java.util.Locale.ROOT, "nothing (%.1f points gained)", -100 * d);
    }

    /**
     * The largest interior equivariance error of the second layer's feature maps (child 3, after
     * the second ReLU; margin 3) over a few test images and the untrained-features shifts.
     */
    static double featureError(Sequential net, DataSet d) {
        int n = Math.min(PROBE_IMAGES, d.test().size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Tensor x = d.test().tensor(d.normalization(), idx);
        float fill = d.normalization().apply(0, 0);
        net.forward(x);
        Tensor base = net.output(3).copy();
        double worst = 0;
        for (int[] sh : UntrainedFeatures.SHIFTS) {
            net.forward(Shift.apply(x, sh[0], sh[1], fill, Tensor.zeros(x.shape())));
            Tensor f = net.output(3);
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, EquivarianceError.measure(Equivariance.item(base, i), Equivariance.item(f, i),
                        sh[0], sh[1], 3).interior());
            }
        }
        return worst;
    }
}
