package org.convlab.app;

import java.util.Set;
import org.convlab.core.BadParameterException;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.OptimizerKind;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Refuses options that were given but would change nothing ({@code --momentum} with plain SGD,
 * {@code --channels} with an MLP, {@code --hidden} with a CNN, {@code --image} outside the
 * equivariance experiment...), so that a user never believes a setting took effect when it
 * was ignored. Checked before any work starts.
 */
final class NoEffectOptions {
    /** The lab commands that run the equivariance experiment ({@code --image}). */
    private static final Set<String> USES_IMAGE = Set.of("equivariance", "reproduce");
    /** The lab commands that run the sharing study ({@code --sharing-*}). */
    private static final Set<String> USES_SHARING = Set.of("sharing", "reproduce");

    private NoEffectOptions() {
    }

    /** {@code train}: --momentum needs --optimizer momentum, --hidden an MLP, --channels a network with convolutions. */
    static void checkTrain(CommandSpec spec, ModelKind model, OptimizerKind optimizer) {
        if (given(spec, "--momentum") && optimizer != OptimizerKind.MOMENTUM) {
            throw new BadParameterException("--momentum", "has no effect with --optimizer " + optimizer.word()
                    + "; use it with --optimizer momentum, or leave it out");
        }
        if (given(spec, "--hidden") && !model.usesHidden()) {
            throw new BadParameterException("--hidden", "has no effect with --model " + model.word()
                    + " (only mlp and frozen-mlp have hidden layers); leave it out");
        }
        if (given(spec, "--channels") && !model.usesChannels()) {
            throw new BadParameterException("--channels", "has no effect with --model " + model.word()
                    + " (only cnn, lc, frozen-cnn and frozen-conv1 have convolutions); leave it out");
        }
    }

    /** The lab commands: --image and --sharing-* only where their experiment runs. */
    static void checkLab(CommandSpec spec) {
        String command = spec.name();
        if (given(spec, "--image") && !USES_IMAGE.contains(command)) {
            throw new BadParameterException("--image", "has no effect on " + command
                    + " (it picks the image of equivariance and reproduce); leave it out");
        }
        for (String o : new String[] {"--sharing-train", "--sharing-test", "--sharing-seeds"}) {
            if (given(spec, o) && !USES_SHARING.contains(command)) {
                throw new BadParameterException(o, "has no effect on " + command
                        + " (it sizes the sharing study of sharing and reproduce); leave it out");
            }
        }
    }

    /** Whether the user typed {@code option} (a default value does not count). */
    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
