package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import org.convlab.lab.experiments.Sharing;
import picocli.CommandLine.Command;

/** {@code convlab sharing}: worksheet 1(e) made real, CNN vs locally connected vs MLP. */
@Command(name = "sharing", mixinStandardHelpOptions = true,
        description = {"Worksheet 1(e) made real: the same architecture as a CNN, a locally connected net and an MLP:"
            + " parameters, accuracy, equivariance, and accuracy on shifted test images.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class SharingCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(ctx -> Sharing.run(ctx));
    }
}
