package org.convlab.lab.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.nn.Module;
import org.convlab.nn.optim.Optimizer;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.io.TensorFile;

/**
 * The version-1 checkpoint writer as it was on main before format version 2 (kept verbatim as a
 * test fixture): tests write version-1 files with it and check that they are still read.
 */
final class CheckpointV1Writer {
    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";

    private CheckpointV1Writer() {
    }

    /** What a version-1 checkpoint says about the run so far. */
    record State(int epochsDone, long step, List<TrainResult.CurvePoint> curve,
                 List<TrainResult.EpochResult> epochs, double seconds, double trainSeconds) {
    }

    /** Writes a checkpoint of the run after {@code state.epochsDone()} epochs. */
    static void save(Path file, TrainConfig config, Map<String, String> data, Module model,
                            Optimizer optimizer, State state) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "convlab-train-checkpoint");
        meta.put("checkpoint_version", "1");
        config.identity().forEach((k, v) -> meta.put("config." + k, v));
        data.forEach((k, v) -> meta.put("data." + k, v));
        meta.put("epochs_target", Integer.toString(config.epochs()));
        meta.put("epochs_done", Integer.toString(state.epochsDone()));
        meta.put("step", Long.toString(state.step()));
        meta.put("shuffle", "order of epoch e drawn from (seed " + config.seed() + ", e); next epoch "
                + (state.epochsDone() + 1));
        long[] steps = optimizer.stateDict().steps();
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
        optimizer.stateDict().tensors().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        TensorFile.write(file, meta, tensors);
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
}
