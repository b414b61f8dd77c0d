package org.convlab.nn.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.OptimizerState;
import org.convlab.tensor.Tensor;

/**
 * What a checkpoint file holds, as {@link Checkpoints#read(Path)} found it: the model's state
 * dict, the optimiser's state (absent in a model-only checkpoint), the architecture (absent in
 * version-1 files) and the metadata lines.
 *
 * @param file         the file it was read from (for messages)
 * @param version      the format version, 1 or 2
 * @param metadata     every metadata line, the caller's and the format's
 * @param architecture the network's architecture, or {@code null} for a version-1 file
 * @param model        the model's state dict by qualified name ({@code conv1.weight})
 * @param optimizer    the optimiser's state, or {@code null} in a model-only checkpoint
 */
public record Checkpoint(Path file, int version, Map<String, String> metadata, Architecture architecture,
                         Map<String, Tensor> model, OptimizerState optimizer) {

    /** Whether the file records the architecture (version 2), so {@link #buildModel()} works. */
    public boolean hasArchitecture() {
        return architecture != null;
    }

    /** Whether the file holds an optimiser's state (a training checkpoint, not a model-only one). */
    public boolean hasOptimizer() {
        return optimizer != null;
    }

    /**
     * The network the file records, with its saved weights.
     *
     * @throws BadFileException when the file records no architecture (version 1), or an
     *                          architecture that cannot be built or does not fit the saved weights
     */
    public Module buildModel() {
        if (architecture == null) {
            throw new BadFileException(file, "is a version-1 checkpoint, which records no architecture: build the"
                    + " model it was trained with and call restoreModel");
        }
        long expected;
        try {
            expected = architecture.parameterElements();
        } catch (BadParameterException e) {
            throw new BadFileException(file, "records an architecture convlab cannot build: " + e.getMessage());
        }
        long saved = 0;
        for (Tensor t : model.values()) {
            saved += t.size();
        }
        if (expected != saved) {
            // Checked before building, so a hostile architecture cannot ask for more memory than the file holds.
            throw new BadFileException(file, "records an architecture of " + expected
                    + " parameter elements but holds " + saved);
        }
        Module m;
        try {
            m = architecture.build();
        } catch (BadParameterException e) {
            throw new BadFileException(file, "records an architecture convlab cannot build: " + e.getMessage());
        }
        restoreModel(m);
        return m;
    }

    /**
     * Copies the saved weights into {@code model} (every parameter by name and shape, nothing else).
     *
     * @throws BadFileException naming the first missing, unexpected or misshapen entry
     */
    public void restoreModel(Module model) {
        try {
            model.loadStateDict(this.model);
        } catch (BadParameterException e) {
            throw new BadFileException(file, "does not fit the model: " + e.getMessage());
        }
    }

    /**
     * Restores the saved optimiser state into {@code optimizer}.
     *
     * @throws BadFileException when the file holds no optimiser state, or one that does not fit
     */
    public void restoreOptimizer(Optimizer optimizer) {
        if (this.optimizer == null) {
            throw new BadFileException(file, "is a model-only checkpoint: it holds no optimiser state");
        }
        try {
            optimizer.loadStateDict(this.optimizer);
        } catch (BadParameterException e) {
            throw new BadFileException(file, "does not fit the optimiser: " + e.getMessage());
        }
    }
}
