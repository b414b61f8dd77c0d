package org.convlab.lab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.optim.Optimizer;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.io.TensorFile;

/**
 * A training checkpoint in convlab's tensor file format ({@link TensorFile}: magic, version,
 * CRC-32C, atomic replace with {@code FILE.bak}).
 *
 * <p>Tensors: {@code model/<name>} for every entry of the model's state dict
 * ({@code model/conv1.weight}, ...) and {@code optimizer/<name>} for the optimiser's state
 * ({@code optimizer/0.momentum_buffer}, {@code optimizer/3.exp_avg}, ...). Metadata lines:
 * <pre>
 * format=convlab-train-checkpoint    checkpoint_version=1
 * config.model, config.hidden, config.channels, config.lr, config.batch, config.optimizer,
 * config.momentum, config.seed, config.eval_every   — what must match to resume
 * data.*                             — the data set's identity (spec, split sizes, shape)
 * epochs_done=E                      — completed epochs; training resumes with epoch E+1
 * step=S                             — global steps taken
 * shuffle=...                        — the batch order of epoch e is a function of (seed, e) alone
 * optimizer_steps=s0,s1,...          — the optimiser's step count per parameter
 * history.curve, history.epochs      — the validation measurements so far
 * seconds, train_seconds             — time spent so far
 * </pre>
 * The random state needs no more than that: initial weights are drawn once from the seed and
 * then replaced by the saved values, and the batch order of every epoch is drawn from
 * (seed, epoch).
 */
public final class Checkpoint {
    static final String FORMAT = "convlab-train-checkpoint";
    static final String VERSION = "1";
    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";

    private Checkpoint() {
    }

    /** What a checkpoint says about the run so far. */
    public record State(int epochsDone, long step, List<TrainResult.CurvePoint> curve,
                        List<TrainResult.EpochResult> epochs, double seconds, double trainSeconds) {
    }

