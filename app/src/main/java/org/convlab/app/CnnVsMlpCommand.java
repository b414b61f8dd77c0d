package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.CnnVsMlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab cnn-vs-mlp}: worksheet 2(a), the CNN against MLPs. */
@Command(name = "cnn-vs-mlp", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(a): the notebook's CNN against MLPs of about its size and 150 times larger, same"
            + " protocol, several seeds; validation curves, test accuracy, parameter counts, wall time.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class CnnVsMlpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(ctx -> CnnVsMlp.run(ctx)));
    }
}
