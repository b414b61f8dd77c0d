package org.convlab.lab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.data.ImageSet;
import org.convlab.data.image.ImageFiles;
import org.convlab.data.transform.Shift;
import org.convlab.lab.equivariance.EquivarianceError;
import org.convlab.lab.reporting.Charts;
import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Pictures;
import org.convlab.lab.reporting.Pictures.ColorMap;
import org.convlab.lab.reporting.Pictures.Panel;
import org.convlab.lab.reporting.Table;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.TrainResult;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;

/**
 * Worksheet 2(c): the feature maps of the untrained ThreeLayerConvNet. Shows the first- and
 * second-layer maps (after their ReLUs) for a few test images, measures their equivariance per
 * layer ({@link EquivarianceError} for several shifts, interior margins 2 and 3: the receptive
 * radii of a 5x5 and then a 3x3 convolution), and how useful they are: a linear classifier
 * trained on the frozen random features of conv1 and of conv1+conv2 (the frozen CNN) against
 * one on the raw pixels, same protocol.
 */
public final class UntrainedFeatures {
    /** The command name. */
    public static final String NAME = "untrained-features";
    /** Feature maps shown per layer. */
    public static final int MAPS = 8;
    /** The shifts (dy, dx) of the equivariance check, in pixels. */
    static final int[][] SHIFTS = {{1, 0}, {0, 1}, {2, 3}, {-3, 2}, {4, -4}};

    private UntrainedFeatures() {
    }

    /**
     * Equivariance of one layer's feature maps.
     *
     * @param layer       e.g. {@code conv1 + ReLU}
     * @param channels    feature maps
     * @param margin      the interior margin (receptive-field radius)
     * @param interiorMax largest interior error over images and shifts
     * @param wholeMax    largest whole-image error
     */
    public record Layer(String layer, int channels, int margin, double interiorMax, double wholeMax) {
    }

    /**
     * The result.
     *
     * @param images   test image indices shown
     * @param layers   equivariance per layer
     * @param models   the linear probes (pixels, conv1 features, conv1+conv2 features) and the trained CNN
     * @param reference the probes beside PyTorch's numbers for the same protocol
     */
    public record Result(List<Integer> images, List<Layer> layers, List<ModelStats> models, String answer,
                         List<String> findings, List<Figure> figures, List<Table> tables, double seconds,
                         ReferenceComparison reference)
            implements ExperimentResult {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String title() {
            return "(c) Untrained features";
        }

        @Override
        public String question() {
            return "Even though the CNN is not trained, the feature maps are still translationally equivariant and"
                    + " extract quite good features. Why is it so?";
        }
    }

