package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.convlab.core.BadFileException;
import org.convlab.core.ConvlabException;
import org.convlab.nn.init.Rng;
import org.convlab.onnx.proto.Onnx.GraphProto;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.onnx.proto.Onnx.NodeProto;
import org.convlab.onnx.proto.Onnx.TensorProto;
import org.convlab.onnx.proto.Onnx.TensorShapeProto;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged or hostile ONNX file is one line naming the file (and the node and op where there is
 * one), refused before anything large is allocated; never a stack trace or an exhausted heap.
 */
class OnnxDamagedFileTest {
    private static final Path SOURCE = Path.of("model.onnx");

    private static ModelProto pooled() throws Exception {
        return ModelProto.parseFrom(Files.readAllBytes(Fixtures.onnx("pooled_cnn")));
    }

    private static String refusal(byte[] bytes) {
        try {
            OnnxImport.load(bytes, SOURCE);
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(SOURCE.toString()).doesNotContain("\n");
            return e.getMessage();
        }
        return fail("accepted");
    }

    private static String refusal(UnaryOperator<ModelProto.Builder> damage) throws Exception {
        return refusal(damage.apply(pooled().toBuilder()).build().toByteArray());
    }

    /** Replaces node {@code i} of the graph. */
    private static ModelProto.Builder node(ModelProto.Builder m, int i, UnaryOperator<NodeProto.Builder> change) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        g.setNode(i, change.apply(g.getNode(i).toBuilder()));
        return m.setGraph(g);
    }

    /** Changes the graph's input's shape. */
    private static ModelProto.Builder inputShape(ModelProto.Builder m, UnaryOperator<TensorShapeProto.Builder> change) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        var in = g.getInput(0).toBuilder();
        var type = in.getType().toBuilder();
        var tensor = type.getTensorType().toBuilder();
        tensor.setShape(change.apply(tensor.getShape().toBuilder()));
        g.setInput(0, in.setType(type.setTensorType(tensor)));
        return m.setGraph(g);
    }

    /** Replaces initializer {@code i}. */
    private static ModelProto.Builder init(ModelProto.Builder m, int i, UnaryOperator<TensorProto.Builder> change) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        g.setInitializer(i, change.apply(g.getInitializer(i).toBuilder()));
        return m.setGraph(g);
    }

    @Test
    void notAnOnnxFile() {
        assertThat(refusal(new byte[0])).contains("is empty");
        assertThat(refusal("hello, world\n".getBytes(StandardCharsets.UTF_8))).contains("is not an ONNX model");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(refusal(png)).contains("is not an ONNX model");
        assertThat(refusal(ModelProto.newBuilder().setProducerName("x").build().toByteArray()))
                .contains("no IR version");
    }

    @Test
    void cutShort() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.onnx("three_layer_convnet"));
        assertThat(refusal(Arrays.copyOf(whole, whole.length / 2))).contains("damaged or cut short");
    }

    @Test
    void versionsAndTypesOutsideWhatIsRead() throws Exception {
        assertThat(refusal(m -> m.setIrVersion(99))).contains("IR version 99, expected 3 to 10");
        assertThat(refusal(m -> m.setOpsetImport(0, m.getOpsetImport(0).toBuilder().setVersion(7))))
                .contains("opset 7 of the default ONNX domain, expected 11 to 18");
        assertThat(refusal(m -> init(m, 0, t -> t.setDataType(TensorProto.DataType.DOUBLE.getNumber()))))
                .contains("node '/features/features.0/Conv' (Conv)").contains("data type DOUBLE");
        assertThat(refusal(m -> {
            GraphProto.Builder g = m.getGraph().toBuilder();
            var in = g.getInput(0).toBuilder();
            var type = in.getType().toBuilder();
            type.setTensorType(type.getTensorType().toBuilder().setElemType(TensorProto.DataType.INT8.getNumber()));
            g.setInput(0, in.setType(type));
            return m.setGraph(g);
        })).contains("input 'input' is INT8, expected a FLOAT");
    }

    @Test
    void unsupportedOpNamesTheNodeAndTheOp() throws Exception {
        assertThat(refusal(m -> node(m, 1, n -> n.setOpType("Sigmoid"))))
                .contains("node '/features/features.1/Relu' (Sigmoid): is not supported");
        assertThat(refusal(m -> node(m, 1, n -> n.setDomain("com.microsoft"))))
                .contains("(Relu): operators of domain 'com.microsoft' are not supported");
        assertThat(refusal(m -> node(m, 2, n -> n.clearAttribute().addAttribute(
                GraphWriter.integer("ceil_mode", 1)).addAttribute(GraphWriter.ints("kernel_shape", 2, 2)))))
                .contains("(MaxPool): ceil_mode = 1 is not supported");
    }

    @Test
    void hostileSizesAreRefusedBeforeAllocating() throws Exception {
        // 2^60 elements claimed: the dimension check stops it, not the heap.
        assertThat(refusal(m -> init(m, 0, t -> t.clearDims().addDims(1L << 20).addDims(1L << 20).addDims(1L << 20)
                .addDims(1)))).contains("more than").contains("elements");
        assertThat(refusal(m -> init(m, 0, t -> t.clearDims().addDims(-4).addDims(1).addDims(3).addDims(3))))
                .contains("dimension -4");
        // A plausible shape whose data is not there.
        assertThat(refusal(m -> init(m, 0, t -> t.clearDims().addDims(1000).addDims(1).addDims(30).addDims(30))))
                .contains("holds 144 bytes, expected 3600000");
        assertThat(refusal(m -> init(m, 0, t -> t.setDataLocation(TensorProto.DataLocation.EXTERNAL))))
                .contains("external file");
        // An input of 10^10 values per sample.
        assertThat(refusal(m -> inputShape(m, s -> s.setDim(2, s.getDim(2).toBuilder().setDimValue(100_000))
                .setDim(3, s.getDim(3).toBuilder().setDimValue(100_000))))).contains("more than 134217728");
        // Padding that would make 8 * 120k * 120k activations.
        assertThat(refusal(m -> node(m, 0, n -> n.setAttribute(3, GraphWriter.ints("pads", 60000, 60000, 60000,
                60000))))).contains("(Conv): would make").contains("values per sample");
    }

    @Test
    void aGraphThatIsNotAChainIsRefused() throws Exception {
        // A residual connection: Add reads the first Relu's output and the MaxPool's.
        assertThat(refusal(m -> node(m, 2, n -> n.setOpType("Add").clearAttribute()
                .addInput("/features/features.0/Conv_output_0")))).contains("(Add)").contains("chains of layers");
    }

    @Test
    void missingFilesAndDirectories(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxImport.read(dir.resolve("nothing.onnx"))).isInstanceOf(BadFileException.class)
                .hasMessageEndingWith("no such file");
        assertThatThrownBy(() -> OnnxImport.read(dir)).isInstanceOf(BadFileException.class)
                .hasMessageContaining("is a directory");
    }

    /**
     * Seeded damage of valid files: a cut at a random length or a few flipped bits (half of them
     * in the first 2 KiB, where the graph's structure is). Every outcome is a model that runs or
     * one clear line.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pooled_cnn", "three_layer_convnet", "small_mlp"})
    void seededTruncationsAndBitFlips(String name) throws Exception {
        byte[] valid = Files.readAllBytes(Fixtures.onnx(name));
        Tensor x = Fixtures.input(name);
        int[] sample = Arrays.copyOfRange(x.shape().dims(), 1, x.rank());
        int loaded = 0;
        int refused = 0;
        for (int seed = 0; seed < 150; seed++) {
            Rng rng = new Rng(1000L * seed + name.length());
            byte[] b;
            if (seed % 3 == 0) {
                b = Arrays.copyOf(valid, rng.nextInt(valid.length));
            } else {
                b = valid.clone();
                int flips = 1 + rng.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = rng.nextInt(2) == 0 ? rng.nextInt(Math.min(2048, b.length)) : rng.nextInt(b.length);
                    b[at] ^= (byte) (1 << rng.nextInt(8));
                }
            }
            try {
                OnnxImport.Imported m = OnnxImport.load(b, SOURCE);
                if (Arrays.equals(m.inputShape(), sample)) {
                    m.model().forward(x);
                }
                loaded++;
            } catch (ConvlabException e) {
                assertThat(e.getMessage()).as("seed " + seed).doesNotContain("\n").isNotBlank();
                refused++;
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new AssertionError(name + ", seed " + seed + ": " + e, e);
            }
        }
        assertThat(refused).as("damage found").isGreaterThan(30);
        assertThat(loaded + refused).isEqualTo(150);
    }

    @Test
    void anUnknownConstantIsNamed() throws Exception {
        assertThat(refusal(m -> node(m, 0, n -> n.setInput(1, "missing")))).contains("(Conv)")
                .contains("'missing' is not a weight stored in the file");
        assertThat(refusal(m -> init(m, 0, t -> t.setRawData(ByteString.copyFrom(new byte[3])))))
                .contains("holds 3 bytes, expected 144");
    }
}
