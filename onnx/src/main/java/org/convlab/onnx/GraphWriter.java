package org.convlab.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convlab.onnx.proto.Onnx.AttributeProto;
import org.convlab.onnx.proto.Onnx.GraphProto;
import org.convlab.onnx.proto.Onnx.NodeProto;
import org.convlab.onnx.proto.Onnx.TensorProto;
import org.convlab.onnx.proto.Onnx.TensorShapeProto;
import org.convlab.onnx.proto.Onnx.TypeProto;
import org.convlab.onnx.proto.Onnx.ValueInfoProto;

/**
 * Builds an ONNX graph node by node: float32 initializers in little-endian raw data, int64
 * constants, attributes, and value names that are unique within the graph.
 */
final class GraphWriter {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    GraphWriter(String name) {
        graph.setName(name);
    }

    GraphProto build() {
        return graph.build();
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... when taken: a value name not used yet. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Declares a float32 graph input or output of shape {@code (N, dims...)} with a symbolic batch {@code N}. */
    ValueInfoProto batched(String name, int[] dims) {
        names.add(name);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }

    void input(String name, int[] dims) {
        graph.addInput(batched(name, dims));
    }

    void output(String name, int[] dims) {
        graph.addOutput(batched(name, dims));
    }

    /** Adds a float32 initializer {@code data} of shape {@code dims} and returns its (unique) name. */
    String floats(String name, float[] data, int... dims) {
        String n = fresh(name);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        TensorProto.Builder t = TensorProto.newBuilder().setName(n).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(raw.array()));
        for (int d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return n;
    }

    /** Adds a 1-D int64 initializer (a shape, pads, a permutation) and returns its name. */
    String longs(String name, long... values) {
        String n = fresh(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(n).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return n;
    }

    /** Adds node {@code op} named {@code name} reading {@code inputs}; returns its one output's name. */
    String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(name);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    /** Renames the last node's output (the graph's output must carry the declared name). */
    void renameLastOutput(String from, String to) {
        int last = graph.getNodeCount() - 1;
        NodeProto n = graph.getNode(last);
        if (!n.getOutput(0).equals(from)) {
            throw new IllegalStateException("the last node writes " + n.getOutput(0) + ", not " + from);
        }
        graph.setNode(last, n.toBuilder().setOutput(0, to).build());
        names.add(to);
    }

    static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
