package org.convlab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.algebra.Dims;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.layers.Convolution;
import org.convlab.nn.layers.LocallyConnected;
import org.convlab.tensor.Tensor;

/**
 * One convolution or locally connected layer of a saved model, as the algebra commands see it:
 * its geometry for the input it receives and its trained weights in K's weight order.
 *
 * <p>The input the layer receives is the model's input ({@code --input}, else the checkpoint's
 * recorded {@code data.shape} C x H x W) carried through the layers before it by a forward pass of
 * a zero tensor of batch 1, so pooling, flattening and strides are those of the model itself.
 *
 * @param name     the layer's state-dict name, e.g. {@code conv1} or {@code features.conv1}
 * @param module   the layer, with its trained weights
 * @param geometry its geometry for the input it receives
 * @param unshared whether it is locally connected (K then has a weight per (row, tap) on a real input)
 * @param weights  the trained weights in K's order: PyTorch's {@code (C_out, C_in/groups, k...)}
 *                 flattened, or for a locally connected layer k1, k2, ... row by row in tap order
 * @param bias     whether the layer adds a bias
 */
record TrainedLayer(String name, Module module, ConvGeometry geometry, boolean unshared, double[] weights,
                    boolean bias) {

    /**
     * Reads layer {@code name} of the model saved in {@code file}; {@code input} (may be null)
     * overrides the model's input shape.
     */
    static TrainedLayer read(Path file, String name, Dims input) {
        Checkpoint c = Checkpoints.read(file);
        if (!c.hasArchitecture()) {
            throw new BadFileException(file, "is a version-1 checkpoint, which records no architecture; re-save it "
                    + "with this convlab (a version-2 checkpoint) to open its layers with --layer");
        }
        Module model = c.buildModel();
        Map<String, Module> leaves = new LinkedHashMap<>();
        collect(model, "", leaves);
        List<String> qualifying = new ArrayList<>();
        leaves.forEach((n, m) -> {
            if (m instanceof Convolution || m instanceof LocallyConnected) {
                qualifying.add(n);
            }
        });
        Module layer = leaves.get(name);
        if (layer == null) {
            throw new BadParameterException("--layer", "a layer of " + file.getFileName() + " that is a "
                    + "convolution or locally connected (" + (qualifying.isEmpty() ? "it has none"
                    : String.join(", ", qualifying)) + ")", name);
        }
        if (!qualifying.contains(name)) {
            throw new BadParameterException("--layer", name + " is " + layer.getClass().getSimpleName()
                    + ", not a convolution or locally connected layer; those of " + file.getFileName() + ": "
                    + (qualifying.isEmpty() ? "none" : String.join(", ", qualifying)));
        }
        int[] in = inputOf(file, c, leaves, name, layer, input);
        int[] spatial = Arrays.copyOfRange(in, 1, in.length);
        if (layer instanceof Convolution conv) {
            ConvGeometry g = conv.geometry(spatial);
            return new TrainedLayer(name, layer, g, false, toDouble(conv.weight().value().data()), conv.bias() != null);
        }
        LocallyConnected lc = (LocallyConnected) layer;
        if (!Arrays.equals(spatial, lc.inputSize())) {
            throw new BadParameterException("--input", name + " is locally connected, its weights made for input "
                    + Shapes.text(lc.inputSize()) + "; leave out --input or give that size", Shapes.text(spatial));
        }
        ConvGeometry g = lc.geometry();
        return new TrainedLayer(name, layer, g, true, unsharedWeights(g, lc.weight().value().data()), lc.bias() != null);
    }

    /** The layer's input shape {@code (C, spatial...)} without the batch. */
    private static int[] inputOf(Path file, Checkpoint c, Map<String, Module> leaves, String name, Module layer,
                                 Dims input) {
        int[] modelInput;
        if (input != null) {
            modelInput = prepend(input.channels(), input.spatial());
        } else if (c.metadata().containsKey("data.shape")) {
            modelInput = shape(c.metadata().get("data.shape"));
        } else if (layer instanceof LocallyConnected lc) {
            return prepend(lc.inChannels(), lc.inputSize());
        } else {
            throw new BadParameterException("--input", file.getFileName() + " records no input shape (data.shape); "
                    + "give the model's input, e.g. --input 1x28x28");
        }
        Tensor x = Tensor.zeros(prepend(1, modelInput));
        try {
            for (Map.Entry<String, Module> e : leaves.entrySet()) {
                if (e.getKey().equals(name)) {
                    break;
                }
                x = e.getValue().forward(x);
            }
            int[] dims = x.shape().dims();
            int channels = layer instanceof Convolution conv ? conv.inChannels()
                    : ((LocallyConnected) layer).inChannels();
            if (dims.length != spatialDims(layer) + 2 || dims[1] != channels) {
                throw new BadParameterException("--input", name + " receives " + Shapes.text(Arrays.copyOfRange(dims,
                        1, dims.length)) + " from the model's input " + Shapes.text(modelInput) + ", but takes "
                        + channels + " channels of " + spatialDims(layer) + "-D input");
            }
            return Arrays.copyOfRange(dims, 1, dims.length);
        } catch (ConvlabException e) {
            if (e instanceof BadParameterException b && "--input".equals(b.parameter())) {
                throw e;
            }
            throw new BadParameterException("--input", "an input the model takes (" + Shapes.text(modelInput)
                    + " fails before " + name + ": " + e.getMessage() + ")");
        }
    }

    private static int[] shape(String text) {
        Dims d = Dims.parse("data.shape", text);
        return prepend(d.channels(), d.spatial());
    }

    private static int spatialDims(Module layer) {
        return layer instanceof Convolution conv ? conv.spatialDims() : ((LocallyConnected) layer).spatialDims();
    }

    /** The leaf modules of {@code m} depth-first, by state-dict name ({@code features.conv1}). */
    private static void collect(Module m, String prefix, Map<String, Module> out) {
        if (m instanceof Sequential seq) {
            for (Module child : seq.children()) {
                collect(child, prefix + child.name() + ".", out);
            }
        } else {
            out.put(prefix.substring(0, prefix.length() - 1), m);
        }
    }

    /**
     * A locally connected weight {@code (out..., C_out, C_in, k...)} as K's unshared weights: for
     * each row (C_out, out...) the taps that read a real input, in tap order.
     */
    static double[] unsharedWeights(ConvGeometry g, float[] w) {
        ConvTaps taps = new ConvTaps(g);
        long outSpatial = 1;
        for (int o : g.outputSpatial()) {
            outSpatial *= o;
        }
        long perPosition = (long) g.outChannels() * taps.taps();
        double[] out = new double[Math.toIntExact(taps.realTapsTotal())];
        long[] weight = new long[taps.taps()];
        long[] input = new long[taps.taps()];
        int next = 0;
        for (long r = 0; r < taps.rows(); r++) {
            taps.row(r, weight, input);
            long position = r % outSpatial;
            for (int t = 0; t < taps.taps(); t++) {
                if (input[t] >= 0) {
                    float v = w[Math.toIntExact(position * perPosition + weight[t])];
                    out[next++] = Double.parseDouble(Float.toString(v));
                }
            }
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = Double.parseDouble(Float.toString(f[i])); // the float's shortest digits, not its binary tail
        }
        return d;
    }

    private static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
