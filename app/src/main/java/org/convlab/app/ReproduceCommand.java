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
            "--quick runs on small subsets in about a minute; the full run is the notebook's whole protocol (all"
                + " 59,000 training images, seeds 7, 8, 9; the MLP-4000 on 7 and 8; the sharing study on 20,000 images"
                + " with seeds 7 and 8) with PyTorch's numbers for the same protocol beside convlab's.",
            "Every finished training run is kept in DIR/runs: started again with the same arguments and --out, a"
                + " stopped run continues from there."})
final class ReproduceCommand extends LabCommand {
    @Override
    List<Function<LabContext, ExperimentResult>> experiments() {
        return List.of(CnnVsMlp::run, ctx -> Equivariance.run(ctx, lab.image),
                UntrainedFeatures::run, FrozenCnn::run, Sharing::run);
    }
}
