package org.convlab.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.onnx.proto.Onnx.GraphProto;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.onnx.proto.Onnx.NodeProto;
import org.convlab.onnx.proto.Onnx.TensorProto;
import org.convlab.onnx.proto.Onnx.TensorShapeProto;
import org.convlab.onnx.proto.Onnx.TypeProto;
import org.convlab.onnx.proto.Onnx.ValueInfoProto;

/**
 * Translates a checked ONNX graph into a {@link Sequential}, node by node in the file's
 * (topological) order. The graph must be a chain: one float input {@code (N, sample...)}, each
 * layer reading the previous layer's output, one output. Integer side computations (shapes) are
 * evaluated as they come ({@link ShapeOps}); a {@code Pad} is merged into the {@code Conv} after it;
 * a {@code MatMul} and the {@code Add} of its bias become one {@code Linear}. Every sample shape
 * is known while reading, so a layer whose output would be absurdly large is refused before
 * anything runs.
 */
final class GraphReader {
    /** The largest activation per sample accepted: 2^27 floats (512 MiB). */
    static final long MAX_SAMPLE_ELEMENTS = 1L << 27;

    private final Path file;
    private final GraphProto graph;
    private final long opset;
    private final Map<String, TensorProto> tensors = new HashMap<>();
    private final Map<String, ShapeValue> ints = new HashMap<>();
    private final Map<String, int[]> activations = new HashMap<>();
    private final Sequential model = new Sequential();
    private final List<Module> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Set<String> layerNames = new HashSet<>();
    private final Map<String, Integer> opCounts = new HashMap<>();
    private String current;
    private int[] shape;
    private int[] inputShape;
    /** The layer a MatMul made (a Linear without bias) while its output is the current value, else null. */
    private Module pendingMatMul;
    /** A Pad waiting for the Conv that reads its output, else null. */
    private LayerOps.PendingPad pendingPad;

    GraphReader(Path file, ModelProto model) {
        this.file = file;
        this.graph = model.getGraph();
        this.opset = OnnxFile.defaultOpset(model);
    }

