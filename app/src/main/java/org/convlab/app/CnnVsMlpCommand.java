package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.CnnVsMlp;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import picocli.CommandLine.Command;

/** {@code convlab cnn-vs-mlp}: worksheet 2(a), the CNN against MLPs. */
@Command(name = "cnn-vs-mlp", mixinStandardHelpOptions = true,
        description = {"Worksheet 2(a): the notebook's CNN against MLPs of about its size and 150 times larger, same"
            + " protocol, several seeds; validation curves, test accuracy, parameter counts, wall time.",
            "Writes index.html, results.json and the figures into --out; --json prints the numbers."})
final class CnnVsMlpCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(ctx -> CnnVsMlp.run(ctx));
    }
}
