package org.convlab.algebra.worksheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.Padding;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.ReceptiveField;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.symbolic.Elements;

/**
 * The kinds of question past the worksheet's (a)-(h) that a generated exercise adds as its part
 * (i), one per exercise, every answer computed by the algebra: a 1-D input with channels
 * (PyTorch's Conv1d), a 2-D layer with channels and groups (K's blocks), dilation, the receptive
 * field of a stack, the two weight counts of a locally connected layer, and the inputs a stride
 * never reads.
 */
final class ExerciseKinds {
    /** The kinds, in the order {@link #draw} numbers them. */
    static final List<String> KINDS = List.of("conv1d-channels", "groups", "dilation", "receptive-field",
            "locally-connected", "unread");

    private ExerciseKinds() {
    }

    /** Part (i) of one exercise: a kind and its numbers drawn from {@code rnd}. */
    static Section draw(Random rnd) {
        int kind = rnd.nextInt(KINDS.size());
        return switch (kind) {
            case 0 -> conv1d(2 + rnd.nextInt(7), 8 + rnd.nextInt(57), 3 + rnd.nextInt(6), 2 + rnd.nextInt(15),
                    1 + rnd.nextInt(3));
            case 1 -> {
                int groups = 2 + rnd.nextInt(3);
                yield groups(groups * (1 + rnd.nextInt(3)), groups * (1 + rnd.nextInt(4)), groups,
                        8 + rnd.nextInt(57), 1 + 2 * rnd.nextInt(3));
            }
            case 2 -> {
                int k = 2 + rnd.nextInt(3);
                int d = 2 + rnd.nextInt(3);
                yield dilation(d * (k - 1) + 3 + rnd.nextInt(10), k, d);
            }
            case 3 -> {
                int layers = 2 + rnd.nextInt(3);
                int[] k = new int[layers];
                int[] s = new int[layers];
                for (int l = 0; l < layers; l++) {
                    k[l] = 2 + rnd.nextInt(6);
                    s[l] = 1 + rnd.nextInt(2);
                }
                yield receptiveField(k, s);
            }
            case 4 -> locallyConnected(6 + rnd.nextInt(15), 1 + 2 * (1 + rnd.nextInt(3)), 1 + rnd.nextInt(3));
            default -> {
                int k = 2 + rnd.nextInt(4);
                int s = 2 + rnd.nextInt(3);
                // a length the stride cannot cover: (n - k) not a multiple of s
                int n = k + s * (2 + rnd.nextInt(6)) + 1 + rnd.nextInt(s - 1);
                yield unread(n, k, s);
            }
        };
    }

    /** {@code channels} channels of length {@code length}, {@code filters} filters of size {@code kernel}, stride {@code stride}. */
    static Section conv1d(int channels, int length, int kernel, int filters, int stride) {
        ConvGeometry g = ConvGeometry.builder().inChannels(channels).outChannels(filters).size(length).kernel(kernel)
                .stride(stride).build();
        ConvCost c = ConvCost.of(g, true);
        return new Section("i", "A signal of " + channels + " channels of length " + length + " (PyTorch's Conv1d input "
                + Answers.shape(channels, length) + ") goes through " + filters + " filters of size " + kernel
                + " with stride " + stride + ". What is the output's shape? How many weights and parameters does "
                + "the layer have?", List.of(
                Block.Figure.computed("output shape", Answers.shape(g.outputShape()), null,
                        "[filters, length]; " + Answers.formulas(g)),
                Block.Figure.computed("weights", NumberText.grouped(c.weights()), null,
                        filters + " * " + channels + " * " + kernel + " (PyTorch's weight " + Answers.shape(g.weightShape())
                                + "); + " + filters + " biases = " + NumberText.grouped(c.parameters())
                                + " parameters"),
                new Block.Prose("convlab: ./convlab shape --in-channels " + channels + " --input " + length
                        + " --kernel " + kernel + " --filters " + filters + " --stride " + stride)));
    }

    /** A {@code channels x size x size} input, {@code filters} filters of {@code kernel}, {@code groups} groups. */
    static Section groups(int channels, int filters, int groups, int size, int kernel) {
        ConvGeometry g = ConvGeometry.builder().inChannels(channels).outChannels(filters).groups(groups)
                .size(size, size).kernel(kernel).build();
        ConvCost c = ConvCost.of(g, false);
        int blocks = filters * channels;
        int zero = blocks - groups * (filters / groups) * (channels / groups);
        return new Section("i", "A " + channels + " x " + size + " x " + size + " input, " + filters + " filters of "
                + kernel + " x " + kernel + " and groups=" + groups + " (no padding, stride 1). What is the output "
                + "shape? How many weights? K is made of one block per filter and input channel: how many blocks, "
                + "and how many of them are zero?", List.of(
                Block.Figure.computed("output shape", Answers.shape(g.outputShape()), null, Answers.formulas(g)),
                Block.Figure.computed("weights", NumberText.grouped(c.weights()), null,
                        filters + " * (" + channels + " / " + groups + ") * " + kernel + " * " + kernel
                                + ": each filter sees " + g.inChannelsPerGroup() + " of the " + channels + " channels"),
                Block.Figure.computed("blocks of K", blocks + ", " + zero + " zero", null,
                        filters + " filters * " + channels + " channels; filter o only reads the channels of its "
                                + "group, so K is block-diagonal in groups of " + (filters / groups) + " x "
                                + g.inChannelsPerGroup() + " blocks")));
    }

