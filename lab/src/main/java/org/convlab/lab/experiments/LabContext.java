package org.convlab.lab.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.convlab.data.DataSet;

/**
 * What every experiment runs with: the data set as loaded, the protocol, the folder its
 * figures go to, where it reports what it is doing, and the shared training runs.
 *
 * @param data     the data set (experiments take subsets as the settings say)
 * @param settings the protocol
 * @param out      the folder for figures (created on demand)
 * @param log      progress messages (standard error), never results
 * @param runs     training runs shared between experiments
 * @param reference PyTorch's numbers for the same protocol, or null for none
 */
public record LabContext(DataSet data, LabSettings settings, Path out, PrintWriter log, RunCache runs,
                         Reference reference) {
    /** A context without a reference. */
    public LabContext(DataSet data, LabSettings settings, Path out, PrintWriter log, RunCache runs) {
        this(data, settings, out, log, runs, null);
    }

    /** {@code models}, trained on {@code d} in {@code experiment} ({@link Reference#MAIN} or {@link Reference#SHARING}), beside the reference. */
    public ReferenceComparison compare(String experiment, DataSet d, List<ReferenceComparison.Measured> models) {
        return ReferenceComparison.of(reference, experiment, d, settings.base(), settings.channel1(),
                settings.channel2(), models);
    }

    /**
     * The data limited to {@code train} training and {@code test} test images (0: all), and to
     * the settings' validation limit.
     */
    public DataSet subset(int train, int test) {
        int val = settings.valLimit();
        return new DataSet(data.name(), data.spec(), data.origin(), data.files(),
                train > 0 ? data.train().limit(train) : data.train(),
                val > 0 ? data.validation().limit(val) : data.validation(),
                test > 0 ? data.test().limit(test) : data.test(), data.normalization());
    }

    /** The data of cnn-vs-mlp, untrained-features and frozen-cnn. */
    public DataSet mainData() {
        return subset(settings.trainLimit(), settings.testLimit());
    }

    /** Writes a progress message. */
    public void say(String format, Object... args) {
        log.printf(format + "%n", args);
        log.flush();
    }

    /** A name for the data in captions: "Fashion-MNIST" or "synthetic glyphs". */
    public String dataName() {
        return data.name();
    }
}
