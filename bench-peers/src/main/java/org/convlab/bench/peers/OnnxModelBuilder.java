package org.convlab.bench.peers;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.convlab.tensor.Tensor;

/**
 * Writes a {@link Model} with given {@link Weights} as an ONNX model (opset 13), using the ONNX
 * protobuf schema classes that ship in {@code org.tribuo:tribuo-util-onnx}.
 *
 * <p>Graph for the ConvNet: {@code x (N, C, H, W) -> Conv(conv1, pads 2) -> Relu -> Conv(conv2,
 * pads 1) -> Relu -> Flatten(axis 1) -> Gemm(fc, transB=1) -> logits (N, 10)}. For the MLP:
 * {@code Flatten -> Gemm -> Relu -> Gemm -> Relu -> Gemm}. {@code Gemm} with {@code transB=1}
 * takes the weight in PyTorch's {@code (out, in)} layout unchanged; the batch dimension is
 * symbolic ({@code "N"}).
 */
public final class OnnxModelBuilder {
    /** The graph's input and output names. */
    public static final String INPUT = "x";
    public static final String OUTPUT = "logits";
    private static final int OPSET = 13;
    private static final long IR_VERSION = 7;

    private OnnxModelBuilder() {
    }

    /** The serialized ONNX model. */
    public static byte[] build(Model model, Weights weights) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(model.name().replace('-', '_'));
        g.addInput(valueInfo(INPUT, "N", model.channels(), model.height(), model.width()));
        g.addOutput(valueInfo(OUTPUT, "N", Model.CLASSES));
        String h = INPUT;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String w = l.name() + ".weight";
            String b = l.name() + ".bias";
            g.addInitializer(initializer(w, weights.weight(l.name())));
            g.addInitializer(initializer(b, weights.bias(l.name())));
            String out = i == layers.size() - 1 ? OUTPUT : l.name();
            if (l.isConv()) {
                int k = l.conv().axis(0).kernel();
                int p = l.conv().axis(0).padBefore();
                g.addNode(node("Conv", List.of(h, w, b), out, ints("kernel_shape", k, k),
                        ints("pads", p, p, p, p), ints("strides", 1, 1), ints("dilations", 1, 1)));
            } else {
                if (i == 0 || layers.get(i - 1).isConv()) {
                    g.addNode(node("Flatten", List.of(h), h + "_flat", integer("axis", 1)));
                    h = h + "_flat";
                }
                g.addNode(node("Gemm", List.of(h, w, b), out, integer("transB", 1)));
            }
            h = out;
            if (i < layers.size() - 1) {
                g.addNode(node("Relu", List.of(h), h + "_relu"));
                h = h + "_relu";
            }
        }
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("convlab-bench-peers")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g)
                .build()
                .toByteArray();
    }

    private static ValueInfoProto valueInfo(String name, String batchDim, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batchDim));
        for (int d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }

    private static TensorProto initializer(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (int d : t.shape().dims()) {
            b.addDims(d);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(t.data(), 0, t.size());
        return b.setRawData(ByteString.copyFrom(raw)).build();
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op.toLowerCase(java.util.Locale.ROOT))
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
