package org.convlab.lab.experiments;

import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.TrainConfig;

/**
 * The protocol of a lab run: which subsets, how many epochs and seeds, and the training
 * settings every experiment shares (the notebook's: plain SGD, lr 3e-3, batch 64).
 *
 * @param quick          whether this is the quick preset (small subsets)
 * @param base           lr, batch, optimiser, epochs and evaluation interval for every run (the model and seed vary)
 * @param seeds          seeds of the repeated runs (mean and spread over them)
 * @param trainLimit     training images for cnn-vs-mlp, untrained-features and frozen-cnn (0: all)
 * @param testLimit      test images for them (0: all)
 * @param valLimit       validation images used (the first of the validation split; 0: all)
 * @param hiddens        hidden widths of the MLPs compared with the CNN
 * @param sharingTrain   training images of the sharing study (its locally connected net is slow)
 * @param sharingTest    test images of the sharing study, unshifted and per shift
 * @param sharingSeeds   how many of {@code seeds} the sharing study uses
 * @param channel1       the CNN's first channel count
 * @param channel2       the CNN's second channel count
 * @param wideSeeds      how many of {@code seeds} the MLPs of at least {@link #WIDE} hidden units use (0: all)
 */
public record LabSettings(boolean quick, TrainConfig base, List<Long> seeds, int trainLimit, int testLimit,
                          int valLimit, List<Integer> hiddens, int sharingTrain, int sharingTest, int sharingSeeds, int channel1,
                          int channel2, int wideSeeds) {
    /** The full preset's training images: 0, every one of the 59,000. */
    public static final int FULL_TRAIN = 0;
    /** The full preset's seeds. */
    public static final List<Long> FULL_SEEDS = List.of(7L, 8L, 9L);
    /** MLPs at least this wide count as wide (their seeds may be cut: they dominate the time). */
    public static final int WIDE = 1000;
    /** How many seeds the full preset gives a wide MLP (the MLP-4000: about 40% of the run per seed). */
    public static final int FULL_WIDE_SEEDS = 2;
    /** The quick preset's training images. */
    public static final int QUICK_TRAIN = 1000;
    /** The quick preset's test images. */
    public static final int QUICK_TEST = 500;
    /** The quick preset's validation images. */
    public static final int QUICK_VAL = 300;
    /** The quick preset's validation interval (iterations; 16 per epoch). */
    public static final int QUICK_EVAL_EVERY = 8;
    /** The full preset's training images in the sharing study. */
    public static final int SHARING_TRAIN = 20_000;
    /** The full preset's test images in the sharing study. */
    public static final int SHARING_TEST = 2_000;
    /** The full preset's seeds of the sharing study (its locally connected net is slow). */
    public static final int SHARING_SEEDS = 2;
    /** The quick preset's training images in the sharing study. */
    public static final int QUICK_SHARING_TRAIN = 300;
    /** The quick preset's test images in the sharing study. */
    public static final int QUICK_SHARING_TEST = 200;

    public LabSettings {
        seeds = List.copyOf(seeds);
        hiddens = List.copyOf(hiddens);
        if (seeds.isEmpty()) {
            throw new BadParameterException("seeds", "at least one seed", "none");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new BadParameterException("seeds", "distinct seeds", seeds.toString());
        }
        if (hiddens.isEmpty()) {
            throw new BadParameterException("hiddens", "at least one MLP width", "none");
        }
        if (trainLimit < 0 || testLimit < 0 || valLimit < 0 || sharingTrain < 0 || sharingTest < 0) {
            throw new BadParameterException("limits", "0 (all) or a positive number of images",
                    trainLimit + "/" + testLimit + "/" + sharingTrain + "/" + sharingTest);
        }
        if (sharingSeeds < 1) {
            throw new BadParameterException("sharingSeeds", "1 or more", sharingSeeds);
        }
        if (wideSeeds < 0) {
            throw new BadParameterException("wideSeeds", "0 (all seeds) or a positive number", wideSeeds);
        }
        new ModelSpec(base.model().kind(), hiddens.get(0), channel1, channel2); // validates the sizes
    }

    /**
     * The notebook's whole protocol: every one of the 59,000 training images, all 10,000 test
     * images, the notebook's 2 epochs, seeds 7, 8 and 9 (the MLP-4000 on the first 2: it
     * dominates the time), MLPs of 100 and 4000 hidden units, and the sharing study on 20,000
     * training and 2,000 test images with seeds 7 and 8.
     */
    public static LabSettings full() {
        return new LabSettings(false, TrainConfig.notebook(ModelSpec.of(org.convlab.lab.train.ModelKind.CNN)),
                FULL_SEEDS, FULL_TRAIN, 0, 0, List.of(100, 4000), SHARING_TRAIN, SHARING_TEST, SHARING_SEEDS,
                ModelSpec.DEFAULT_CHANNEL1, ModelSpec.DEFAULT_CHANNEL2, FULL_WIDE_SEEDS);
    }

    /**
     * The quick protocol: 1,000 training, 300 validation and 500 test images, seeds 7 and 8, the
     * sharing study on 300 training and 200 test images.
     */
    public static LabSettings quickPreset() {
        return new LabSettings(true, TrainConfig.notebook(ModelSpec.of(org.convlab.lab.train.ModelKind.CNN))
                .withEvalEvery(QUICK_EVAL_EVERY), List.of(7L, 8L), QUICK_TRAIN, QUICK_TEST, QUICK_VAL, List.of(100, 4000),
                QUICK_SHARING_TRAIN, QUICK_SHARING_TEST, 1, ModelSpec.DEFAULT_CHANNEL1, ModelSpec.DEFAULT_CHANNEL2, 0);
    }

    public LabSettings withBase(TrainConfig b) {
        return new LabSettings(quick, b, seeds, trainLimit, testLimit, valLimit, hiddens, sharingTrain, sharingTest,
                sharingSeeds, channel1, channel2, wideSeeds);
    }

    public LabSettings withSeeds(List<Long> s) {
        return new LabSettings(quick, base, s, trainLimit, testLimit, valLimit, hiddens, sharingTrain, sharingTest,
                sharingSeeds, channel1, channel2, wideSeeds);
    }

    public LabSettings withLimits(int train, int test) {
        return new LabSettings(quick, base, seeds, train, test, valLimit, hiddens, sharingTrain, sharingTest, sharingSeeds,
                channel1, channel2, wideSeeds);
    }

    public LabSettings withValLimit(int v) {
        return new LabSettings(quick, base, seeds, trainLimit, testLimit, v, hiddens, sharingTrain, sharingTest,
                sharingSeeds, channel1, channel2, wideSeeds);
    }

    public LabSettings withHiddens(List<Integer> h) {
        return new LabSettings(quick, base, seeds, trainLimit, testLimit, valLimit, h, sharingTrain, sharingTest,
                sharingSeeds, channel1, channel2, wideSeeds);
    }

    public LabSettings withSharing(int train, int test, int nSeeds) {
        return new LabSettings(quick, base, seeds, trainLimit, testLimit, valLimit, hiddens, train, test, nSeeds, channel1,
                channel2, wideSeeds);
    }

    public LabSettings withChannels(int c1, int c2) {
        return new LabSettings(quick, base, seeds, trainLimit, testLimit, valLimit, hiddens, sharingTrain, sharingTest,
                sharingSeeds, c1, c2, wideSeeds);
    }

    public LabSettings withWideSeeds(int n) {
        return new LabSettings(quick, base, seeds, trainLimit, testLimit, valLimit, hiddens, sharingTrain, sharingTest,
                sharingSeeds, channel1, channel2, n);
    }

    /**
     * The seeds {@code model} is trained with: all of {@code seeds}, or the first
     * {@code wideSeeds} of them for an MLP of at least {@link #WIDE} hidden units.
     */
    public List<Long> seedsFor(ModelSpec model) {
        boolean wide = model.kind().usesHidden() && model.hidden() >= WIDE;
        return wide && wideSeeds > 0 && wideSeeds < seeds.size() ? seeds.subList(0, wideSeeds) : seeds;
    }

    /** Whether some model runs on fewer seeds than the others. */
    public boolean seedsCut() {
        return wideSeeds > 0 && wideSeeds < seeds.size() && hiddens.stream().anyMatch(h -> h >= WIDE);
    }

    /** The model spec of {@code kind} with these settings' sizes ({@code hidden} for MLPs). */
    public ModelSpec spec(org.convlab.lab.train.ModelKind kind, int hidden) {
        return new ModelSpec(kind, hidden, channel1, channel2);
    }

    /** The training configuration of {@code model} with {@code seed}. */
    public TrainConfig config(ModelSpec model, long seed) {
        return base.withModel(model).withSeed(seed);
    }

    /** The first seed (the one single-run figures show). */
    public long firstSeed() {
        return seeds.get(0);
    }
}
