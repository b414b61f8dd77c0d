package org.convlab.nn.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.core.BuildInfo;
import org.convlab.nn.Module;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.OptimizerState;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.io.TensorFile;

/**
 * Saves and loads checkpoints: a model's architecture and weights, optionally an optimiser's
 * state, and the caller's metadata, in convlab's tensor file format ({@link TensorFile}: magic,
 * CRC-32C, every length checked before allocating, atomic replace keeping {@code FILE.bak}).
 *
 * <pre>{@code
 * Checkpoints.save(Path.of("run.ckpt"), model, optimizer, Map.of("epochs_done", "3"));
 * Module again = Checkpoints.loadModel(Path.of("run.ckpt"));       // no knowledge of the model needed
 * Checkpoint c = Checkpoints.read(Path.of("run.ckpt"));
 * c.restoreModel(model);  c.restoreOptimizer(optimizer);            // continue a run bit for bit
 * }</pre>
 *
 * <p>Format version 2. Tensors {@code model/<name>} (the state dict, e.g. {@code model/conv1.weight})
 * and {@code optimizer/<name>} ({@code optimizer/0.momentum_buffer}). Metadata written here:
 * <pre>
 * format=convlab-checkpoint   checkpoint_version=2   contents=model | model+optimizer
 * architecture=N, architecture.0 .. architecture.N-1   — {@link Architecture}'s lines
 * optimizer=SGD(lr=...)   optimizer.steps=s0,s1,...   — with an optimiser
 * convlab.version, convlab.commit                      — the build that wrote it
 * </pre>
 * and every entry of the caller's metadata (which may not use those keys). Version-1 files
 * ({@code format=convlab-train-checkpoint}, written by convlab's {@code train} before) are still
 * read: they have no architecture, and their step counts are {@code optimizer_steps}.
 */
public final class Checkpoints {
    /** The format version this convlab writes. */
    public static final int VERSION = 2;
    /** The {@code format} metadata of version 2. */
    public static final String FORMAT = "convlab-checkpoint";
    /** The {@code format} metadata of version 1. */
    public static final String FORMAT_V1 = "convlab-train-checkpoint";
    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    private static final Set<String> RESERVED = Set.of("format", "checkpoint_version", "contents", "architecture",
            "optimizer", "optimizer.steps", "convlab.version", "convlab.commit");

    private Checkpoints() {
    }

