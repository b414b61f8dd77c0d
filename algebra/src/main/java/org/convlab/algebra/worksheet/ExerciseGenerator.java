package org.convlab.algebra.worksheet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.Padding;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.core.BadParameterException;

/**
 * New exercises of the worksheet's kinds (a)-(h), with other numbers, every answer computed:
 * (a) output size, first and last element of a valid 1-D convolution; (b) the same with 'same'
 * padding; (c), (d) their matrices K; (e) the unshared K and its weight count; (f) the output
 * size formula on a square input; (g) the shapes of an image tensor and a filter; (h) the output
 * shape, the weights and the dense-layer weights of a strided convolution; and a part (i) of a
 * kind the worksheet does not ask, drawn per exercise ({@link ExerciseKinds}: 1-D with channels,
 * channels and groups, dilation, receptive field, locally connected counts, inputs a stride never reads).
 *
 * <p>Deterministic: the same seed gives the same exercises on every JDK ({@link Random}'s
 * sequence is specified).
 */
public final class ExerciseGenerator {
    /** The most exercises one run writes. */
    public static final int MAX_EXERCISES = 1000;

    private static final int[] IMAGE_SIZES = {28, 32, 48, 64, 96, 128, 224, 256};
    private static final int[] CHANNELS = {1, 3, 4};
    private static final int[] FILTERS = {8, 16, 32, 64, 128};
    private static final int[] IMAGE_KERNELS = {3, 5, 7};

    private ExerciseGenerator() {
    }

    /** {@code exercises} exercises for {@code seed}. */
    public static List<Exercise> generate(int exercises, long seed) {
        if (exercises < 1 || exercises > MAX_EXERCISES) {
            throw new BadParameterException("exercises", "a number of exercises from 1 to " + MAX_EXERCISES, exercises);
        }
        Random rnd = new Random(seed);
        List<Exercise> out = new ArrayList<>();
        for (int i = 1; i <= exercises; i++) {
            out.add(one(i, rnd));
        }
        return out;
    }

    private static int pick(Random rnd, int[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static Exercise one(int number, Random rnd) {
        int n = 6 + rnd.nextInt(7);
        int k = 2 + rnd.nextInt(Math.min(4, n - 4));
        int w = 8 + rnd.nextInt(293);
        int fk = 1 + rnd.nextInt(Math.min(11, w));
        int fs = 1 + rnd.nextInt(4);
        int fp = rnd.nextInt(4);
        int c = pick(rnd, CHANNELS);
        int size = pick(rnd, IMAGE_SIZES);
        int filters = pick(rnd, FILTERS);
        int kernel = pick(rnd, IMAGE_KERNELS);
        int stride = 1 + rnd.nextInt(4);
        // part (i) draws after (a)-(h), so the first exercise of a seed keeps the numbers it had before (i) existed

        ConvGeometry valid = ConvGeometry.builder().size(n).kernel(k).build();
        ConvGeometry same = ConvGeometry.builder().size(n).kernel(k).padding(new Padding.Same()).build();
        ConvGeometry image = ConvGeometry.builder().inChannels(c).outChannels(filters).size(size, size).kernel(kernel)
                .stride(stride).build();
        String xs = "x = [x1 ... x" + n + "]";
        String ks = "k = [" + kernelNames(k) + "]";
        String setting = "A 1-D input " + xs + " and a kernel " + ks + " (parts a-e); an image of " + c + " channel"
                + (c > 1 ? "s" : "") + " of " + size + " x " + size + " pixels and " + filters + " filters of size "
                + kernel + " (parts g-h).";
        List<Section> sections = List.of(
                a(valid, xs, ks),
                b(same, k),
                matrixSection("c", "Find the matrix K with y = Kx for (a). What is its dimension?",
                        ConvMatrix.shared(valid), "K"),
                matrixSection("d", "Find K for (b), with 'same' padding.", ConvMatrix.shared(same), "K"),
                e(valid),
                f(w, fk, fs, fp),
                g(image, c, size, filters, kernel),
                h(image, stride),
                ExerciseKinds.draw(rnd));
        return new Exercise(number, setting, sections);
    }

    private static String kernelNames(int k) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= k; i++) {
            s.append(i > 1 ? " " : "").append('k').append(i);
        }
        return s.toString();
    }

    private static Section a(ConvGeometry g, String xs, String ks) {
        Elements e = new Elements(g, false);
        return new Section("a", "Convolve " + xs + " with " + ks + ", no padding and stride 1. What is the output "
                + "dimension? What are the first and the last element of the output?", List.of(
                Answers.outputSize(g, "output size", false),
                Answers.element(e, 0, "first element"),
                Answers.element(e, e.taps().rows() - 1, "last element")));
    }

    private static Section b(ConvGeometry g, int k) {
        Elements e = new Elements(g, false);
        Block.Figure size = Answers.outputSize(g, "output size", false);
        String pads = "'same' pads " + Answers.resolvedPadding(g) + (k % 2 == 0
                ? " (an even kernel: PyTorch puts the odd one after)" : "");
        return new Section("b", "The same with 'same' padding (PyTorch's convention) and stride 1: output dimension, "
                + "first and last element?", List.of(
                Block.Figure.computed(size.label(), size.value(), null, pads + "; " + size.arithmetic()),
                Answers.element(e, 0, "first element"),
                Answers.element(e, e.taps().rows() - 1, "last element")));
    }