    /** A 1-D input of {@code n}, kernel {@code k}, dilation {@code d}, no padding. */
    static Section dilation(int n, int k, int d) {
        ConvGeometry g = ConvGeometry.builder().size(n).kernel(k).dilation(d).build();
        Elements e = new Elements(g, false);
        return new Section("i", "Convolve x = [x1 ... x" + n + "] with a kernel of " + k + " taps and dilation " + d
                + " (no padding, stride 1). What is the output size, and which inputs does the first output read?",
                List.of(Answers.outputSize(g, "output size", false),
                        Answers.element(e, 0, "first element"),
                        Block.Figure.computed("span of the kernel", Long.toString(Axis.span(k, d)), null,
                                "d(k - 1) + 1 = " + d + " * " + (k - 1) + " + 1")));
    }

    /** The receptive field of a stack of layers with kernels {@code k} and strides {@code s}, no dilation. */
    static Section receptiveField(int[] k, int[] s) {
        ReceptiveField f = ReceptiveField.INPUT;
        List<String> steps = new ArrayList<>();
        StringBuilder stack = new StringBuilder();
        for (int l = 0; l < k.length; l++) {
            ReceptiveField next = f.then(k[l], s[l], 1, 0);
            steps.add("layer " + (l + 1) + ": r = " + f.size() + " + (" + k[l] + " - 1) * " + f.jump() + " = "
                    + next.size() + ", jump " + f.jump() + " * " + s[l] + " = " + next.jump());
            stack.append(l > 0 ? ", " : "").append("kernel ").append(k[l]).append(" stride ").append(s[l]);
            f = next;
        }
        return new Section("i", "A stack of 1-D convolutions (" + stack + "). How many inputs does one output of the "
                + "last layer see (its receptive field), and how far apart are the inputs of neighbouring outputs?",
                List.of(Block.Figure.computed("receptive field", Long.toString(f.size()), null,
                                String.join("; ", steps)),
                        Block.Figure.computed("jump", Long.toString(f.jump()), null, "the product of the strides")));
    }

    /** The locally connected layer with the windows of input {@code n}, kernel {@code k}, 'same' padding. */
    static Section locallyConnected(int n, int k, int filters) {
        ConvGeometry g = ConvGeometry.builder().outChannels(filters).size(n).kernel(k).padding(new Padding.Same())
                .build();
        ConvCost c = ConvCost.of(g, false);
        return new Section("i", "Without weight sharing, " + filters + " filter" + (filters == 1 ? "" : "s") + " of "
                + k + " taps on an input of " + n + " with 'same' padding: how many weights does the locally "
                + "connected layer have, and how many of them ever touch a real input?", List.of(
                Block.Figure.computed(WeightWords.ALL, NumberText.grouped(c.localWeights()), null,
                        NumberText.grouped(c.outputElements()) + " outputs * " + c.tapsPerOutput() + " taps"),
                Block.Figure.computed(WeightWords.REAL, NumberText.grouped(c.localWeightsOnInput()), null,
                        WeightWords.rest(c) + "; 'same' pads " + Answers.resolvedPadding(g)),
                Block.Figure.computed("shared weights", NumberText.grouped(c.weights()), null,
                        filters + " * " + k + ", for comparison")));
    }

    /** Input {@code n}, kernel {@code k}, stride {@code s}, no padding: the inputs never read. */
    static Section unread(int n, int k, int s) {
        ConvGeometry g = ConvGeometry.builder().size(n).kernel(k).stride(s).build();
        Axis a = g.axis(0);
        List<String> ranges = new ArrayList<>();
        for (int[] r : a.unreadRanges()) {
            ranges.add(r[0] == r[1] ? "x" + (r[0] + 1) : "x" + (r[0] + 1) + "..x" + (r[1] + 1));
        }
        int lastStart = (a.output() - 1) * s;
        return new Section("i", "Convolve x = [x1 ... x" + n + "] with a kernel of " + k + " taps and stride " + s
                + ", no padding. What is the output size? Which inputs does no output read?", List.of(
                Answers.outputSize(g, "output size", false),
                Block.Figure.computed("never read", ranges.isEmpty() ? "none" : String.join(", ", ranges), null,
                        "windows start every " + s + " inputs and cover " + k + (s > k ? ", so " + (s - k)
                                + " input" + (s - k == 1 ? "" : "s") + " between two windows are skipped" : "")
                                + "; the last window starts at x" + (lastStart + 1) + " and ends at x" + (lastStart + k)
                                + "; the next would start at x" + (lastStart + s + 1) + " and end past x" + n)));
    }
}
