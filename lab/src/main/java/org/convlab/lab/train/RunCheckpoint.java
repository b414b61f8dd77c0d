package org.convlab.lab.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;

/**
 * What the lab adds to a training checkpoint ({@link Checkpoints}, written by the fit loop after
 * every epoch) and the checks that a checkpoint continues this run:
 * <pre>
 * config.model, config.hidden, config.channels, config.lr, config.batch, config.optimizer,
 * config.momentum, config.seed, config.eval_every   — what must match to resume
 * data.spec, data.shape, data.classes, data.splits, data.mean, data.std
 * data.fingerprint                   — DataFingerprint of the training split: its bytes
 * epochs_target                      — the epochs the run was asked for
 * shuffle                            — the batch order of epoch e is a function of (seed, e) alone
 * </pre>
 * The random state needs no more than that: initial weights are drawn once from the seed and
 * then replaced by the saved values, and the batch order of every epoch is drawn from
 * (seed, epoch). The fit loop adds the run's progress (epochs done, steps, history).
 */
public final class RunCheckpoint {
    private RunCheckpoint() {
    }

    /** The lab's metadata for a run of {@code config} on data of {@code dataIdentity} ({@link Trainer#dataIdentity}). */
    public static Map<String, String> metadata(TrainConfig config, Map<String, String> dataIdentity) {
        Map<String, String> meta = new LinkedHashMap<>();
        config.identity().forEach((k, v) -> meta.put("config." + k, v));
        dataIdentity.forEach((k, v) -> meta.put("data." + k, v));
        meta.put("epochs_target", Integer.toString(config.epochs()));
        meta.put("shuffle", "order of epoch e drawn from (seed " + config.seed() + ", e)");
        return meta;
    }

    /**
     * Checks, before any data is loaded, that {@code file} is an intact training checkpoint of
     * the run {@code config} describes, with no more epochs done than {@code config.epochs()};
     * returns it (the data is checked by {@link #checkData} once loaded).
     *
     * @throws BadFileException      when the file is damaged or not a training checkpoint
     * @throws BadParameterException naming {@code resume} when it is a checkpoint of another run,
     *                               or {@code epochs} when the run has done more
     */
    public static Checkpoint check(Path file, TrainConfig config) {
        Checkpoint c = Checkpoints.read(file);
        Map<String, String> meta = c.metadata();
        if (!c.hasOptimizer() || !meta.containsKey("epochs_done")) {
            throw new BadFileException(file, "is a model-only checkpoint, not a training run to resume (start a new"
                    + " run from its weights with Trainer.initFrom)");
        }
        config.identity().forEach((k, v) -> requireSame(file, "config." + k, v, meta));
        String done = meta.get("epochs_done");
        long epochsDone;
        try {
            epochsDone = Long.parseLong(done);
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "metadata epochs_done: expected a non-negative integer, found '"
                    + done + "'");
        }
        if (epochsDone > config.epochs()) {
            throw new BadParameterException("epochs", "at least the " + epochsDone + " epochs that the checkpoint "
                    + file + " has done", config.epochs());
        }
        return c;
    }

    /**
     * Checks that the checkpoint was trained on the data of {@code dataIdentity}: the same spec,
     * shape, splits and normalisation, and (from version 2 on) the same bytes of the training split.
     *
     * @throws BadParameterException naming {@code resume} and the first difference
     */
    public static void checkData(Checkpoint c, Map<String, String> dataIdentity) {
        for (Map.Entry<String, String> e : dataIdentity.entrySet()) {
            if (e.getKey().equals("fingerprint") && c.version() == 1) {
                continue; // version 1 recorded no fingerprint: its other data checks still hold
            }
            String found = c.metadata().get("data." + e.getKey());
            if (e.getKey().equals("fingerprint") && !e.getValue().equals(found)) {
                throw new BadParameterException("resume", c.file() + " was trained on other data: its training"
                        + " split has fingerprint " + shortFingerprint(found) + ", this run's "
                        + shortFingerprint(e.getValue()));
            }
            requireSame(c.file(), "data." + e.getKey(), e.getValue(), c.metadata());
        }
    }

    /** The metadata of a checkpoint, for people ({@code convlab train --resume} prints what it continues). */
    public static Map<String, String> metadata(Path file) {
        return Checkpoints.metadata(file);
    }

    private static String shortFingerprint(String f) {
        return f == null ? "(none)" : f.length() > 19 ? f.substring(0, 19) + "…" : f;
    }

    private static void requireSame(Path file, String key, String expected, Map<String, String> meta) {
        String found = meta.get(key);
        if (!expected.equals(found)) {
            throw new BadParameterException("resume", file + " is a checkpoint of another run: it has "
                    + key.substring(key.indexOf('.') + 1) + " " + (found == null ? "(none)" : found) + ", this run "
                    + expected);
        }
    }
}
