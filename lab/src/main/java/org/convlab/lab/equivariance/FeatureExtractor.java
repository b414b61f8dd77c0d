package org.convlab.lab.equivariance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Pool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.tensor.Tensor;

/**
 * The convolutional feature extractor of a network: its leading 2-D convolutions, ReLUs and
 * pooling layers, up to the first layer of another kind (for the lab's CNN: {@code conv1 -> relu1
 * -> conv2 -> relu2}, before {@code flatten -> fc}), bound to one input size, with what its
 * equivariance can honestly be measured against.
 *
 * <p>Input {@code (1, C, H, W)}, features {@code (1, C', H', W')}. Each window layer (convolution
 * or pooling) moves over its input with a stride; their product per axis is the total stride
 * {@code (sy, sx)}: a shift of the input by {@code (dy, dx)} pixels, each a multiple of the
 * stride, moves the features by {@code (dy / sy, dx / sx)} exactly, away from the borders. A shift
 * that is not a multiple has no counterpart on the coarser grid (pooling and strides alias), and
 * {@link #measure} says so instead of measuring against a shift that does not exist.
 *
 * <p>The interior margin {@link #margin()} is the smallest {@code m} such that every feature pixel
 * at least {@code m} from each border reads, through every layer, only pixels of the input, never
 * padding: computed by carrying the interval of such pixels through each window layer
 * ({@code [ceil((lo + p) / s), floor((hi + p - d (k - 1)) / s)]}). On that interior the
 * extractor of a shift by a multiple of its stride is exactly equivariant (float rounding).
 */
public final class FeatureExtractor {
    private final List<Module> layers;
    private final List<String> names;
    private final int channels;
    private final int height;
    private final int width;
    private final int strideY;
    private final int strideX;
    private final int margin;
    private final int[] featureShape;

    private FeatureExtractor(List<Module> layers, List<String> names, int channels, int height, int width,
                             int strideY, int strideX, int margin, int[] featureShape) {
        this.layers = layers;
        this.names = names;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.strideY = strideY;
        this.strideX = strideX;
        this.margin = margin;
        this.featureShape = featureShape;
    }

    /**
     * The feature extractor of {@code model} for inputs {@code (1, channels, height, width)}.
     *
     * @throws BadParameterException naming {@code model} when it has no 2-D convolution before its
     *                               first layer of another kind (an MLP, a locally connected
     *                               net), when its first convolution takes other than
     *                               {@code channels} channels, or when the input size does not
     *                               fit its layers
     */
    public static FeatureExtractor of(Module model, int channels, int height, int width) {
        Map<String, Module> leaves = new LinkedHashMap<>();
        collect(model, "", leaves);
        List<Module> prefix = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String stop = null;
        for (Map.Entry<String, Module> e : leaves.entrySet()) {
            Module m = e.getValue();
            if (!(m instanceof Conv2d || m instanceof Pool2d || m instanceof ReLU)) {
                stop = e.getKey() + " (" + m.getClass().getSimpleName() + ")";
                break;
            }
            prefix.add(m);
            names.add(e.getKey());
        }
        Conv2d first = (Conv2d) prefix.stream().filter(m -> m instanceof Conv2d).findFirst().orElse(null);
        if (first == null) {
            throw new BadParameterException("model", "has no convolutional feature extractor: no 2-D convolution"
                    + " comes before its " + (stop == null ? "end" : "first other layer, " + stop)
                    + "; only a network that starts with convolutions (and ReLUs, pooling) can be shifted");
        }
        if (first.inChannels() != channels) {
            throw new BadParameterException("model", "its first convolution takes " + first.inChannels()
                    + " input channels, the input here has " + channels);
        }
        int h = height;
        int w = width;
        int c = channels;
        int sy = 1;
        int sx = 1;
        int[] rows = {0, height - 1};
        int[] cols = {0, width - 1};
        for (int i = 0; i < prefix.size(); i++) {
            Module m = prefix.get(i);
            if (m instanceof ReLU) {
                continue;
            }
            ConvGeometry g;
            try {
                g = m instanceof Conv2d conv ? conv.geometry(h, w) : ((Pool2d) m).geometry(c, h, w);
            } catch (ConvlabException e) {
                throw new BadParameterException("model", names.get(i) + " does not take the " + c + "x" + h + "x"
                        + w + " it receives from a " + channels + "x" + height + "x" + width + " input: "
                        + e.getMessage());
            }
            Axis y = g.axis(0);
            Axis x = g.axis(1);
            rows = clean(rows, y);
            cols = clean(cols, x);
            sy = Math.multiplyExact(sy, y.stride());
            sx = Math.multiplyExact(sx, x.stride());
            h = y.output();
            w = x.output();
            c = m instanceof Conv2d conv ? conv.outChannels() : c;
        }
        int marginY = rows[0] > rows[1] ? (h + 1) / 2 : Math.max(rows[0], h - 1 - rows[1]);
        int marginX = cols[0] > cols[1] ? (w + 1) / 2 : Math.max(cols[0], w - 1 - cols[1]);
        return new FeatureExtractor(List.copyOf(prefix), List.copyOf(names), channels, height, width, sy, sx,
                Math.max(marginY, marginX), new int[] {c, h, w});
    }

