package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.Equivariance;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import picocli.CommandLine.Command;

/** {@code convlab equivariance}: worksheet 2(b), translational equivariance of the untrained CNN and MLP. */
@Command(name = "equivariance", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(b): an image at 49 positions of a canvas through the untrained CNN and MLP; PNG"
            + " grid, animated GIF, the equivariance error over the whole canvas and the interior, and the"
            + " aliasing of pooling and strides.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class EquivarianceCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(ctx -> Equivariance.run(ctx, lab.image));
    }
}