    /**
     * Writes {@code model} (architecture and weights), {@code optimizer}'s state and {@code metadata}
     * to {@code file}, atomically; the previous file is kept as {@code FILE.bak}.
     *
     * @param optimizer null for a model-only checkpoint
     * @throws BadParameterException naming {@code model} when a layer's architecture cannot be
     *                               recorded, or {@code metadata} for a reserved key
     * @throws BadFileException      when the file cannot be written
     */
    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata) {
        Architecture arch = Architecture.of(model);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("checkpoint_version", Integer.toString(VERSION));
        meta.put("contents", optimizer == null ? "model" : "model+optimizer");
        meta.put("convlab.version", BuildInfo.version());
        meta.put("convlab.commit", BuildInfo.commit());
        meta.put("architecture", Integer.toString(arch.lines().size()));
        for (int i = 0; i < arch.lines().size(); i++) {
            meta.put("architecture." + i, arch.lines().get(i));
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put(MODEL + k, v));
        if (optimizer != null) {
            OptimizerState s = optimizer.stateDict();
            meta.put("optimizer", optimizer.toString());
            meta.put("optimizer.steps", join(s.steps()));
            s.tensors().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (RESERVED.contains(e.getKey()) || e.getKey().startsWith("architecture.")) {
                throw new BadParameterException("metadata", "keys other than the format's own " + RESERVED
                        + " and architecture.*", e.getKey());
            }
            meta.put(e.getKey(), e.getValue());
        }
        TensorFile.write(file, meta, tensors);
    }

    /** A model-only checkpoint: {@link #save} without an optimiser (what an import or an export writes). */
    public static void saveModel(Path file, Module model, Map<String, String> metadata) {
        save(file, model, null, metadata);
    }

    /**
     * The network saved in {@code file} (version 2), rebuilt from its recorded architecture, with
     * its weights: {@code read(file).buildModel()}.
     *
     * @throws BadFileException when the file is damaged, not a checkpoint, of version 1, or
     *                          records an architecture that does not fit its weights
     */
    public static Module loadModel(Path file) {
        return read(file).buildModel();
    }

    /**
     * Reads a checkpoint of version 1 or 2, checking its structure (not yet that it fits a model).
     *
     * @throws BadFileException when the file is damaged or not a convlab checkpoint
     */
    public static Checkpoint read(Path file) {
        TensorFile.Contents c = TensorFile.read(file);
        Map<String, String> meta = c.metadata();
        int version = version(file, meta);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(MODEL)) {
                model.put(e.getKey().substring(MODEL.length()), e.getValue());
            } else if (e.getKey().startsWith(OPTIMIZER)) {
                optimizer.put(e.getKey().substring(OPTIMIZER.length()), e.getValue());
            } else {
                throw new BadFileException(file, "holds an unexpected tensor '" + e.getKey() + "'");
            }
        }
        Architecture arch = null;
        OptimizerState opt;
        if (version == 1) {
            opt = new OptimizerState(optimizer, parseSteps(file, "optimizer_steps", meta));
        } else {
            arch = Architecture.parse(architectureLines(file, meta));
            boolean withOptimizer = "model+optimizer".equals(meta.get("contents"));
            if (!withOptimizer && !"model".equals(meta.get("contents"))) {
                throw new BadFileException(file, "metadata contents: expected model or model+optimizer, found "
                        + quoted(meta.get("contents")));
            }
            if (!withOptimizer && !optimizer.isEmpty()) {
                throw new BadFileException(file, "is a model-only checkpoint but holds optimiser tensors");
            }
            opt = withOptimizer ? new OptimizerState(optimizer, parseSteps(file, "optimizer.steps", meta)) : null;
        }
        return new Checkpoint(file, version, meta, arch, model, opt);
    }

    /** Reads only what is needed to tell the version and the metadata (still the whole file, checksum checked). */
    public static Map<String, String> metadata(Path file) {
        Map<String, String> meta = TensorFile.read(file).metadata();
        version(file, meta);
        return meta;
    }

    private static int version(Path file, Map<String, String> meta) {
        String format = meta.get("format");
        String version = meta.get("checkpoint_version");
        if (FORMAT.equals(format) && Integer.toString(VERSION).equals(version)) {
            return VERSION;
        }
        if (FORMAT_V1.equals(format) && "1".equals(version)) {
            return 1;
        }
        if (FORMAT.equals(format) || FORMAT_V1.equals(format)) {
            throw new BadFileException(file, "has checkpoint version " + quoted(version)
                    + "; this convlab reads versions 1 and " + VERSION);
        }
        throw new BadFileException(file, "is a convlab tensor file but not a checkpoint (format=" + format + ")");
    }

    private static List<String> architectureLines(Path file, Map<String, String> meta) {
        String n = meta.get("architecture");
        int count;
        try {
            count = Integer.parseInt(n == null ? "" : n);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > meta.size()) {
            throw new BadFileException(file, "metadata architecture: expected the number of modules, found "
                    + quoted(n));
        }
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String line = meta.get("architecture." + i);
            if (line == null) {
                throw new BadFileException(file, "metadata architecture." + i + " is missing (of " + count + ")");
            }
            lines.add(line);
        }
        return lines;
    }

    private static long[] parseSteps(Path file, String key, Map<String, String> meta) {
        String v = meta.getOrDefault(key, "");
        if (v.isEmpty()) {
            return new long[0];
        }
        String[] parts = v.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = -1;
            }
            if (out[i] < 0) {
                throw new BadFileException(file, "metadata " + key + ": expected non-negative integers, found '"
                        + v + "'");
            }
        }
        return out;
    }

    private static String join(long[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.toString();
    }

    private static String quoted(String v) {
        return v == null ? "nothing" : "'" + v + "'";
    }
}
