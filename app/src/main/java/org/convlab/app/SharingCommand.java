package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.Sharing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab sharing}: worksheet 1(e) made real, CNN vs locally connected vs MLP. */
@Command(name = "sharing", mixinStandardHelpOptions = true,
        description = {"Worksheet 1(e) made real: the same architecture as a CNN, a locally connected net and an MLP:"
            + " parameters, accuracy, equivariance, and accuracy on shifted test images.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class SharingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(ctx -> Sharing.run(ctx)));
    }
}
