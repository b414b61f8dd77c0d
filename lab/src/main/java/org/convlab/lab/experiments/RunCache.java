package org.convlab.lab.experiments;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.data.DataSet;
import org.convlab.lab.progress.OverallProgress;
import org.convlab.lab.train.TrainConfig;
import org.convlab.lab.train.TrainResult;
import org.convlab.lab.train.Trainer;
import org.convlab.lab.train.TrainingListener;
import org.convlab.nn.Sequential;

/**
 * Training runs shared between experiments: the same configuration on the same data gives the
 * same bits (training is deterministic), so {@code reproduce} trains the CNN of 2(a), 2(d) and
 * the sharing study once. Keyed by the configuration and the data's identity and split sizes.
 *
 * <p>With a {@link RunStore} every run is also kept on disk (checkpoint and record): a run kept
 * by an earlier, interrupted invocation is loaded instead of trained, and one stopped after an
 * epoch continues from its checkpoint, ending with the same bits. With a plan
 * ({@link #plan(List)}) an {@link OverallProgress} follows the whole set of runs.
 */
public final class RunCache {
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final TrainingListener listener;
    private final RunStore store;
    private final PrintWriter log;
    private final OverallProgress overall;

    /** A cache whose runs report to {@code listener}, kept in memory only. */
    public RunCache(TrainingListener listener) {
        this(listener, null, null, null);
    }

    /**
     * A cache whose runs report to {@code listener} and {@code overall} (may be null), kept in
     * {@code store} (null: memory only); {@code log} (may be null) says which runs are kept,
     * continued or trained again.
     */
    public RunCache(TrainingListener listener, RunStore store, PrintWriter log, OverallProgress overall) {
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.store = store;
        this.log = log;
        this.overall = overall;
    }

    /** A finished run: its measurements and the trained network. */
    public record Run(TrainResult result, Sequential model) {
    }

    /** A training run an experiment will ask for. */
    public record Planned(DataSet data, TrainConfig config) {
    }

    /** Announces the runs to come (repeats counted once), so that overall progress knows the whole. */
    public void plan(List<Planned> planned) {
        for (Planned p : planned) {
            String key = key(p.data(), p.config());
            if (weights.containsKey(key) || runs.containsKey(key)) {
                continue;
            }
            double w = LabPlan.cost(p.data(), p.config());
            weights.put(key, w);
            if (overall != null) {
                overall.plan(w, store != null && store.finished(store.entry(p.data(), p.config())));
            }
        }
    }

    /** Trains {@code config} on {@code data}, or returns the identical run trained (or kept) before. */
    public Run train(DataSet data, TrainConfig config) {
        String key = key(data, config);
        Run r = runs.get(key);
        if (r == null) {
            if (overall != null && !weights.containsKey(key)) {
                plan(List.of(new Planned(data, config)));
            }
            r = store == null ? fresh(data, config) : stored(data, config, key);
            runs.put(key, r);
        }
        return r;
    }

    private static String key(DataSet data, TrainConfig config) {
        return config.identity() + " epochs=" + config.epochs() + " " + Trainer.dataIdentity(data);
    }

    private Run fresh(DataSet data, TrainConfig config) {
        if (overall != null) {
            overall.begin(weights.getOrDefault(key(data, config), 0.0));
        }
        Trainer t = new Trainer(data, config).listener(listen());
        TrainResult result = t.run();
        if (overall != null) {
            overall.end(false);
        }
        return new Run(result, t.model());
    }

    private Run stored(DataSet data, TrainConfig config, String key) {
        RunStore.Entry e = store.entry(data, config);
        boolean done = store.finished(e);
        boolean started = store.started(e);
        if (done) {
            say("%s: kept in %s", e.name(), store.dir().getFileName().resolve(e.checkpoint().getFileName()));
        } else if (started) {
            say("%s: continuing from its checkpoint %s", e.name(),
                    store.dir().getFileName().resolve(e.checkpoint().getFileName()));
        } else {
            String why = store.invalidated(e);
            if (why != null) {
                say("%s", why);
            }
        }
        if (overall != null) {
            overall.begin(weights.getOrDefault(key, 0.0));
            if (!done) {
                say("%s", overall.text());
            }
        }
        store.prepare();
        Trainer t = new Trainer(data, config).listener(done ? TrainingListener.NONE : listen()).save(e.checkpoint());
        if (started) {
            t.resume(e.checkpoint());
        }
        TrainResult result;
        try {
            result = t.run();
        } catch (BadFileException ex) {
            if (!started) {
                throw ex;
            }
            say("%s: its checkpoint cannot be read (%s): training again", e.name(), ex.getMessage());
            done = false;
            t = new Trainer(data, config).listener(listen()).save(e.checkpoint());
            result = t.run();
        }
        if (!done) {
            store.finish(e, result);
        }
        if (overall != null) {
            overall.end(done);
        }
        return new Run(result, t.model());
    }

    private TrainingListener listen() {
        return overall == null ? listener : TrainingListener.both(overall, listener);
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.printf(format + "%n", args);
            log.flush();
        }
    }

    /** Runs trained so far (cached ones once). */
    public int size() {
        return runs.size();
    }
}
