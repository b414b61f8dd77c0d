package org.convlab.app;

import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place where the command line turns the libraries' Java parameter names into its
 * option names: {@code stride} becomes {@code --stride}, {@code outChannels} becomes
 * {@code --filters}.
 *
 * <p>A name is renamed only when the failing command has that option, so an error from deep in
 * a library keeps its Java name in a command where no option could have caused it.
 */
final class OptionNames {
    /** Java parameter (as the libraries name it in a {@link BadParameterException}) to option. */
    static final Map<String, String> OPTIONS = Map.ofEntries(
            // algebra: ConvGeometry, Axis, Padding, ElementSelection, ConvMatrix, LayerStack, ...
            Map.entry("size", "--input"),
            Map.entry("inChannels", "--input"),
            Map.entry("outChannels", "--filters"),
            Map.entry("kernel", "--kernel"),
            Map.entry("stride", "--stride"),
            Map.entry("dilation", "--dilation"),
            Map.entry("padding", "--padding"),
            Map.entry("paddingMode", "--padding-mode"),
            Map.entry("sameMode", "--same-mode"),
            Map.entry("groups", "--groups"),
            Map.entry("at", "--at"),
            Map.entry("weights", "--weights"),
            Map.entry("format", "--format"),
            Map.entry("stack", "--stack"),
            Map.entry("exercises", "--generate"),
            // data: DataSpec, SyntheticOptions, LoadOptions, Normalization, Batcher, SampleGrid, DataExport
            Map.entry("dataSpec", "--data"),
            Map.entry("validation", "--val"),
            Map.entry("trainLimit", "--limit"),
            Map.entry("testLimit", "--test-limit"),
            Map.entry("mean", "--mean"),
            Map.entry("std", "--std"),
            Map.entry("batchSize", "--batch"),
            Map.entry("capacity", "--batch"),
            Map.entry("perClass", "--per-class"),
            Map.entry("dataSet", "--export"),
            // lab: LabSettings, Equivariance
            Map.entry("seeds", "--seeds"),
            Map.entry("hiddens", "--hidden"),
            Map.entry("sharingSeeds", "--sharing-seeds"),
            Map.entry("wideSeeds", "--wide-seeds"),
            Map.entry("imageIndex", "--image"),
            // lab.train: ModelKind, ModelSpec, OptimizerKind, TrainConfig
            Map.entry("model", "--model"),
            Map.entry("hidden", "--hidden"),
            Map.entry("convChannels", "--channels"),
            Map.entry("optimizer", "--optimizer"),
            Map.entry("epochs", "--epochs"),
            Map.entry("evalEvery", "--eval-every"),
            // nn and tensor
            Map.entry("lr", "--lr"),
            Map.entry("momentum", "--momentum"),
            Map.entry("threads", "--threads"));

    private OptionNames() {
    }

    /** The option {@code command} has for the Java parameter {@code name}, or {@code name} itself. */
    static String option(CommandSpec command, String name) {
        String option = OPTIONS.get(name);
        return option != null && command.findOption(option) != null ? option : name;
    }

    /** The one-line message of {@code ex} in {@code command}'s terms. */
    static String message(CommandSpec command, ConvlabException ex) {
        if (ex instanceof BadParameterException b) {
            return b.messageFor(name -> option(command, name));
        }
        return ex.getMessage();
    }
}
