package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.FrozenCnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code convlab frozen-cnn}: worksheet 2(d), the CNN with frozen random convolutions. */
@Command(name = "frozen-cnn", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(d): the CNN with its convolutions frozen at random, only the classifier trained,"
            + " against fully trained MLPs and CNN.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class FrozenCnnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(ctx -> FrozenCnn.run(ctx)));
    }
}
