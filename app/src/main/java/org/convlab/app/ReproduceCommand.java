package org.convlab.app;

import java.util.List;
import java.util.function.Function;
import org.convlab.lab.experiments.CnnVsMlp;
import org.convlab.lab.experiments.Equivariance;
import org.convlab.lab.experiments.ExperimentResult;
import org.convlab.lab.experiments.FrozenCnn;
import org.convlab.lab.experiments.LabContext;
import org.convlab.lab.experiments.Sharing;
import org.convlab.lab.experiments.UntrainedFeatures;
import picocli.CommandLine.Command;

/**
 * {@code convlab reproduce}: runs the five experiments (identical training runs are shared) and
 * writes the report: index.html, results.json and the figures.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run the notebook's four experiments (worksheet 2a-2d) and the weight-sharing study, and"
            + " write the report: DIR/index.html (opens offline), DIR/results.json and the PNG/GIF figures.",
            "--quick runs on small subsets in about a minute; the full run trains on the first 20,000 training"
                + " images (about 15 minutes on 2 cores; --limit 59000 for all of them)."})
final class ReproduceCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(CnnVsMlp::run, ctx -> Equivariance.run(ctx, lab.image),
                UntrainedFeatures::run, FrozenCnn::run, Sharing::run);
    }
}
