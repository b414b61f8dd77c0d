package org.convlab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.lab.experiments.LabSettings;
import org.convlab.lab.train.OptimizerKind;
import org.convlab.lab.train.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The options the lab's experiment commands share ({@code @Mixin LabOptions lab;}, next to
 * {@link DataOptions}): the preset ({@code --quick}), seeds, output folder, threads, JSON, and
 * overrides of the protocol. Unset overrides keep the preset's values.
 */
final class LabOptions {
    @Option(names = "--quick", description = "Small subsets (1,000 training, 300 validation and 500 test images,"
            + " seeds 7 and 8, the sharing study on 300 images): about a minute.")
    boolean quick;

    @Option(names = {"--seeds", "--seed"}, paramLabel = "S1,S2", split = ",",
            description = "Seeds of the repeated runs; default 7,8,9 (quick: 7,8).")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Folder for index.html, results.json and the figures; default ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: one per core.")
    Integer threads;

    @Option(names = "--json",
            description = "Print the results as JSON on standard output (progress on standard error).")
    boolean json;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of every training run; default 2 (the notebook's).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate; default 3e-3 (the notebook's).")
    Double lr;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size; default 64.")
    Integer batch;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd (default), momentum or adam.")
    String optimizer;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Validation accuracy every N iterations; default 100 (quick: 8).")
    Integer evalEvery;

    @Option(names = "--hidden", paramLabel = "H1,H2", split = ",",
            description = "Hidden widths of the MLPs compared with the CNN; default 100,4000.")
    List<Integer> hidden;

    @Option(names = "--channels", paramLabel = "C1,C2", split = ",",
            description = "The CNN's channel counts; default 32,16.")
    int[] channels;

    @Option(names = "--sharing-train", paramLabel = "N",
            description = "Training images of the sharing study; default 20000 (quick: 300).")
    Integer sharingTrain;

    @Option(names = "--sharing-test", paramLabel = "N",
            description = "Test images of the sharing study (each also shifted 8 ways); default 2000 (quick: 200).")
    Integer sharingTest;

    @Option(names = "--sharing-seeds", paramLabel = "N",
            description = "How many of --seeds the sharing study repeats; default 2 (quick: 1; its locally connected"
                    + " net is slow).")
    Integer sharingSeeds;

    @Option(names = "--wide-seeds", paramLabel = "N",
            description = "How many of --seeds the MLPs of 1000 or more hidden units use (the MLP-4000 dominates the"
                    + " time); 0 for all; default 2 (quick: all).")
    Integer wideSeeds;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "PyTorch's numbers for the same protocol (a JSON of tools/reference/reference.py); default:"
                    + " the one committed with convlab (Fashion-MNIST, the full preset).")
    Path reference;

    @Option(names = "--image", paramLabel = "N", defaultValue = "0",
            description = "The test image of the equivariance experiment; default ${DEFAULT-VALUE}.")
    int image;

    /** The protocol these options describe; {@code limited} when --limit/--test-limit were given. */
    LabSettings settings(DataOptions data) {
        LabSettings s = quick ? LabSettings.quickPreset() : LabSettings.full();
        TrainConfig b = s.base();
        if (epochs != null) {
            b = b.withEpochs(epochs);
        }
        if (lr != null) {
            b = b.withLr(lr);
        }
        if (batch != null) {
            b = b.withBatch(batch);
        }
        if (optimizer != null) {
            b = b.withOptimizer(OptimizerKind.parse(optimizer));
        }
        if (evalEvery != null) {
            b = b.withEvalEvery(evalEvery);
        }
        s = s.withBase(b);
        if (seeds != null) {
            s = s.withSeeds(seeds);
        }
        if (hidden != null) {
            for (int h : hidden) {
                if (h < 1) {
                    throw new BadParameterException("--hidden", "positive widths", h);
                }
            }
            s = s.withHiddens(new ArrayList<>(hidden));
        }
        if (channels != null) {
            if (channels.length != 2) {
                throw new BadParameterException("--channels", "two channel counts C1,C2",
                    java.util.Arrays.stream(channels).mapToObj(Integer::toString)
                            .collect(java.util.stream.Collectors.joining(",")));
            }
            s = s.withChannels(channels[0], channels[1]);
        }
        // --limit / --test-limit were applied when loading: then the experiments use what was loaded.
        if (data.limit != null || data.testLimit != null) {
            s = s.withLimits(data.limit != null ? 0 : s.trainLimit(), data.testLimit != null ? 0 : s.testLimit());
        }
        int st = sharingTrain != null ? sharingTrain : s.sharingTrain();
        int se = sharingTest != null ? sharingTest : s.sharingTest();
        if (st < 1 || se < 1) {
            throw new BadParameterException(st < 1 ? "--sharing-train" : "--sharing-test", "a positive number of images",
                    st < 1 ? st : se);
        }
        if (wideSeeds != null) {
            s = s.withWideSeeds(wideSeeds);
        }
        return s.withSharing(st, se, sharingSeeds != null ? sharingSeeds : s.sharingSeeds());
    }
}