    /** The first test image of a few spread-out classes. */
    static List<Integer> pickImages(ImageSet test) {
        List<Integer> out = new ArrayList<>();
        int k = test.classes();
        for (int c : new int[] {0, k * 4 / 10, k * 7 / 10}) {
            int i = test.indexOfClass(c, 0);
            if (i >= 0 && !out.contains(i)) {
                out.add(i);
            }
        }
        for (int i = 0; out.size() < 3 && i < test.size(); i++) {
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The classifiers compared: linear on pixels, on random conv1, on random conv1+conv2 (the frozen CNN), the CNN. */
    static List<ModelSpec> models(LabSettings s) {
        return List.of(s.spec(ModelKind.LINEAR, ModelSpec.DEFAULT_HIDDEN),
                s.spec(ModelKind.FROZEN_CONV1, ModelSpec.DEFAULT_HIDDEN),
                s.spec(ModelKind.FROZEN_CNN, ModelSpec.DEFAULT_HIDDEN), s.spec(ModelKind.CNN, ModelSpec.DEFAULT_HIDDEN));
    }

    /** Runs the experiment. */
    public static Result run(LabContext ctx) {
        long start = System.nanoTime();
        LabSettings s = ctx.settings();
        DataSet d = ctx.mainData();
        long seed = s.firstSeed();
        ModelSpec cnnSpec = s.spec(ModelKind.CNN, ModelSpec.DEFAULT_HIDDEN);
        Sequential cnn = cnnSpec.build(d.channels(), d.height(), d.width(), d.classes(), new Rng(seed));
        List<Integer> images = pickImages(d.test());
        ctx.say("untrained-features: feature maps of the untrained CNN (seed %d) for test images %s; linear probes",
                seed, images);
        Tensor x = d.test().tensor(d.normalization(), images.stream().mapToInt(Integer::intValue).toArray());
        cnn.forward(x);
        Tensor f1 = cnn.output(1).copy(); // after relu1
        Tensor f2 = cnn.output(3).copy(); // after relu2
        List<Figure> figures = new ArrayList<>();
        figures.add(drawMaps(ctx, d, x, f1, images, "conv1", "untrained-features-conv1.png"));
        figures.add(drawMaps(ctx, d, x, f2, images, "conv2", "untrained-features-conv2.png"));

        List<Layer> layers = equivariance(cnn, x, d);

        List<ModelStats> models = CnnVsMlp.train(ctx, d, models(s), s.seeds(), new ArrayList<TrainResult>());
        ModelStats pixels = models.get(0);
        ModelStats conv1 = models.get(1);
        ModelStats conv12 = models.get(2);
        ModelStats trained = models.get(3);
        String[] names = {"linear on pixels", "linear on random conv1", "linear on random conv1+conv2",
            "trained CNN"};
        String[] shortNames = {"pixels", "random conv1", "random conv1+2", "trained CNN"};
        List<Charts.Series> bars = new ArrayList<>();
        double[] y = new double[models.size()];
        double[] e = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            y[i] = 100 * models.get(i).test().mean();
            e[i] = 100 * models.get(i).test().sd();
        }
        bars.add(new Charts.Series("test accuracy", null, y, s.seeds().size() > 1 ? e : null));
        Charts.save(Charts.bars("Linear classifiers on random features", "test accuracy (%)", List.of(shortNames), bars),
                ctx.out().resolve("untrained-features-probes.png"));

        List<String> findings = new ArrayList<>();
        Layer l1 = layers.get(0);
        Layer l2 = layers.get(1);
        findings.add("The untrained CNN's feature maps are equivariant: over " + SHIFTS.length + " shifts of "
                + images.size() + " images the interior error is " + Fmt.atMost(l1.interiorMax()) + " after conv1"
                + " and " + Fmt.atMost(l2.interiorMax()) + " after conv2 (whole image, borders included: "
                + Fmt.err(l1.wholeMax()) + " and " + Fmt.err(l2.wholeMax()) + ").");
        findings.add("A linear classifier on the frozen random conv1 features reaches " + conv1.test().percent()
                + " test accuracy and on conv1+conv2 features " + conv12.test().percent() + ", against "
                + pixels.test().percent() + " on the raw pixels (" + Fmt.points(conv12.test().mean()
                - pixels.test().mean()) + " for conv1+conv2); the fully trained CNN reaches "
                + trained.test().percent() + ".");
        figures.add(Figure.chart("untrained-features-probes.png", "How useful random features are",
                "Test accuracy of a linear classifier (softmax regression, same protocol) on the raw pixels and on"
                        + " the frozen random feature maps, with the fully trained CNN for reference. "
                        + findings.get(1)));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelStats m = models.get(i);
            rows.add(List.of(names[i], Fmt.count(m.trainableParams()), Fmt.count(m.params()), m.test().percent(),
                    ReferenceComparison.perSeed(m.test())));
        }
        List<List<String>> lrows = new ArrayList<>();
        for (Layer l : layers) {
            lrows.add(List.of(l.layer(), Integer.toString(l.channels()), Integer.toString(l.margin()),
                    Fmt.sci(l.interiorMax()), Fmt.err(l.wholeMax())));
        }
        double worst = Math.max(l1.interiorMax(), l2.interiorMax());
        ModelStats bestProbe = conv1.test().mean() >= conv12.test().mean() ? conv1 : conv12;
        String bestName = bestProbe == conv1 ? "the random conv1 features" : "the random conv1+conv2 features";
        double gain = bestProbe.test().mean() - pixels.test().mean();
        String answer = (worst < 1e-5 ? "Equivariance comes from the architecture, not from the weights: every"
                + " convolution applies one filter at all positions whatever its values, so random filters are as"
                + " equivariant as trained ones (interior error " + Fmt.sci(worst) + " here). "
                : "The untrained feature maps' interior error is " + Fmt.sci(worst) + ". ")
                + "Random local filters still respond to local structure (edges, outlines, regions of the object,"
                + " visible in the maps) and the ReLUs make those responses sparse and non-linear"
                + (gain > 0 ? ", so a linear classifier on " + bestName + " reaches " + bestProbe.test().percent()
                + " against " + pixels.test().percent() + " on the raw pixels (" + Fmt.points(gain) + "; it has "
                + Fmt.times((double) bestProbe.trainableParams() / pixels.trainableParams()) + " the weights of the"
                + " one on pixels, so part of the gain may be its size)" + otherProbe(bestProbe == conv1, conv12,
                pixels) + ". The features are useful because the architecture makes them local and"
                + " position-independent, not because they were learned."
                : "; here a linear classifier on them reaches " + bestProbe.test().percent()
                + ", no better than on the pixels (" + pixels.test().percent() + ") within this training budget.");
        ReferenceComparison reference = ctx.compare(Reference.MAIN, d, ReferenceComparison.measured(models));
        List<String> allFindings = new ArrayList<>(findings);
        allFindings.add(reference.finding());
        List<Figure> allFigures = new ArrayList<>(figures);
        Figure seedsChart = reference.chart(ctx.out(), "untrained-features-reference.png",
                "Test accuracy, every seed");
        allFigures.add(seedsChart);
        return new Result(images, layers, models, answer, allFindings, allFigures,
                List.of(new Table("Equivariance of the untrained feature maps", List.of("layer", "maps",
                                "margin", "interior error (max)", "whole image (max)"), lrows),
                        new Table("Linear classifiers on frozen features", List.of("classifier", "trained params",
                                "all params", "test accuracy", "test, each seed (%)"), rows),
                        reference.table("Against " + reference.engine() + ", same protocol")),
                (System.nanoTime() - start) / 1e9, reference);
    }

