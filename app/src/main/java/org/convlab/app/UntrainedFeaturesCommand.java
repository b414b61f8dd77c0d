package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.UntrainedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab untrained-features}: worksheet 2(c), the untrained CNN's feature maps. */
@Command(name = "untrained-features", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(c): feature maps of the untrained CNN, their equivariance per layer, and linear"
            + " classifiers on the frozen random features against raw pixels.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class UntrainedFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(ctx -> UntrainedFeatures.run(ctx)));
    }
}