    /**
     * The output pixels {@code [lo, hi]} of a window layer on {@code axis} whose windows read only
     * input pixels in {@code [in[0], in[1]]} (empty when lo > hi).
     */
    static int[] clean(int[] in, Axis axis) {
        int s = axis.stride();
        int p = axis.padBefore();
        int reach = axis.dilation() * (axis.kernel() - 1);
        int lo = Math.max(0, Math.floorDiv(in[0] + p + s - 1, s));
        int hi = Math.min(axis.output() - 1, Math.floorDiv(in[1] + p - reach, s));
        return new int[] {lo, hi};
    }

    private static void collect(Module m, String prefix, Map<String, Module> out) {
        if (m instanceof Sequential seq) {
            for (Module child : seq.children()) {
                collect(child, prefix + child.name() + ".", out);
            }
        } else {
            out.put(prefix.isEmpty() ? m.label() : prefix.substring(0, prefix.length() - 1), m);
        }
    }

    /**
     * The features of {@code x} {@code (1, C, H, W)}: a new tensor {@code (1, C', H', W')}. One
     * call at a time (the layers keep what a backward pass would need).
     */
    public synchronized Tensor forward(Tensor x) {
        int[] d = x.shape().dims();
        if (d.length != 4 || d[0] != 1 || d[1] != channels || d[2] != height || d[3] != width) {
            throw new BadParameterException("x", "an input (1, " + channels + ", " + height + ", " + width + ")",
                    x.shape());
        }
        Tensor y = x;
        for (Module m : layers) {
            y = m.forward(y);
        }
        return Tensor.wrap(y.data().clone(), y.shape().dims());
    }

    /**
     * The equivariance error for an input shift of {@code (dy, dx)} pixels, given the features
     * {@code fx = f(x)} and {@code fTx = f(Tx)}: measured for the feature shift
     * {@code (dy / sy, dx / sx)} on the interior of margin {@link #margin()} when both are
     * multiples of the stride, else not measured.
     */
    public Measured measure(Tensor fx, Tensor fTx, int dy, int dx) {
        if (Math.floorMod(dy, strideY) != 0 || Math.floorMod(dx, strideX) != 0) {
            return new Measured(false, 0, 0, Double.NaN, Double.NaN);
        }
        int oy = dy / strideY;
        int ox = dx / strideX;
        EquivarianceError.Result r = EquivarianceError.measure(fx, fTx, oy, ox, margin);
        return new Measured(true, oy, ox, r.whole(), r.interior());
    }

    /**
     * The errors for one input shift.
     *
     * @param aligned  whether the shift is a multiple of the total stride on both axes (else
     *                 nothing is measured and the errors are NaN)
     * @param dy       the shift of the features, in feature pixels (down)
     * @param dx       the shift of the features, in feature pixels (right)
     * @param whole    relative error over every feature pixel
     * @param interior relative error over the interior
     */
    public record Measured(boolean aligned, int dy, int dx, double whole, double interior) {
    }

    /** The layers' names, e.g. {@code [conv1, relu1, conv2, relu2]}. */
    public List<String> names() {
        return names;
    }

    /** The total stride down the rows. */
    public int strideY() {
        return strideY;
    }

    /** The total stride across the columns. */
    public int strideX() {
        return strideX;
    }

    /** The interior margin, in feature pixels. */
    public int margin() {
        return margin;
    }

    /** The features' shape {@code (C', H', W')}. */
    public int[] featureShape() {
        return featureShape.clone();
    }
}
