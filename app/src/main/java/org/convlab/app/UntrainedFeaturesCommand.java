package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import org.convlab.lab.experiments.UntrainedFeatures;
import picocli.CommandLine.Command;

/** {@code convlab untrained-features}: worksheet 2(c), the untrained CNN's feature maps. */
@Command(name = "untrained-features", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(c): feature maps of the untrained CNN, their equivariance per layer, and linear"
            + " classifiers on the frozen random features against raw pixels.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class UntrainedFeaturesCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(ctx -> UntrainedFeatures.run(ctx));
    }
}
