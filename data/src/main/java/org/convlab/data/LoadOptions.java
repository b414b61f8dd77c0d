package org.convlab.data;

import java.nio.file.Path;
import org.convlab.core.BadParameterException;

/**
 * How a data set is split and normalised when loaded.
 *
 * @param validation  images taken from the end of the training files for validation (the notebook: 1,000)
 * @param trainLimit  at most this many training images (the first ones), 0 for all — for quick runs
 * @param testLimit   at most this many test images (the first ones), 0 for all
 * @param mean        per-channel mean to normalise with, or null to compute it on the training split
 * @param std         per-channel std to normalise with, or null to compute it on the training split
 * @param installRoot where Debian installs data sets ({@code /usr/share/datasets}); tests change it
 */
public record LoadOptions(int validation, int trainLimit, int testLimit, float[] mean, float[] std,
                          Path installRoot) {
    /** The notebook's validation size. */
    public static final int DEFAULT_VALIDATION = 1000;
    /** Where Debian's dataset packages install their files. */
    public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    public LoadOptions {
        if (validation < 0) {
            throw new BadParameterException("validation", "0 or more validation images", validation);
        }
        if (trainLimit < 0) {
            throw new BadParameterException("trainLimit", "a positive number of training images", trainLimit);
        }
        if (testLimit < 0) {
            throw new BadParameterException("testLimit", "a positive number of test images", testLimit);
        }
        if ((mean == null) != (std == null)) {
            throw new BadParameterException(mean == null ? "mean" : "std", "both mean and std, or neither",
                    "only " + (mean == null ? "std" : "mean")).mentioning("mean", "std");
        }
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
        if (installRoot == null) {
            installRoot = DEBIAN_DATASETS;
        }
    }

    /** 1,000 validation images, no limits, normalisation computed on the training split. */
    public static LoadOptions defaults() {
        return new LoadOptions(DEFAULT_VALIDATION, 0, 0, null, null, DEBIAN_DATASETS);
    }

    public LoadOptions withValidation(int n) {
        return new LoadOptions(n, trainLimit, testLimit, mean, std, installRoot);
    }

    public LoadOptions withTrainLimit(int n) {
        return new LoadOptions(validation, n, testLimit, mean, std, installRoot);
    }

    public LoadOptions withTestLimit(int n) {
        return new LoadOptions(validation, trainLimit, n, mean, std, installRoot);
    }

    /** Normalise with these values instead of computing them (e.g. the notebook's CIFAR-10 values). */
    public LoadOptions withNormalization(float[] mean, float[] std) {
        return new LoadOptions(validation, trainLimit, testLimit, mean, std, installRoot);
    }

    public LoadOptions withInstallRoot(Path root) {
        return new LoadOptions(validation, trainLimit, testLimit, mean, std, root);
    }
}
