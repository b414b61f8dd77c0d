package org.convlab.onnx;

import static org.convlab.onnx.GraphWriter.integer;
import static org.convlab.onnx.GraphWriter.ints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.core.BuildInfo;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Convolution;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.Pool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.onnx.proto.Onnx.OperatorSetIdProto;
import org.convlab.onnx.proto.Onnx.StringStringEntryProto;
import org.convlab.tensor.Tensor;

/**
 * Writes a convlab model as an ONNX model (IR version 8, opset 13) with a dynamic batch
 * dimension {@code N}: input {@code input} of shape {@code (N, inputShape...)}, output
 * {@code output}. Initializers carry the state-dict names ({@code conv1.weight}), nodes the
 * layer names; optional metadata (e.g. the input normalisation, the class names) goes into the
 * model's {@code metadata_props}.
 *
 * <p>The per-sample shapes come from one forward pass on a batch of two zero samples, which
 * replaces what the layers cached from the last forward pass (call {@code backward} before
 * exporting, not after).
 *
 * <p>Layers: Conv1d/Conv2d → {@code Conv} (reflect/replicate padding → {@code Pad} first),
 * Linear → {@code Gemm} (or {@code MatMul} + {@code Add} on inputs of rank above 2), ReLU →
 * {@code Relu}, MaxPool2d → {@code MaxPool}, AvgPool2d → {@code AveragePool}, Flatten and
 * Reshape → {@code Flatten}/{@code Reshape}; a locally connected layer → the equivalent
 * {@code Conv} (one-hot kernels extracting patches), {@code Reshape}, {@code Transpose},
 * batched {@code MatMul} and {@code Add} (see {@link LocallyConnectedNodes}). Containers are
 * {@link Sequential}s, nested to any depth. Anything else is refused with one line naming the
 * layer.
 */
