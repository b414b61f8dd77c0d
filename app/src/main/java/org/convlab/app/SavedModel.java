package org.convlab.app;

import java.nio.file.Path;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.nn.Module;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;

/**
 * A network read from a checkpoint with its {@link ModelCard}: a version-2 file rebuilds the
 * network from its recorded architecture; a version-1 file (written by {@code train} before the
 * architecture was recorded) from its recorded model kind and sizes, as {@code train} built it.
 *
 * @param model the network with the saved weights
 * @param card  the input shape, normalisation and class names the file records
 */
record SavedModel(Module model, ModelCard card) {

    /** Reads {@code file}, given to {@code option}, checked as an input file first. */
    static SavedModel load(String option, Path file) {
        Checkpoint c = Checkpoints.read(PathOptions.inputFile(option, file));
        ModelCard card = ModelCard.from(c.metadata(), file);
        Module model = c.hasArchitecture() ? c.buildModel() : fromModelKind(c, card);
        return new SavedModel(model, card);
    }

    private static Module fromModelKind(Checkpoint c, ModelCard card) {
        Map<String, String> meta = c.metadata();
        try {
            String[] channels = meta.getOrDefault("config.channels", "").split(",");
            ModelSpec spec = new ModelSpec(ModelKind.parse(meta.get("config.model")),
                    Integer.parseInt(meta.getOrDefault("config.hidden", "")), Integer.parseInt(channels[0]),
                    Integer.parseInt(channels.length > 1 ? channels[1] : ""));
            int[] s = card.inputShape();
            int classes = Integer.parseInt(meta.getOrDefault("data.classes", ""));
            if (s == null || s.length != 3) {
                throw new NumberFormatException();
            }
            Module m = spec.build(s[0], s[1], s[2], classes, new Rng(0));
            c.restoreModel(m);
            return m;
        } catch (NumberFormatException | BadParameterException | ArrayIndexOutOfBoundsException e) {
            throw new BadFileException(c.file(), "is a version-1 checkpoint whose model kind and sizes (config.model,"
                    + " config.hidden, config.channels, data.shape, data.classes) cannot be read: re-save it with"
                    + " this convlab (train --init-from it and --save)");
        }
    }
}
