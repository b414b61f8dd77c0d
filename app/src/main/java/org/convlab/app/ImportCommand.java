package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convlab import}: reads an ONNX model made of convlab's operators (for example one
 * written by {@code torch.onnx.export}) and saves it as a model-only checkpoint, which
 * {@code train --init-from}, {@code predict} and {@code export} take like any other.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read an ONNX model (Conv, Gemm/MatMul, Relu, MaxPool, AveragePool, Flatten/Reshape, Pad; as"
            + " torch.onnx.export writes them) and save it as a convlab checkpoint.",
            "The checkpoint records the input shape and the normalisation (the ONNX metadata's, else pixels / 255);"
            + " train --init-from FILE trains it on."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The ONNX model to read.")
    Path onnx;

    @Option(names = "--save", paramLabel = "CHECKPOINT", required = true,
            description = "The checkpoint to write (atomically; a previous file is kept as CHECKPOINT.bak).")
    Path save;

    @Option(names = "--json", description = "Print one JSON object describing the import.")
    boolean json;

    @Override
    public Integer call() {
        PathOptions.inputFile("--onnx", onnx);
        WriteTargets.regularFile("--save", save, onnx);
        OnnxImport.Imported in = OnnxImport.load(onnx);
        ModelCard recorded = ModelCard.from(in.metadata(), onnx);
        if (recorded.inputShape() != null && !Arrays.equals(recorded.inputShape(), in.inputShape())) {
            throw new BadFileException(onnx, "records input.shape " + recorded.toMetadata().get("input.shape")
                    + " in its metadata but its graph takes (N, " + shape(in.inputShape()) + ")");
        }
        int[] sample = in.inputShape();
        if (recorded.mean().length > 0 && sample.length == 3 && recorded.mean().length != sample[0]) {
            throw new BadFileException(onnx, "records a normalisation of " + recorded.mean().length
                    + " channels for input (N, " + shape(sample) + ")");
        }
        ModelCard card = recorded.mean().length == 0
                ? ModelCard.identity(sample).withClassNames(recorded.classNames())
                : new ModelCard(sample, recorded.mean(), recorded.std(), recorded.classNames());
        Module model = in.model();
        Map<String, String> meta = new LinkedHashMap<>(card.toMetadata());
        meta.put("imported.from", onnx.getFileName().toString());
        meta.put("imported.producer", in.producer().isEmpty() ? "unknown" : in.producer());
        meta.put("imported.opset", Long.toString(in.opset()));
        try {
            Checkpoints.saveModel(save, model, meta);
        } catch (BadParameterException e) {
            throw new BadFileException(onnx, "holds a network a checkpoint cannot record: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("onnx", onnx.toString());
            m.put("checkpoint", save.toString());
            m.put("producer", in.producer());
            m.put("opset", in.opset());
            m.put("input_shape", in.inputShape());
            m.put("parameters", model.parameterCount());
            m.put("layers", model.stateDict().keySet());
            m.put("metadata", meta);
            out.println(Json.write(m));
        } else {
            out.printf("read       %s (%s, opset %d): input (N, %s)%n", onnx,
                    in.producer().isEmpty() ? "unknown producer" : in.producer(), in.opset(), shape(in.inputShape()));
            out.println(model);
            out.printf("saved      %s: %,d parameters; normalisation %s%n", save, model.parameterCount(),
                    card.identityNormalization() ? "none (pixels / 255)"
                            : "mean " + meta.get("input.mean") + ", std " + meta.get("input.std"));
        }
        out.flush();
        return 0;
    }

    private static String shape(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int d : s) {
            b.append(b.length() == 0 ? "" : ", ").append(d);
        }
        return b.toString();
    }
}