public final class OnnxExport {
    /** The ONNX operator set the export targets (ONNX Runtime and PyTorch 1.13 read it). */
    public static final int OPSET = 13;
    /** The IR version written (ONNX 1.12). */
    public static final int IR_VERSION = 8;
    /** The graph's input name. */
    public static final String INPUT = "input";
    /** The graph's output name. */
    public static final String OUTPUT = "output";

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code out} for samples of {@code inputShape} ({@code (C, H, W)} or
     * {@code (C, L)} or {@code (D)}), replacing the file only once the whole model is written.
     *
     * @throws BadParameterException naming the layer that ONNX cannot express or the bad shape
     * @throws BadFileException      when {@code out} cannot be written
     */
    public static void write(Module model, int[] inputShape, Path out) {
        write(model, inputShape, Map.of(), out);
    }

    /** As {@link #write(Module, int[], Path)}, with {@code metadata} as the model's {@code metadata_props}. */
    public static void write(Module model, int[] inputShape, Map<String, String> metadata, Path out) {
        byte[] bytes = toBytes(model, inputShape, metadata);
        Path dir = out.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadFileException(out, "cannot be written: " + e.getMessage(), e);
        }
    }

    /** The ONNX model as bytes; see {@link #write(Module, int[], Path)}. */
    public static byte[] toBytes(Module model, int[] inputShape) {
        return toBytes(model, inputShape, Map.of());
    }

    /** The ONNX model as bytes, with {@code metadata} as its {@code metadata_props}. */
    public static byte[] toBytes(Module model, int[] inputShape, Map<String, String> metadata) {
        ModelProto.Builder m = toModel(model, inputShape).toBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build().toByteArray();
    }

    static ModelProto toModel(Module model, int[] inputShape) {
        if (inputShape == null || inputShape.length == 0) {
            throw new BadParameterException("inputShape", "the shape of one sample, e.g. (C, H, W)", "none");
        }
        for (int d : inputShape) {
            if (d < 1) {
                throw new BadParameterException("inputShape", "positive sizes", Arrays.toString(inputShape));
            }
        }
        List<Module> leaves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        collect(model, "", leaves, names);
        if (leaves.isEmpty()) {
            throw new BadParameterException("model", "at least one layer", model.label());
        }
        List<int[]> shapes = probe(leaves, inputShape);
        GraphWriter w = new GraphWriter(model.name().isEmpty() ? model.getClass().getSimpleName() : model.name());
        w.input(INPUT, inputShape);
        String h = INPUT;
        for (int i = 0; i < leaves.size(); i++) {
            h = layer(w, leaves.get(i), names.get(i), h, shapes.get(i), shapes.get(i + 1));
        }
        w.renameLastOutput(h, OUTPUT);
        w.output(OUTPUT, shapes.get(leaves.size()));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("convlab")
                .setProducerVersion(BuildInfo.version())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(w.build()).build();
    }

    /** The layers of {@code m} in order with their qualified names; Sequentials are opened. */
    private static void collect(Module m, String prefix, List<Module> leaves, List<String> names) {
        if (m instanceof Sequential s) {
            for (Module child : s.children()) {
                collect(child, prefix.isEmpty() ? child.name() : prefix + "." + child.name(), leaves, names);
            }
            return;
        }
        leaves.add(m);
        names.add(prefix.isEmpty() ? m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) : prefix);
    }

    /**
     * The per-sample shape before and after every layer, from a forward pass on two zero samples
     * (two, so that a layer that merges the batch into another dimension is caught).
     */
    private static List<int[]> probe(List<Module> leaves, int[] inputShape) {
        int[] dims = new int[inputShape.length + 1];
        dims[0] = 2;
        System.arraycopy(inputShape, 0, dims, 1, inputShape.length);
        long elements = 2;
        for (int d : inputShape) {
            elements *= d;
            if (elements > Integer.MAX_VALUE) {
                throw new BadParameterException("inputShape", "a sample of fewer than 2^30 elements",
                        Arrays.toString(inputShape));
            }
        }
        List<int[]> shapes = new ArrayList<>();
        shapes.add(inputShape.clone());
        Tensor h = Tensor.zeros(dims);
        for (Module m : leaves) {
            h = m.forward(h);
            if (h.rank() < 2 || h.dim(0) != 2) {
                throw new BadParameterException(m.label(), "keeps the batch dimension first: ONNX export needs"
                        + " (N, ...) after every layer, got " + h.shape() + " for a batch of 2");
            }
            shapes.add(Arrays.copyOfRange(h.shape().dims(), 1, h.rank()));
        }
        return shapes;
    }

    private static String layer(GraphWriter w, Module m, String name, String x, int[] in, int[] out) {
        if (m instanceof Convolution c) {
            String weight = w.floats(name + ".weight", c.weight().value().data(), c.weight().shape().dims());
            String bias = c.bias() == null ? null : w.floats(name + ".bias", c.bias().value().data(), c.outChannels());
            ConvGeometry g = c.geometry(Arrays.copyOfRange(in, 1, in.length));
            return WindowNodes.conv(w, name, x, weight, bias, g, g.groups(), m.label());
        }
        if (m instanceof Linear l) {
            return linear(w, l, name, x, in);
        }
        if (m instanceof ReLU) {
            return w.node("Relu", name, List.of(x));
        }
        if (m instanceof MaxPool2d p) {
            ConvGeometry g = p.geometry(in[0], in[1], in[2]);
            return w.node("MaxPool", name, List.of(x), ints("kernel_shape", g.kernel()), ints("strides", strides(g)),
                    ints("pads", pads(g)), ints("dilations", dilations(g)), integer("ceil_mode", 0));
        }
        if (m instanceof AvgPool2d p) {
            ConvGeometry g = p.geometry(in[0], in[1], in[2]);
            if (dilations(g)[0] != 1 || dilations(g)[1] != 1) {
                throw new BadParameterException(m.label(), "a dilated average pool has no ONNX equivalent at opset "
                        + OPSET);
            }
            return w.node("AveragePool", name, List.of(x), ints("kernel_shape", g.kernel()),
                    ints("strides", strides(g)), ints("pads", pads(g)),
                    integer("count_include_pad", p.countIncludePad() ? 1 : 0), integer("ceil_mode", 0));
        }
        if (m instanceof Flatten || m instanceof Reshape) {
            if (out.length == 1) {
                return w.node("Flatten", name, List.of(x), integer("axis", 1));
            }
            long[] shape = new long[out.length + 1];
            for (int i = 0; i < out.length; i++) {
                shape[i + 1] = out[i];
            }
            return w.node("Reshape", name, List.of(x, w.longs(name + ".shape", shape)));
        }
        if (m instanceof LocallyConnected lc) {
            return LocallyConnectedNodes.emit(w, lc, name, x);
        }
        if (m instanceof Pool2d) {
            throw new BadParameterException(m.label(), "no ONNX export for " + m.getClass().getSimpleName());
        }
        throw new BadParameterException(m.label(), "no ONNX export for " + m.getClass().getSimpleName()
                + " (exported: Sequential, Conv1d, Conv2d, Linear, ReLU, MaxPool2d, AvgPool2d, Flatten, Reshape,"
                + " LocallyConnected1d, LocallyConnected2d)");
    }

    /** Gemm on {@code (N, in)}; on more dimensions MatMul with the transposed weight, then Add. */
    private static String linear(GraphWriter w, Linear l, String name, String x, int[] in) {
        float[] weight = l.weight().value().data();
        String bias = l.bias() == null ? null : w.floats(name + ".bias", l.bias().value().data(), l.outFeatures());
        if (in.length == 1) {
            String wt = w.floats(name + ".weight", weight, l.outFeatures(), l.inFeatures());
            List<String> inputs = bias == null ? List.of(x, wt) : List.of(x, wt, bias);
            return w.node("Gemm", name, inputs, integer("transB", 1));
        }
        int o = l.outFeatures();
        int n = l.inFeatures();
        float[] t = new float[weight.length];
        for (int i = 0; i < o; i++) {
            for (int j = 0; j < n; j++) {
                t[j * o + i] = weight[i * n + j];
            }
        }
        String wt = w.floats(name + ".weight_transposed", t, n, o);
        String y = w.node("MatMul", name, List.of(x, wt));
        return bias == null ? y : w.node("Add", name + ".add", List.of(y, bias));
    }

    private static int[] strides(ConvGeometry g) {
        return g.axes().stream().mapToInt(Axis::stride).toArray();
    }

    private static int[] dilations(ConvGeometry g) {
        return g.axes().stream().mapToInt(Axis::dilation).toArray();
    }

    /** ONNX's pads: every axis' padding before, then every axis' padding after. */
    private static int[] pads(ConvGeometry g) {
        int d = g.spatialDims();
        int[] p = new int[2 * d];
        for (int a = 0; a < d; a++) {
            p[a] = g.axis(a).padBefore();
            p[d + a] = g.axis(a).padAfter();
        }
        return p;
    }
}