    private static List<Layer> equivariance(Sequential cnn, Tensor x, DataSet d) {
        float fill = d.normalization().apply(0, 0);
        double[] in1 = new double[2];
        double[] wh1 = new double[2];
        int[] margins = {2, 3};
        int[] outputs = {1, 3};
        int n = x.dim(0);
        cnn.forward(x);
        Tensor[] base = {cnn.output(outputs[0]).copy(), cnn.output(outputs[1]).copy()};
        for (int[] sh : SHIFTS) {
            Tensor moved = Shift.apply(x, sh[0], sh[1], fill, Tensor.zeros(x.shape()));
            cnn.forward(moved);
            for (int l = 0; l < 2; l++) {
                Tensor f = cnn.output(outputs[l]);
                for (int i = 0; i < n; i++) {
                    EquivarianceError.Result r = EquivarianceError.measure(Equivariance.item(base[l], i),
                            Equivariance.item(f, i), sh[0], sh[1], margins[l]);
                    in1[l] = Math.max(in1[l], r.interior());
                    wh1[l] = Math.max(wh1[l], r.whole());
                }
            }
        }
        return List.of(new Layer("conv1 (5x5) + ReLU", base[0].dim(1), margins[0], in1[0], wh1[0]),
                new Layer("conv2 (3x3) + ReLU", base[1].dim(1), margins[1], in1[1], wh1[1]));
    }

    private static Figure drawMaps(LabContext ctx, DataSet d, Tensor x, Tensor f, List<Integer> images,
                                   String layer, String file) {
        int c = x.dim(1);
        int maps = Math.min(MAPS, f.dim(1));
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Tensor grey = Equivariance.grey(d.test(), images.get(i));
            String name = d.test().classNames().get(d.test().label(images.get(i)));
            panels.add(new Panel(name, Pictures.plane(grey, 0, 0, 1, ColorMap.GREY, 4)));
            for (int m = 0; m < maps; m++) {
                int plane = i * f.dim(1) + m;
                double[] r = Pictures.range(f, plane);
                panels.add(new Panel(i == 0 ? "map " + m : "", Pictures.plane(f, plane, 0, r[1], ColorMap.HEAT, 4)));
            }
        }
        java.awt.image.BufferedImage img = Pictures.grid(null, panels, maps + 1, 6);
        ImageFiles.png(img, ctx.out().resolve(file));
        return Figure.image(file, "Untrained " + layer + " feature maps",
                "The first " + maps + " of " + f.dim(1) + " " + layer + " feature maps (after the ReLU) of the untrained"
                        + " CNN for " + images.size() + " test images" + (c > 1 ? " (inputs shown in grey)" : "")
                        + ". Random filters already pick out edges, outlines and regions of the object.", img.getWidth());
    }

    /**
     * The sentence about the conv1+conv2 probe when conv1 was the better one: its accuracy, and
     * whether it falls below the pixels (random depth does not always help).
     */
    static String otherProbe(boolean conv1Best, ModelStats conv12, ModelStats pixels) {
        if (!conv1Best) {
            return "";
        }
        double d = conv12.test().mean() - pixels.test().mean();
        return ". On conv1+conv2 features it reaches " + conv12.test().percent() + (d < 0 ? ", " + Fmt.points(d)
                .substring(1) + " below the pixels: a second random layer does not help here" : "");
    }
}
