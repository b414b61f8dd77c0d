package org.convlab.lab.experiments;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.LoadOptions;
import org.convlab.lab.train.TrainingListener;

/** Tiny data and settings that keep the lab's tests fast on the reference kernels. */
final class LabFixtures {
    private LabFixtures() {
    }

    /** Synthetic glyphs: {@code train} + 100 validation training-file images and {@code test} test images of size x size. */
    static DataSet synthetic(int size, int train, int test) {
        return DataSets.load(DataSpec.parse("synthetic:size=" + size + ",train=" + (train + 100) + ",test=" + test),
                LoadOptions.defaults().withValidation(100));
    }

    /** Small models, one epoch, one seed. */
    static LabSettings tinySettings() {
        return LabSettings.quickPreset().withChannels(4, 2).withHiddens(List.of(16, 64)).withSeeds(List.of(7L))
                .withBase(LabSettings.quickPreset().base().withEpochs(1)).withLimits(0, 0).withSharing(0, 0, 1);
    }

    static LabContext context(DataSet d, LabSettings s, Path out) {
        return new LabContext(d, s, out, new PrintWriter(new StringWriter()), new RunCache(TrainingListener.NONE));
    }
}
