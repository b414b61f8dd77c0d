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
 * Worksheet 2(d), as we read the notebook's experiment: the ThreeLayerConvNet with both
 * convolutions frozen at their random initialisation, only the final linear classifier
 * trained, against the fully trained MLPs and the fully trained CNN, same protocol and seeds.
 * A frozen MLP (random hidden layers, only the last layer trained) is the control: random
 * features without the convolutional structure.
 */
public final class FrozenCnn {
    /** The command name. */
    public static final String NAME = "frozen-cnn";

    private FrozenCnn() {
    }

    /**
     * The result.
     *
     * @param models    frozen CNN, trained CNN, the MLPs, the frozen MLP
     * @param reference the models beside PyTorch's numbers for the same protocol
     */
    public record Result(List<ModelStats> models, String answer, List<String> findings, List<Figure> figures,
                         List<Table> tables, double seconds, ReferenceComparison reference)
            implements ExperimentResult {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String title() {
            return "(d) The frozen random CNN";
        }

        @Override
        public String question() {
            return "Explain the results. Why do you think the performance is better than the MLP?";
        }
    }

    /** The models compared: the frozen CNN, the CNN, the MLPs, the frozen MLP and the linear classifier. */
    static List<ModelSpec> models(LabSettings s) {
        List<ModelSpec> specs = new ArrayList<>();
        specs.add(s.spec(ModelKind.FROZEN_CNN, ModelSpec.DEFAULT_HIDDEN));
        specs.add(s.spec(ModelKind.CNN, ModelSpec.DEFAULT_HIDDEN));
        for (int h : s.hiddens()) {
            specs.add(s.spec(ModelKind.MLP, h));
        }
        specs.add(s.spec(ModelKind.FROZEN_MLP, s.hiddens().get(0)));
        specs.add(s.spec(ModelKind.LINEAR, ModelSpec.DEFAULT_HIDDEN));
        return specs;
    }

    /** Runs the experiment. */
    public static Result run(LabContext ctx) {
        long start = System.nanoTime();
        LabSettings s = ctx.settings();
        DataSet d = ctx.mainData();
        ctx.say("frozen-cnn: random frozen convolutions + trained classifier vs trained CNN and MLPs, seeds %s",
                s.seeds());
        List<ModelStats> models = CnnVsMlp.train(ctx, d, models(s), s.seeds(), new ArrayList<TrainResult>());
        ModelStats frozen = models.get(0);
        ModelStats cnn = models.get(1);
        ModelStats mlp = models.get(2);
        ModelStats frozenMlp = models.get(models.size() - 2);
        ModelStats linear = models.get(models.size() - 1);

        List<String> names = models.stream().map(ModelStats::title).toList();
        double[] y = models.stream().mapToDouble(m -> 100 * m.test().mean()).toArray();
        double[] e = models.stream().mapToDouble(m -> 100 * m.test().sd()).toArray();
        Charts.save(Charts.bars("Frozen random convolutions vs trained networks", "test accuracy (%)", names,
                List.of(new Charts.Series("test accuracy", null, y, s.seeds().size() > 1 ? e : null))),
                ctx.out().resolve("frozen-cnn-accuracy.png"));
        Charts.save(Charts.lines("Validation accuracy during training", "epochs", "validation accuracy (%)",
                List.of(frozen.curveSeries("frozen CNN"), cnn.curveSeries("CNN"), mlp.curveSeries(mlp.title()),
                        frozenMlp.curveSeries(frozenMlp.title())), false),
                ctx.out().resolve("frozen-cnn-curves.png"));

        List<String> findings = new ArrayList<>();
        findings.add("With its convolutions frozen at random, the CNN trains " + Fmt.count(frozen.trainableParams())
                + " of its " + Fmt.count(frozen.params()) + " parameters (the classifier) and reaches "
                + frozen.test().percent() + " test accuracy, against " + cnn.test().percent() + " fully trained.");
        StringBuilder vs = new StringBuilder("Against the fully trained MLPs: ");
        for (int i = 2; i < models.size() - 2; i++) {
            ModelStats m = models.get(i);
            vs.append(i == 2 ? "" : "; ").append(m.title()).append(' ').append(m.test().percent()).append(" (frozen CNN ")
                    .append(Fmt.points(frozen.test().mean() - m.test().mean())).append(')');
        }
        findings.add(vs + ".");
        findings.add("Controls: the MLP with frozen random hidden layers (" + Fmt.count(frozenMlp.trainableParams())
                + " trained parameters on " + s.hiddens().get(0) + " random features) reaches "
                + frozenMlp.test().percent() + "; a linear classifier on the raw pixels (" + Fmt.count(linear.params())
                + " parameters) reaches " + linear.test().percent() + ".");
        ReferenceComparison reference = ctx.compare(Reference.MAIN, d, ReferenceComparison.measured(models));
        findings.add(reference.finding());
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.chart("frozen-cnn-accuracy.png", "Test accuracy", findings.get(0) + " " + findings.get(1)),
                Figure.chart("frozen-cnn-curves.png", "Learning curves",
                        "Validation accuracy while training. The frozen CNN trains only its classifier, the frozen MLP only"
                                + " its last layer; the others train every layer.")));
        Figure seedsChart = reference.chart(ctx.out(), "frozen-cnn-reference.png", "Test accuracy, every seed");
        figures.add(seedsChart);
        List<List<String>> rows = new ArrayList<>();
        for (ModelStats m : models) {
            rows.add(List.of(m.title(), Fmt.count(m.trainableParams()), Fmt.count(m.params()), m.test().percent(),
                    ReferenceComparison.perSeed(m.test()), Fmt.seconds(m.seconds())));
        }
        boolean beats = frozen.test().mean() > mlp.test().mean();
        boolean linearBetter = linear.test().mean() >= frozen.test().mean();
        String answer = "The frozen random CNN reaches " + frozen.test().percent() + " against "
                + mlp.test().percent() + " for the fully trained " + mlp.title()
                + (beats ? ": better, although its convolutions never learned anything. The CNN's function family"
                + " puts even its random initial weights close to a good solution: local, shared, equivariant"
                + " random filters turn the image into " + Fmt.count((frozen.trainableParams() - d.classes())
                / d.classes()) + " features (responses to edges and blobs at every position)"
                + " that a linear classifier can separate, whereas the MLP must learn every such detector from"
                + " scratch at every position; " + s.hiddens().get(0) + " random MLP features give only "
                + frozenMlp.test().percent() + "."
                : ", " + Fmt.points(frozen.test().mean() - mlp.test().mean()).replace("+", "") + " from it although"
                + " its convolutions never learned anything: random convolutional features carry much of what the"
                + " trained MLP learns.")
                + (linearBetter ? " A caution the notebook does not make: a linear classifier on the raw pixels"
                + " reaches " + linear.test().percent() + " with the same protocol, more than the frozen CNN. Within"
                + " " + Fmt.epochs(s.base().epochs()) + " of plain SGD at lr " + s.base().lr() + " from PyTorch's"
                + " default initialisation the deeper networks are far from converged, so part of the frozen CNN's"
                + " lead over the MLP is that a single trained linear layer learns fast." : "");
        return new Result(models, answer, findings, figures, List.of(new Table("Same protocol, same seeds",
                List.of("model", "trained params", "all params", "test accuracy", "test, each seed (%)", "time per run"),
                rows), reference.table("Against " + reference.engine() + ", same protocol")),
                (System.nanoTime() - start) / 1e9, reference);
    }
}
