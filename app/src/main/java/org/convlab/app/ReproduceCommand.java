package org.convlab.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.lab.experiments.CnnVsMlp;
import org.convlab.lab.experiments.Equivariance;
import org.convlab.lab.experiments.FrozenCnn;
import org.convlab.lab.experiments.Sharing;
import org.convlab.lab.experiments.UntrainedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code convlab reproduce}: runs the five experiments (identical training runs are shared) and
 * writes the report: index.html, results.json and the figures.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run the notebook's four experiments (worksheet 2a-2d) and the weight-sharing study, and"
            + " write the report: DIR/index.html (opens offline), DIR/results.json and the PNG/GIF figures.",
            "--quick runs on small subsets in about a minute; the full run trains on the first 20,000 training"
                + " images (about 15 minutes on 2 cores; --limit 59000 for all of them)."})
final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() {
        return LabRunner.run(spec, data, lab, List.of(CnnVsMlp::run, ctx -> Equivariance.run(ctx, lab.image),
                UntrainedFeatures::run, FrozenCnn::run, Sharing::run));
    }
}
