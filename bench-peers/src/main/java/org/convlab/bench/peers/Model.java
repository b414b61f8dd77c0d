package org.convlab.bench.peers;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.core.BadParameterException;

/**
 * A benchmark model from the notebook, named as on the command line.
 *
 * <ul>
 *   <li>{@code cnn-CxHxW}: ThreeLayerConvNet(C, 32, 16, 10): conv 5x5 pad 2 -> ReLU ->
 *       conv 3x3 pad 1 -> ReLU -> flatten (NCHW order) -> linear(16*H*W -> 10).</li>
 *   <li>{@code mlp-IN-HIDDEN}: ThreeLayerMLP(IN, HIDDEN, 10): flatten -> linear -> ReLU ->
 *       linear(HIDDEN -> HIDDEN) -> ReLU -> linear(HIDDEN -> 10). An input of 784 is an image
 *       1x28x28, 3072 is 3x32x32, any other n is 1x1xn.</li>
 * </ul>
 *
 * @param name     the name it was parsed from
 * @param channels input channels C of one image {@code (C, H, W)}
 * @param height   input height H
 * @param width    input width W
 * @param layers   the weighted layers in order; a ReLU follows every one but the last
 */
public record Model(String name, int channels, int height, int width, List<Layer> layers) {
    /** Classes of every model (the notebook's CIFAR-10 / MNIST heads). */
    public static final int CLASSES = 10;
    /** The notebook's ThreeLayerConvNet channel sizes. */
    public static final int CONV1 = 32;
    public static final int CONV2 = 16;

    /** The workloads of the issue, in the order the table prints them. */
    public static final List<String> DEFAULTS = List.of(
            "cnn-3x32x32", "cnn-1x28x28", "mlp-784-4000", "mlp-3072-4000", "mlp-784-100", "mlp-3072-100");

    private static final Pattern CNN = Pattern.compile("cnn-(\\d+)x(\\d+)x(\\d+)");
    private static final Pattern MLP = Pattern.compile("mlp-(\\d+)-(\\d+)");

    /** Parses {@code cnn-CxHxW} or {@code mlp-IN-HIDDEN}. */
    public static Model parse(String name) {
        Matcher m = CNN.matcher(name);
        if (m.matches()) {
            int c = positive(name, m.group(1));
            int h = positive(name, m.group(2));
            int w = positive(name, m.group(3));
            return new Model(name, c, h, w, List.of(
                    Layer.conv("conv1", c, CONV1, 5, 2, h, w),
                    Layer.conv("conv2", CONV1, CONV2, 3, 1, h, w),
                    Layer.linear("fc", CONV2 * h * w, CLASSES)));
        }
        m = MLP.matcher(name);
        if (m.matches()) {
            int in = positive(name, m.group(1));
            int hidden = positive(name, m.group(2));
            int[] chw = in == 784 ? new int[] {1, 28, 28} : in == 3072 ? new int[] {3, 32, 32} : new int[] {1, 1, in};
            return new Model(name, chw[0], chw[1], chw[2], List.of(
                    Layer.linear("fc1", in, hidden),
                    Layer.linear("fc2", hidden, hidden),
                    Layer.linear("fc3", hidden, CLASSES)));
        }
        throw new BadParameterException("--workloads", "cnn-CxHxW or mlp-IN-HIDDEN (e.g. cnn-3x32x32, mlp-784-4000)", name);
    }

    private static int positive(String name, String digits) {
        try {
            int v = Integer.parseInt(digits);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new BadParameterException("--workloads", "positive sizes in " + name, digits);
    }

    /** Whether this is the convolutional network (else the MLP). */
    public boolean isConv() {
        return layers.get(0).isConv();
    }

    /** Elements of one input image, {@code C * H * W}. */
    public int inputSize() {
        return channels * height * width;
    }

    /** The input shape of a batch, {@code (N, C, H, W)}. */
    public long[] inputShape(int batch) {
        return new long[] {batch, channels, height, width};
    }

    /** Parameters (weights and biases) in total. */
    public long parameters() {
        long n = 0;
        for (Layer l : layers) {
            long w = 1;
            for (int d : l.weightShape()) {
                w *= d;
            }
            n += w + l.out();
        }
        return n;
    }
}