    /** The model; {@link #inputShape()} after this. */
    Sequential read() {
        for (TensorProto t : graph.getInitializerList()) {
            tensors.put(t.getName(), t);
        }
        readInput();
        for (NodeProto node : graph.getNodeList()) {
            try {
                node(node);
            } catch (OnnxProblem | BadParameterException | ArithmeticException e) {
                throw new BadFileException(file, where(node) + ": " + e.getMessage());
            }
        }
        if (pendingPad != null) {
            throw new BadFileException(file, "a Pad ends the graph: convlab reads a Pad only in front of a Conv");
        }
        if (graph.getOutputCount() != 1) {
            throw new BadFileException(file, "the graph has " + graph.getOutputCount() + " outputs, expected 1");
        }
        String out = graph.getOutput(0).getName();
        if (!out.equals(current)) {
            throw new BadFileException(file, "the graph's output '" + out + "' is not the end of its chain of layers ('"
                    + current + "')");
        }
        if (layers.isEmpty()) {
            throw new BadFileException(file, "the graph has no layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            model.add(names.get(i), layers.get(i));
        }
        return model;
    }

    /** The shape of one input sample, e.g. {@code (1, 28, 28)}. */
    int[] inputShape() {
        return inputShape.clone();
    }

    static String where(NodeProto node) {
        return "node '" + node.getName() + "' (" + node.getOpType() + ")";
    }

    private void readInput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!tensors.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new BadFileException(file, "the graph has " + inputs.size() + " inputs besides its weights, expected 1");
        }
        ValueInfoProto in = inputs.get(0);
        TypeProto type = in.getType();
        if (!type.hasTensorType() || type.getTensorType().getElemType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new BadFileException(file, "input '" + in.getName() + "' is "
                    + (type.hasTensorType() ? TensorData.typeName(type.getTensorType().getElemType()) : "not a tensor")
                    + ", expected a FLOAT (float32) tensor");
        }
        TensorShapeProto s = type.getTensorType().getShape();
        if (s.getDimCount() < 2) {
            throw new BadFileException(file, "input '" + in.getName() + "' has " + s.getDimCount()
                    + " dimensions, expected (N, ...) with at least 2");
        }
        int[] sample = new int[s.getDimCount() - 1];
        long elements = 1;
        for (int i = 1; i < s.getDimCount(); i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > MAX_SAMPLE_ELEMENTS) {
                throw new BadFileException(file, "input '" + in.getName() + "' dimension " + i + " is "
                        + (d.hasDimValue() ? Long.toString(d.getDimValue()) : "'" + d.getDimParam() + "'")
                        + ", expected a fixed positive size (only the batch dimension may vary)");
            }
            sample[i - 1] = (int) d.getDimValue();
            elements *= sample[i - 1];
        }
        if (elements > MAX_SAMPLE_ELEMENTS) {
            throw new BadFileException(file, "input '" + in.getName() + "' has " + elements
                    + " elements per sample, more than " + MAX_SAMPLE_ELEMENTS);
        }
        inputShape = sample;
        shape = sample;
        current = in.getName();
        activations.put(current, sample);
    }

    private void node(NodeProto node) {
        String domain = node.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new OnnxProblem("operators of domain '" + domain + "' are not supported");
        }
        if (node.getOutputCount() < 1 || node.getOutput(0).isEmpty()) {
            throw new OnnxProblem("has no output");
        }
        String op = node.getOpType();
        String out = node.getOutput(0);
        if (op.equals("Constant")) {
            constant(node);
        } else if (op.equals("Shape")) {
            int[] of = activations.get(input(node, 0));
            if (of == null) {
                throw new OnnxProblem("reads '" + input(node, 0) + "', which is not a layer's output");
            }
            long[] v = new long[of.length + 1];
            v[0] = ShapeValue.BATCH;
            for (int i = 0; i < of.length; i++) {
                v[i + 1] = of[i];
            }
            ints.put(out, ShapeValue.vector(v));
        } else if (ShapeOps.handles(op) && allIntegers(node)) {
            List<ShapeValue> in = new ArrayList<>();
            for (String name : node.getInputList()) {
                in.add(name.isEmpty() ? null : integer(name));
            }
            ints.put(out, ShapeOps.apply(node, in, opset));
        } else {
            layer(node, op, out);
        }
    }

    private void constant(NodeProto node) {
        Attributes a = new Attributes(node);
        String out = node.getOutput(0);
        for (var attr : node.getAttributeList()) {
            switch (attr.getName()) {
                case "value" -> {
                    TensorProto t = attr.getT().toBuilder().setName(out).build();
                    if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
                        tensors.put(out, t);
                    } else {
                        ints.put(out, new ShapeValue(TensorData.longs(t), t.getDimsCount() == 0));
                    }
                }
                case "value_int" -> ints.put(out, new ShapeValue(new long[] {a.integer("value_int", 0)}, true));
                case "value_ints" -> ints.put(out, ShapeValue.vector(a.longs("value_ints")));
                default -> throw new OnnxProblem("a Constant with '" + attr.getName() + "' is not supported");
            }
        }
        if (!tensors.containsKey(out) && !ints.containsKey(out)) {
            throw new OnnxProblem("a Constant without a value");
        }
    }

    private boolean allIntegers(NodeProto node) {
        for (String name : node.getInputList()) {
            if (!name.isEmpty() && !ints.containsKey(name) && !isIntegerTensor(name)) {
                return false;
            }
        }
        return node.getInputCount() > 0;
    }

    private boolean isIntegerTensor(String name) {
        TensorProto t = tensors.get(name);
        return t != null && (t.getDataType() == TensorProto.DataType.INT64.getNumber()
                || t.getDataType() == TensorProto.DataType.INT32.getNumber());
    }

    /** The integer value named {@code name}: computed before, or an integer initializer. */
    ShapeValue integer(String name) {
        ShapeValue v = ints.get(name);
        if (v == null && isIntegerTensor(name)) {
            TensorProto t = tensors.get(name);
            v = new ShapeValue(TensorData.longs(t), t.getDimsCount() == 0);
            ints.put(name, v);
        }
        if (v == null) {
            throw new OnnxProblem("'" + name + "' is not a constant integer tensor");
        }
        return v;
    }

    /** The float tensor (initializer or Constant) named {@code name}. */
    TensorProto weight(String name) {
        TensorProto t = tensors.get(name);
        if (t == null) {
            throw new OnnxProblem("'" + name + "' is not a weight stored in the file (an initializer or a Constant)");
        }
        return t;
    }

    static String input(NodeProto node, int i) {
        return i < node.getInputCount() ? node.getInput(i) : "";
    }

    private void layer(NodeProto node, String op, String out) {
        String x = activationInput(node);
        if (pendingPad != null && !op.equals("Conv")) {
            throw new OnnxProblem("follows a Pad: convlab reads a Pad only in front of a Conv");
        }
        for (int i = 1; i < node.getOutputCount(); i++) {
            if (!node.getOutput(i).isEmpty() && !op.equals("Dropout")) {
                throw new OnnxProblem("a second output ('" + node.getOutput(i) + "') is not supported");
            }
        }
        LayerOps ops = new LayerOps(this, node, shape);
        Module m;
        switch (op) {
            case "Identity", "Dropout" -> {
                advance(out, shape);
                return;
            }
            case "Pad" -> {
                LayerOps.PendingPad p = ops.pad(opset);
                if (p != null) {
                    pendingPad = p;
                }
                advance(out, shape);
                return;
            }
            case "Add" -> {
                addBias(node, x, out);
                return;
            }
            case "Conv" -> {
                m = ops.conv(pendingPad);
                pendingPad = null;
            }
            case "Gemm" -> m = ops.gemm();
            case "MatMul" -> m = ops.matmul();
            case "Relu" -> m = new ReLU();
            case "MaxPool", "AveragePool" -> m = ops.pool(op.equals("MaxPool"));
            case "Flatten" -> m = ops.flatten();
            case "Reshape" -> m = ops.reshape(integer(input(node, 1)));
            default -> throw new OnnxProblem("is not supported: convlab reads Conv, Gemm, MatMul, Add (a MatMul's bias),"
                    + " Relu, MaxPool, AveragePool, Flatten, Reshape, Pad (before a Conv), Identity, Dropout and the"
                    + " integer operators of shape arithmetic");
        }
        int[] next = ops.outputShape(m);
        long elements = TensorData.count(next);
        if (elements > MAX_SAMPLE_ELEMENTS) {
            throw new OnnxProblem("would make " + elements + " values per sample, more than " + MAX_SAMPLE_ELEMENTS);
        }
        String name = layerName(node, ops.weightName());
        layers.add(m);
        names.add(name);
        pendingMatMul = op.equals("MatMul") ? m : null;
        advance(out, next);
    }

    /** The node's activation input, which must be the last layer's output. */
    private String activationInput(NodeProto node) {
        String x = input(node, 0);
        if (node.getOpType().equals("Add") && !activations.containsKey(x)) {
            x = input(node, 1);
        }
        if (!activations.containsKey(x)) {
            throw new OnnxProblem(tensors.containsKey(x) || ints.containsKey(x)
                    ? "reads no layer output (its first input '" + x + "' is a constant)"
                    : "reads '" + x + "', which no earlier node produced");
        }
        if (!x.equals(current)) {
            throw new OnnxProblem("reads '" + x + "', an earlier layer's output, not the last one ('" + current
                    + "'): convlab reads chains of layers only");
        }
        for (int i = 1; i < node.getInputCount(); i++) {
            if (activations.containsKey(node.getInput(i)) && !node.getInput(i).equals(x)) {
                throw new OnnxProblem("reads two layer outputs: convlab reads chains of layers only");
            }
        }
        return x;
    }

    /** {@code Add(matmul_out, bias)}: the bias of the Linear the MatMul before made. */
    private void addBias(NodeProto node, String x, String out) {
        String other = input(node, 0).equals(x) ? input(node, 1) : input(node, 0);
        if (pendingMatMul == null) {
            throw new OnnxProblem("is supported only as the bias after a MatMul");
        }
        Module linear = LayerOps.withBias(pendingMatMul, weight(other));
        int at = layers.size() - 1;
        layers.set(at, linear);
        pendingMatMul = null;
        advance(out, shape);
    }

    private void advance(String out, int[] next) {
        activations.put(out, next);
        current = out;
        shape = next;
    }

    /**
     * A child name: the state-dict prefix of the weight ({@code conv1} of {@code conv1.weight}),
     * else the module scope of a PyTorch node name ({@code features.1} of
     * {@code /features/features.1/Relu}), else a plain node name, else the op and a count.
     */
    private String layerName(NodeProto node, String weightName) {
        String name = null;
        if (weightName != null && weightName.endsWith(".weight") && weightName.length() > ".weight".length()) {
            name = weightName.substring(0, weightName.length() - ".weight".length());
        } else if (node.getName().startsWith("/")) {
            String[] parts = node.getName().split("/");
            if (parts.length >= 3) {
                name = parts[parts.length - 2];
            }
        } else if (!node.getName().isEmpty() && node.getName().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            name = node.getName();
        }
        if (name == null || name.isEmpty()) {
            String op = node.getOpType().toLowerCase(Locale.ROOT);
            int n = opCounts.merge(op, 1, Integer::sum);
            name = op + n;
        }
        String unique = name;
        for (int i = 2; !layerNames.add(unique); i++) {
            unique = name + "_" + i;
        }
        return unique;
    }
}
