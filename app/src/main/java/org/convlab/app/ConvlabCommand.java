package org.convlab.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command tree: lists the commands. */
@Command(name = "convlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Convolution algebra, a pure-Java CNN engine and the weight-sharing lab.",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            ShapeCommand.class,
            ElementsCommand.class,
            MatrixCommand.class,
            CostCommand.class,
            WorksheetCommand.class,
            GradcheckCommand.class,
            DataCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            PredictCommand.class,
            ReproduceCommand.class,
            CnnVsMlpCommand.class,
            EquivarianceCommand.class,
            UntrainedFeaturesCommand.class,
            FrozenCnnCommand.class,
            SharingCommand.class,
            BenchCommand.class,
            ServeCommand.class,
        })
final class ConvlabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure (for reporting bugs).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
