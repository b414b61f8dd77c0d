package org.convlab.app;

import org.convlab.core.BadParameterException;
import org.convlab.data.DataSet;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.LoadOptions;
import org.convlab.data.Normalization;
import picocli.CommandLine.Option;

/**
 * The options that choose and split a data set, shared by every command that reads images
 * ({@code @Mixin DataOptions data;} then {@code data.load()}): {@code --data SPEC},
 * {@code --val N}, {@code --limit N}, {@code --test-limit N}, {@code --mean}/{@code --std}.
 *
 * <p>There is deliberately no seed here: the synthetic data's seed is part of its spec
 * ({@code synthetic:seed=3}) and the shuffling seed belongs to the command that trains
 * (its {@code --seed}), so the two never collide.
 */
final class DataOptions {
    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "auto",
            description = {"Data set: auto (default: Fashion-MNIST if installed, else synthetic), fashion-mnist,"
                + " fashion-mnist:DIR, mnist:DIR, kmnist:DIR, idx:DIR, cifar10:DIR, or"
                + " synthetic[:grey|rgb,size=N,train=N,test=N,seed=N]."})
    String spec;

    @Option(names = "--val", paramLabel = "N", defaultValue = "1000",
            description = "Validation images, taken from the end of the training files; default ${DEFAULT-VALUE}.")
    int validation;

    @Option(names = "--limit", paramLabel = "N",
            description = "Train on at most the first N training images (for quick runs).")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on at most the first N test images.")
    Integer testLimit;

    @Option(names = "--mean", paramLabel = "M", split = ",",
            description = "Per-channel mean to normalise with (pixels in [0, 1]), e.g. 0.4914,0.4822,0.4465;"
                + " default: computed on the training split.")
    float[] mean;

    @Option(names = "--std", paramLabel = "S", split = ",",
            description = "Per-channel standard deviation to go with --mean.")
    float[] std;

    /** The parsed {@code --data} spec. */
    DataSpec spec() {
        return DataSpec.parse(spec);
    }

    /** The split, limits and normalisation asked for. */
    LoadOptions loadOptions() {
        if (limit != null && limit < 1) {
            throw new BadParameterException("--limit", "a positive number of training images", limit);
        }
        if (testLimit != null && testLimit < 1) {
            throw new BadParameterException("--test-limit", "a positive number of test images", testLimit);
        }
        if (mean != null && std != null) {
            Normalization.of(mean, std); // finite means, positive finite stds, as many of each: checked before loading
        }
        return LoadOptions.defaults()
                .withValidation(validation)
                .withTrainLimit(limit == null ? 0 : limit)
                .withTestLimit(testLimit == null ? 0 : testLimit)
                .withNormalization(mean, std);
    }

    /** Loads the data set these options describe. */
    DataSet load() {
        LoadOptions options = loadOptions();
        return DataSets.load(spec(), options);
    }
}
