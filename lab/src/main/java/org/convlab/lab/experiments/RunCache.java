package org.convlab.lab.experiments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.data.DataSet;
import org.convlab.lab.train.TrainConfig;
import org.convlab.lab.train.TrainResult;
import org.convlab.lab.train.Trainer;
import org.convlab.lab.train.TrainingListener;
import org.convlab.nn.Sequential;

/**
 * Training runs shared between experiments: the same configuration on the same data gives the
 * same bits (training is deterministic), so {@code reproduce} trains the CNN of 2(a), 2(d) and
 * the sharing study once. Keyed by the configuration and the data's identity and split sizes.
 */
public final class RunCache {
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final TrainingListener listener;

    /** A cache whose runs report to {@code listener}. */
    public RunCache(TrainingListener listener) {
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /** A finished run: its measurements and the trained network. */
    public record Run(TrainResult result, Sequential model) {
    }

    /** Trains {@code config} on {@code data}, or returns the identical run trained before. */
    public Run train(DataSet data, TrainConfig config) {
        String key = config.identity() + " epochs=" + config.epochs() + " " + Trainer.dataIdentity(data);
        Run r = runs.get(key);
        if (r == null) {
            Trainer t = new Trainer(data, config).listener(listener);
            TrainResult result = t.run();
            r = new Run(result, t.model());
            runs.put(key, r);
        }
        return r;
    }

    /** Runs trained so far (cached ones once). */
    public int size() {
        return runs.size();
    }
}
