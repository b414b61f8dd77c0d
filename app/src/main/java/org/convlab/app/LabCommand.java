package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.LabContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A lab command: the data and lab options, and the experiments it runs through
 * {@link LabRunner} (one for {@code cnn-vs-mlp} and its siblings, all five for {@code reproduce}).
 */
abstract class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    /** The experiments, in the order they run and appear in the report. */
    abstract List<Function<LabContext, ExperimentResult>> experiments();

    @Override
    public final Integer call() {
        return LabRunner.run(spec, data, lab, experiments());
    }
}
