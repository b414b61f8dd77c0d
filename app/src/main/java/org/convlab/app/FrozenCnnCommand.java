package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.FrozenCnn;
import org.convlab.lab.experiments.LabContext;
import picocli.CommandLine.Command;

/** {@code convlab frozen-cnn}: worksheet 2(d), the CNN with frozen random convolutions. */
@Command(name = "frozen-cnn", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(d): the CNN with its convolutions frozen at random, only the classifier trained,"
            + " against fully trained MLPs and CNN.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class FrozenCnnCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(ctx -> FrozenCnn.run(ctx));
    }
}