    /** Writes a checkpoint of the run after {@code state.epochsDone()} epochs. */
    public static void save(Path file, TrainConfig config, Map<String, String> data, Module model,
                            Optimizer optimizer, State state) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("checkpoint_version", VERSION);
        config.identity().forEach((k, v) -> meta.put("config." + k, v));
        data.forEach((k, v) -> meta.put("data." + k, v));
        meta.put("epochs_target", Integer.toString(config.epochs()));
        meta.put("epochs_done", Integer.toString(state.epochsDone()));
        meta.put("step", Long.toString(state.step()));
        meta.put("shuffle", "order of epoch e drawn from (seed " + config.seed() + ", e); next epoch "
                + (state.epochsDone() + 1));
        long[] steps = optimizer.steps();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            s.append(i == 0 ? "" : ",").append(steps[i]);
        }
        meta.put("optimizer_steps", s.toString());
        meta.put("history.curve", encodeCurve(state.curve()));
        meta.put("history.epochs", encodeEpochs(state.epochs()));
        meta.put("seconds", Double.toString(state.seconds()));
        meta.put("train_seconds", Double.toString(state.trainSeconds()));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put(MODEL + k, v));
        optimizer.state().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        TensorFile.write(file, meta, tensors);
    }

    /**
     * Reads {@code file} into {@code model} and {@code optimizer} (built from {@code config}) and
     * returns the run's state.
     *
     * @throws BadFileException      when the file is damaged or not a training checkpoint
     * @throws BadParameterException naming {@code --resume} when it is a checkpoint of another run
     */
    public static State load(Path file, TrainConfig config, Map<String, String> data, Module model,
                             Optimizer optimizer) {
        TensorFile.Contents c = TensorFile.read(file);
        Map<String, String> meta = c.metadata();
        checkRun(file, config, meta);
        data.forEach((k, v) -> requireSame(file, "data." + k, v, meta));

        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(MODEL)) {
                modelState.put(e.getKey().substring(MODEL.length()), e.getValue());
            } else if (e.getKey().startsWith(OPTIMIZER)) {
                optimizerState.put(e.getKey().substring(OPTIMIZER.length()), e.getValue());
            } else {
                throw new BadFileException(file, "holds an unexpected tensor '" + e.getKey() + "'");
            }
        }
        try {
            model.loadStateDict(modelState);
        } catch (BadParameterException e) {
            throw new BadFileException(file, "does not fit the model: " + e.getMessage());
        }
        Map<String, Tensor> live = optimizer.state();
        if (!live.keySet().equals(optimizerState.keySet())) {
            throw new BadFileException(file, "has optimiser state " + optimizerState.keySet() + ", expected "
                    + live.keySet());
        }
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            Tensor saved = optimizerState.get(e.getKey());
            if (!saved.shape().equals(e.getValue().shape())) {
                throw new BadFileException(file, "optimiser state " + e.getKey() + " has shape " + saved.shape()
                        + ", expected " + e.getValue().shape());
            }
            e.getValue().copyFrom(saved);
        }
        long[] steps = parseLongs(file, "optimizer_steps", meta);
        if (steps.length != optimizer.steps().length) {
            throw new BadFileException(file, "has " + steps.length + " optimiser step counts, expected "
                    + optimizer.steps().length);
        }
        System.arraycopy(steps, 0, optimizer.steps(), 0, steps.length);
        int done = (int) parseLong(file, "epochs_done", meta);
        long step = parseLong(file, "step", meta);
        return new State(done, step, decodeCurve(file, meta.getOrDefault("history.curve", "")),
                decodeEpochs(file, meta.getOrDefault("history.epochs", "")),
                parseDouble(file, "seconds", meta), parseDouble(file, "train_seconds", meta));
    }

    /**
     * Checks, before any data is loaded, that {@code file} is an intact training checkpoint of
     * the run {@code config} describes (all but the data set, which {@link #load} checks once it
     * is loaded); returns its metadata.
     *
     * @throws BadFileException      when the file is damaged or not a training checkpoint
     * @throws BadParameterException naming {@code --resume} when it is a checkpoint of another run
     */
    public static Map<String, String> check(Path file, TrainConfig config) {
        Map<String, String> meta = TensorFile.read(file).metadata();
        checkRun(file, config, meta);
        return meta;
    }

    private static void checkRun(Path file, TrainConfig config, Map<String, String> meta) {
        if (!FORMAT.equals(meta.get("format"))) {
            throw new BadFileException(file, "is a convlab tensor file but not a training checkpoint (format="
                    + meta.get("format") + ")");
        }
        if (!VERSION.equals(meta.get("checkpoint_version"))) {
            throw new BadFileException(file, "has checkpoint version " + meta.get("checkpoint_version")
                    + "; this convlab reads version " + VERSION);
        }
        config.identity().forEach((k, v) -> requireSame(file, "config." + k, v, meta));
    }

    /** The metadata of a checkpoint, for people ({@code convlab train --resume} prints what it continues). */
    public static Map<String, String> metadata(Path file) {
        return TensorFile.read(file).metadata();
    }

    private static void requireSame(Path file, String key, String expected, Map<String, String> meta) {
        String found = meta.get(key);
        if (!expected.equals(found)) {
            throw new BadParameterException("--resume", file + " is a checkpoint of another run: it has "
                    + key.substring(key.indexOf('.') + 1) + " " + (found == null ? "(none)" : found) + ", this run "
                    + expected);
        }
    }

    private static String encodeCurve(List<TrainResult.CurvePoint> curve) {
        StringBuilder s = new StringBuilder();
        for (TrainResult.CurvePoint p : curve) {
            s.append(s.length() == 0 ? "" : ";").append(p.iteration()).append(',').append(p.epoch()).append(',')
                    .append(p.valAccuracy()).append(',').append(p.trainLoss());
        }
        return s.toString();
    }

    private static String encodeEpochs(List<TrainResult.EpochResult> epochs) {
        StringBuilder s = new StringBuilder();
        for (TrainResult.EpochResult e : epochs) {
            s.append(s.length() == 0 ? "" : ";").append(e.epoch()).append(',').append(e.valAccuracy()).append(',')
                    .append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',').append(e.seconds());
        }
        return s.toString();
    }

    private static List<TrainResult.CurvePoint> decodeCurve(Path file, String text) {
        List<TrainResult.CurvePoint> out = new ArrayList<>();
        for (String[] f : records(file, "history.curve", text, 4)) {
            out.add(new TrainResult.CurvePoint(Long.parseLong(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return out;
    }

    private static List<TrainResult.EpochResult> decodeEpochs(Path file, String text) {
        List<TrainResult.EpochResult> out = new ArrayList<>();
        for (String[] f : records(file, "history.epochs", text, 5)) {
            out.add(new TrainResult.EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        return out;
    }

    private static List<String[]> records(Path file, String key, String text, int fields) {
        List<String[]> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String r : text.split(";")) {
            String[] f = r.split(",");
            if (f.length != fields) {
                throw new BadFileException(file, "metadata " + key + ": expected records of " + fields
                        + " numbers, found '" + r + "'");
            }
            try {
                for (String x : f) {
                    Double.parseDouble(x);
                }
            } catch (NumberFormatException e) {
                throw new BadFileException(file, "metadata " + key + ": expected numbers, found '" + r + "'");
            }
            out.add(f);
        }
        return out;
    }

    private static long parseLong(Path file, String key, Map<String, String> meta) {
        String v = meta.get(key);
        try {
            long x = Long.parseLong(v == null ? "" : v);
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "metadata " + key + ": expected a non-negative integer, found "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
    }

    private static long[] parseLongs(Path file, String key, Map<String, String> meta) {
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
                throw new BadFileException(file, "metadata " + key + ": expected integers, found '" + v + "'");
            }
        }
        return out;
    }

    private static double parseDouble(Path file, String key, Map<String, String> meta) {
        String v = meta.get(key);
        try {
            return Double.parseDouble(v == null ? "" : v);
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "metadata " + key + ": expected a number, found "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
    }
}
