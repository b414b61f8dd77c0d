package org.convlab.app;

import java.nio.file.Path;
import java.util.List;
import org.convlab.core.BadParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --checkpoint FILE --layer NAME}: a trained layer instead of the geometry options (matrix, elements, cost). */
final class LayerOptions {
    /** The options a trained layer decides itself; giving one with --checkpoint is refused. */
    static final List<String> DECIDED_BY_LAYER = List.of("--kernel", "--filters", "--stride", "--padding",
            "--dilation", "--groups", "--padding-mode", "--same-mode", "--weights", "--unshared",
            "--no-bias", "--stack");

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A saved or imported model (version-2 checkpoint); with --layer its layer's geometry and "
                    + "trained weights replace --kernel and the other geometry options.")
    Path checkpoint;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "With --checkpoint: the convolution or locally connected layer, named as in the state "
                    + "dict (e.g. conv1). Its input size comes from the checkpoint's data shape carried through "
                    + "the layers before it, or from --input.")
    String layer;

    /** Whether a trained layer was asked for. */
    boolean given() {
        return checkpoint != null || layer != null;
    }

    /** The trained layer, every option checked; {@code conv} gives only --input. */
    TrainedLayer read(CommandSpec spec, GeometryOptions conv) {
        if (checkpoint == null) {
            throw new BadParameterException("--layer", "only with --checkpoint FILE (the model the layer is in)");
        }
        if (layer == null) {
            throw new BadParameterException("--checkpoint", "with --layer NAME (which of its convolution layers)");
        }
        for (String option : DECIDED_BY_LAYER) {
            if (spec.optionsMap().containsKey(option) && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new BadParameterException(option, "not with --checkpoint: layer " + layer
                        + " brings its own geometry and weights (only --input may override its input size)");
            }
        }
        PathOptions.inputFile("--checkpoint", checkpoint);
        conv.fromCheckpoint = true;
        return TrainedLayer.read(checkpoint, layer.trim(), conv.hasInput() ? conv.dims() : null);
    }
}
