package org.convlab.onnx;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.nn.Sequential;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.onnx.proto.Onnx.StringStringEntryProto;

/**
 * Reads an ONNX model made of the operators convlab has (Conv, Gemm, MatMul + Add, Relu,
 * MaxPool, AveragePool, Flatten, Reshape, Pad in front of a Conv) into a {@link Sequential},
 * including what {@code torch.onnx.export} emits: the {@code Shape → Gather → Unsqueeze → Concat
 * → Reshape} computation of {@code x.view(x.size(0), -1)} folds into one reshape, and children
 * take PyTorch's state-dict names ({@code conv1}, {@code features.0}) from the initializers.
 *
 * <p>A damaged or hostile file is refused before anything large is allocated: a size limit,
 * protobuf's bounded parsing, overflow-checked dimensions, stored bytes matched against them,
 * and the activation sizes checked from the input shape. Every failure is a
 * {@link BadFileException} of one line naming the file and, for a node, its name and op.
 */
public final class OnnxImport {
    private OnnxImport() {
    }

    /**
     * An imported model and the shape of one input sample the file declares.
     *
     * @param model       the layers, with the file's weights
     * @param inputShape  one sample, e.g. {@code (1, 28, 28)} (the batch dimension is free)
     * @param producer    who wrote the file, e.g. {@code pytorch 1.13.1}
     * @param opset       the default domain's opset of the file
     * @param metadata    the file's {@code metadata_props}, in file order
     */
    public record Imported(Sequential model, int[] inputShape, String producer, long opset,
                           Map<String, String> metadata) {
    }

    /** The model in {@code file}; see {@link #load(Path)} for its input shape. */
    public static Sequential read(Path file) {
        return load(file).model();
    }

    /** The model in {@code file} and what the file says about it. */
    public static Imported load(Path file) {
        return translate(file, OnnxFile.read(file));
    }

    /** The model in {@code bytes}; {@code source} names it in messages. */
    public static Imported load(byte[] bytes, Path source) {
        return translate(source, OnnxFile.parse(source, bytes));
    }

    private static Imported translate(Path file, ModelProto m) {
        GraphReader reader = new GraphReader(file, m);
        Sequential model = reader.read();
        String producer = (m.getProducerName() + " " + m.getProducerVersion()).trim();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        return new Imported(model, reader.inputShape(), producer, OnnxFile.defaultOpset(m),
                Collections.unmodifiableMap(metadata));
    }
}
