package org.convlab.bench.peers;

import java.util.List;
import org.convlab.core.BadParameterException;

/**
 * The engines of the comparison by name, in table order; convlab first, PyTorch through DJL
 * second (the reference of the correctness checks).
 */
public final class Engines {
    /** Every engine the harness knows, in column order. */
    public static final List<String> ALL = List.of("convlab", "pytorch-djl", "pytorch-py", "onnxruntime");
    /** The engines that are PyTorch: the reference of the checks, and the target of the ratios. */
    public static final List<String> PYTORCH = List.of("pytorch-djl", "pytorch-py");

    private Engines() {
    }

    /** A new engine, or {@code null} when this build cannot run it (its column then reads n/a). */
    public static Engine create(String name) {
        return switch (name) {
            case "convlab" -> new ConvlabEngine();
            case "pytorch-djl" -> new PyTorchDjlEngine();
            case "pytorch-py" -> new PythonTorchEngine();
            case "onnxruntime" -> new OnnxRuntimeEngine();
            default -> throw new BadParameterException("--engines", "some of " + String.join(",", ALL), name);
        };
    }

    /** Why {@code name} has no column, for the report. */
    public static String unavailable(String name) {
        return "n/a: " + name + " cannot run in this build";
    }
}
