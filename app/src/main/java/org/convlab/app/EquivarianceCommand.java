package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.Equivariance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab equivariance}: worksheet 2(b), translational equivariance of the untrained CNN and MLP. */
@Command(name = "equivariance", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(b): an image at 49 positions of a canvas through the untrained CNN and MLP; PNG"
            + " grid, animated GIF, the equivariance error over the whole canvas and the interior, and the"
            + " aliasing of pooling and strides.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class EquivarianceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(ctx -> Equivariance.run(ctx, lab.image)));
    }
}
