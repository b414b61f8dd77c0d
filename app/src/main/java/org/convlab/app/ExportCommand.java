package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.core.BuildInfo;
import org.convlab.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convlab export}: writes a checkpoint's network as an ONNX file, with the input shape,
 * normalisation and class names the checkpoint records as the model's {@code metadata_props}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a checkpoint's network as an ONNX model (opset 13, batch size free), for ONNX Runtime,"
            + " PyTorch or any other engine.",
            "The input shape, normalisation and class names go into the model's metadata_props."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "The checkpoint to export (saved by train or import).")
    Path checkpoint;

    @Option(names = "--onnx", paramLabel = "OUT.onnx", required = true,
            description = "The ONNX file to write (replaced only once complete).")
    Path onnx;

    @Option(names = "--json", description = "Print one JSON object describing the export.")
    boolean json;

    @Override
    public Integer call() {
        PathOptions.inputFile("--checkpoint", checkpoint);
        WriteTargets.regularFile("--onnx", onnx, checkpoint);
        SavedModel saved = SavedModel.load("--checkpoint", checkpoint);
        ModelCard card = saved.card();
        if (card.inputShape() == null) {
            throw new BadFileException(checkpoint, "records no input shape (input.shape or data.shape), which an"
                    + " ONNX file needs");
        }
        Map<String, String> meta = new LinkedHashMap<>(card.toMetadata());
        meta.put("convlab.source", checkpoint.getFileName().toString());
        meta.put("convlab.version", BuildInfo.version());
        try {
            OnnxExport.write(saved.model(), card.inputShape(), meta, onnx);
        } catch (BadParameterException e) {
            throw new BadFileException(checkpoint, "holds a network ONNX cannot express: " + e.getMessage());
        }
        long bytes;
        try {
            bytes = Files.size(onnx);
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkpoint", checkpoint.toString());
            m.put("onnx", onnx.toString());
            m.put("bytes", bytes);
            m.put("opset", OnnxExport.OPSET);
            m.put("input_shape", card.inputShape());
            m.put("parameters", saved.model().parameterCount());
            m.put("metadata", meta);
            out.println(Json.write(m));
        } else {
            out.printf("model      %s: %,d parameters%n", checkpoint, saved.model().parameterCount());
            out.printf("wrote      %s (%,d bytes; ONNX opset %d, input (N, %s))%n", onnx, bytes, OnnxExport.OPSET,
                    String.join(", ", Arrays.stream(card.inputShape()).mapToObj(Integer::toString).toList()));
            out.printf("metadata   %s%n", String.join(", ", meta.keySet()));
        }
        out.flush();
        return 0;
    }
}