    private static Section matrixSection(String id, String question, ConvMatrix k, String name) {
        return new Section(id, question, List.of(
                Answers.matrix(k, name + " (" + k.rows() + " x " + k.cols() + ")"),
                Block.Figure.computed("dimension", k.rows() + " x " + k.cols(), null,
                        "rows = outputs, columns = inputs")));
    }

    private static Section e(ConvGeometry g) {
        ConvMatrix k = ConvMatrix.unshared(g);
        return new Section("e", "Without weight sharing - a different kernel at every position of (a) - what does K "
                + "become, and how many weights does it have?", List.of(
                Answers.matrix(k, "K unshared (" + k.rows() + " x " + k.cols() + ")"),
                Block.Figure.computed(WeightWords.ALL, Long.toString(k.weightCount()), null,
                        k.rows() + " outputs * " + k.taps().taps() + " taps = " + k.weightCount()
                                + ", against " + ConvMatrix.shared(g).weightCount() + " shared; no padding, so all "
                                + "of them touch real inputs")));
    }

    private static Section f(int w, int k, int s, int p) {
        Axis plain = Axis.of(w, k, 1, 1, 0);
        boolean fits = k <= w + 2 * p;
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.Figure.computed("stride 1, no padding", Integer.toString(plain.output()), null,
                "W - K + 1 = " + w + " - " + k + " + 1 = " + plain.output()));
        if (fits) {
            Axis general = Axis.of(w, k, s, 1, p);
            blocks.add(Block.Figure.computed("stride " + s + ", padding " + p, Integer.toString(general.output()), null,
                    "floor((W + 2p - K) / s) + 1 = floor((" + w + " + " + 2 * p + " - " + k + ") / " + s + ") + 1 = "
                            + general.output()));
            List<int[]> unread = general.unreadRanges();
            if (!unread.isEmpty()) {
                blocks.add(new Block.Prose("The stride never reads input " + ranges(unread) + " (1-based)."));
            }
        }
        return new Section("f", "A square input of " + w + " x " + w + " and a " + k + " x " + k + " kernel: what is "
                + "the output width with stride 1 and no padding? With stride " + s + " and padding " + p + "?", blocks);
    }

    private static String ranges(List<int[]> ranges) {
        List<String> parts = new ArrayList<>();
        for (int[] r : ranges) {
            parts.add(r[0] == r[1] ? Integer.toString(r[0] + 1) : (r[0] + 1) + ".." + (r[1] + 1));
        }
        return String.join(", ", parts);
    }

    private static Section g(ConvGeometry image, int c, int size, int filters, int kernel) {
        int[] weight = image.weightShape();
        return new Section("g", "In PyTorch's [channels, height, width] layout, what is the shape of the input tensor? "
                + "Of each kernel filter?", List.of(
                Block.Figure.computed("input tensor", Answers.shape(c, size, size), null, "[channels, height, width]"),
                Block.Figure.computed("each filter", Answers.shape(Arrays.copyOfRange(weight, 1, weight.length)), null,
                        "[input channels, kernel height, kernel width]; all " + filters + " filters: "
                                + Answers.shape(weight))));
    }

    private static Section h(ConvGeometry g, int stride) {
        ConvCost cost = ConvCost.of(g, true);
        BigInteger dense = cost.denseWeights();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Answers.outputSize(g, "output tensor", true));
        blocks.add(Block.Figure.computed("weights", NumberText.grouped(cost.weights()), null,
                g.outChannels() + " * (" + Answers.shape(Arrays.copyOfRange(g.weightShape(), 1, 4)).replace(" x ", " * ")
                        + ") = " + NumberText.grouped(cost.weights()) + "; + " + cost.biases() + " biases = "
                        + NumberText.grouped(cost.parameters()) + " parameters"));
        blocks.add(Block.Figure.computed("flattened sizes", NumberText.grouped(cost.inputElements()) + " in, "
                + NumberText.grouped(cost.outputElements()) + " out", null,
                Answers.shape(g.inChannels(), g.axis(0).size(), g.axis(1).size()).replace(" x ", " * ") + " and "
                        + Answers.shape(g.outputShape()).replace(" x ", " * ")));
        blocks.add(Block.Figure.computed("dense layer weights", NumberText.grouped(dense) + " ~ "
                + NumberText.scientific(dense, 5), null, NumberText.grouped(cost.inputElements()) + " * "
                + NumberText.grouped(cost.outputElements())));
        blocks.add(Block.Figure.computed(WeightWords.WEIGHT_RATIO, Answers.ratio(dense, cost.weights()) + " x", null,
                "dense weights / convolution weights = " + NumberText.grouped(dense) + " / "
                        + NumberText.grouped(cost.weights())));
        List<int[]> unread = g.axis(1).unreadRanges();
        if (!unread.isEmpty()) {
            blocks.add(new Block.Prose("Stride " + stride + " never reads row and column " + ranges(unread)
                    + " (1-based)."));
        }
        return new Section("h", "Apply it with no padding and stride " + stride + ". What is the output tensor's shape? "
                + "How many weights do the filters have? How many would a fully connected layer from the flattened "
                + "input to the flattened output have?", blocks);
    }
}
