package org.convlab.lab.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.data.Batch;
import org.convlab.data.Batcher;
import org.convlab.data.DataFingerprint;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.LabJson;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.train.BatchSource;
import org.convlab.nn.train.CurvePoint;
import org.convlab.nn.train.EpochResult;
import org.convlab.nn.train.Fit;
import org.convlab.nn.train.FitListener;
import org.convlab.nn.train.FitResult;
import org.convlab.nn.train.LabelledBatch;
import org.convlab.nn.train.NonFiniteLossException;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;

/**
 * Trains a model on a data set as the notebook does, with nn's fit loop ({@link Fit}): each
 * epoch visits the training split in a shuffled order (drawn from the seed and the epoch), one
 * optimiser step per batch on the mean cross-entropy loss; validation accuracy every
 * {@code evalEvery} iterations and at the end of every epoch; test accuracy at the end.
 *
 * <pre>{@code
 * TrainResult r = new Trainer(data, TrainConfig.notebook(ModelSpec.of(ModelKind.CNN)))
 *         .listener(progress).save(Path.of("cnn.ckpt")).run();
 * Sequential trained = trainer.model();
 * }</pre>
 *
 * <p>A non-finite loss throws {@link TrainingDivergedException} before any update. With
 * {@link #save(Path)} a checkpoint is written after every epoch; {@link #resume(Path)} loads
 * one and continues with the next epoch, ending with the same weights, bit for bit, as an
 * uninterrupted run; {@link #initFrom(Path)} starts a new run from a checkpoint's weights and
 * architecture. {@link #prepare()} makes every check (checkpoint, data, model) before anything
 * is trained; {@link #run()} calls it if needed. One trainer runs once.
 */
public final class Trainer {
    private final DataSet data;
    private final TrainConfig config;
    private TrainingListener listener = TrainingListener.NONE;
    private Path save;
    private Path resume;
    private Path initFrom;
    private String name;
    private Sequential model;
    private Fit fit;
    private boolean ran;

    /** A trainer of {@code config.model()} on {@code data}. */
    public Trainer(DataSet data, TrainConfig config) {
        this.data = data;
        this.config = config;
        this.name = config.model().id() + " seed " + config.seed();
    }

    /** Follows progress with {@code l}. */
    public Trainer listener(TrainingListener l) {
        this.listener = l == null ? TrainingListener.NONE : l;
        return this;
    }

    /** Writes a checkpoint to {@code file} after every epoch (null: none). */
    public Trainer save(Path file) {
        this.save = file;
        return this;
    }

    /** Continues the run saved in {@code file} (null: start afresh). */
    public Trainer resume(Path file) {
        this.resume = file;
        return this;
    }

    /**
     * Starts a new run from the weights of the checkpoint in {@code file} (model-only or a
     * training run's; null: from the seed): the model is the checkpoint's architecture (a
     * version-1 checkpoint's is {@code config.model()}), the optimiser starts afresh.
     */
    public Trainer initFrom(Path file) {
        this.initFrom = file;
        return this;
    }

    /** The run's name in progress displays (default {@code "<model id> seed <seed>"}). */
    public Trainer name(String n) {
        this.name = n;
        return this;
    }

    /** The model being (or that was) trained; null before {@link #prepare()} or {@link #run()}. */
    public Sequential model() {
        return model;
    }

    /** The configuration. */
    public TrainConfig config() {
        return config;
    }

    /** The data set's identity, as stored in and checked against checkpoints. */
    public static Map<String, String> dataIdentity(DataSet d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spec", d.spec().toString());
        m.put("shape", d.channels() + "x" + d.height() + "x" + d.width());
        m.put("classes", Integer.toString(d.classes()));
        m.put("splits", d.train().size() + "/" + d.validation().size() + "/" + d.test().size());
        m.put("mean", Arrays.toString(d.normalization().mean()));
        m.put("std", Arrays.toString(d.normalization().std()));
        m.put("fingerprint", DataFingerprint.of(d.train()));
        return m;
    }

    /**
     * Builds the model (from the seed, the checkpoint to resume or the one to start from) and the
     * optimiser, and makes every check that can refuse the run: the checkpoint continues this
     * run on this data, or the one to start from fits the data. Nothing is trained yet.
     *
     * @throws org.convlab.core.BadFileException when a checkpoint is damaged or does not fit
     * @throws BadParameterException             naming {@code resume}, {@code initFrom} or
     *                                           {@code epochs} when a checkpoint belongs to another run
     */
    public Trainer prepare() {
        if (fit != null) {
            return this;
        }
        if (resume != null && initFrom != null) {
            throw new BadParameterException("initFrom", "resume to continue a run, or initFrom to start one from"
                    + " a checkpoint's weights, not both");
        }
        Map<String, String> identity = dataIdentity(data);
        Checkpoint saved = null;
        if (resume != null) {
            saved = RunCheckpoint.check(resume, config);
            RunCheckpoint.checkData(saved, identity);
            model = saved.hasArchitecture() ? sequential(saved.buildModel()) : fromSeed();
        } else if (initFrom != null) {
            Checkpoint init = Checkpoints.read(initFrom);
            if (init.hasArchitecture()) {
                model = sequential(init.buildModel());
            } else {
                model = fromSeed();
                init.restoreModel(model);
            }
            checkFitsData(initFrom, model);
        } else {
            model = fromSeed();
        }
        model.setInputGradient(false);
        Optimizer optimizer = config.optimizer().create(model.parameters(), config.lr(), config.momentum());
        fit = new Fit(model, optimizer, new CrossEntropyLoss())
                .validation(m -> Evaluation.accuracy(m, data.validation(), data.normalization(), config.batch()),
                        config.evalEvery());
        if (save != null) {
            Map<String, String> meta = RunCheckpoint.metadata(config, identity);
            meta.put("data.class_names", LabJson.write(data.classNames())); // for predict; not checked on resume
            fit.checkpoint(save, meta);
        }
        if (saved != null) {
            fit.resume(saved);
        }
        return this;
    }

    /**
     * Prepares (if not yet done), trains (or continues a saved run), and measures test accuracy.
     *
     * @throws TrainingDivergedException when the loss becomes non-finite
     */
    public TrainResult run() {
        if (ran) {
            throw new IllegalStateException("a Trainer runs once");
        }
        ran = true;
        long start = System.nanoTime();
        prepare();
        Batcher batcher = Batcher.shuffled(data.train(), data.normalization(), config.batch(), config.seed());
        Batch buffer = batcher.newBatch();
        BatchSource batches = new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return batcher.batchesPerEpoch();
            }

            @Override
            public LabelledBatch batch(int epoch, int index) {
                batcher.fill(epoch, index, buffer);
                return new LabelledBatch(buffer.images(), buffer.labels());
            }
        };
        fit.listener(adapter());
        FitResult r;
        long fitStart = System.nanoTime();
        try {
            r = fit.run(batches, config.epochs());
        } catch (NonFiniteLossException e) {
            throw new TrainingDivergedException(e);
        }
        long fitNanos = System.nanoTime() - fitStart;
        double test = Evaluation.accuracy(model, data.test(), data.normalization(), config.batch());
        // The fit loop's time (earlier runs included) plus this run's time outside it.
        double seconds = r.seconds() + (System.nanoTime() - start - fitNanos) / 1e9;
        long trainImages = (long) data.train().size() * config.epochs();
        String id = initFrom == null ? config.model().id() : "init-from";
        String title = initFrom == null ? config.model().title() : "from " + initFrom.getFileName();
        return new TrainResult(id, title, model.parameterCount(), model.trainableParameterCount(), config.seed(),
                data.train().size(), r.curve().stream().map(Trainer::curvePoint).toList(),
                r.epochs().stream().map(Trainer::epochResult).toList(), test, data.test().size(),
                seconds, r.trainSeconds(),
                r.trainSeconds() > 0 ? trainImages / r.trainSeconds() : 0, Parallel.threads());
    }

    private Sequential fromSeed() {
        return config.model().build(data.channels(), data.height(), data.width(), data.classes(),
                new Rng(config.seed()));
    }

    /** The model itself, or a one-layer Sequential around a bare layer (the trainer reports per child). */
    private static Sequential sequential(Module m) {
        if (m instanceof Sequential s) {
            return s;
        }
        return new Sequential().add("0", m);
    }

    /** One forward pass of a blank image: the model must take (1, C, H, W) and give (1, classes). */
    private void checkFitsData(Path file, Sequential m) {
        String needs = "a model for " + data.channels() + "x" + data.height() + "x" + data.width() + " images and "
                + data.classes() + " classes";
        Tensor out;
        try {
            out = m.forward(Tensor.zeros(1, data.channels(), data.height(), data.width()));
        } catch (BadParameterException e) {
            throw new BadParameterException("initFrom", file + " holds a model that does not fit the data (" + needs
                    + "): " + e.getMessage());
        }
        if (out.rank() != 2 || out.dim(1) != data.classes()) {
            throw new BadParameterException("initFrom", file + " holds a model that does not fit the data (" + needs
                    + "): it gives outputs of shape " + out.shape());
        }
    }

    private FitListener adapter() {
        return new FitListener() {
            @Override
            public void started(int epochs, int batchesPerEpoch, int firstEpoch) {
                listener.started(name, epochs, batchesPerEpoch, firstEpoch);
            }

            @Override
            public void epochStarted(int epoch) {
                listener.epochStarted(epoch);
            }

            @Override
            public void beforeStep(long step, Module m) {
                listener.beforeStep(step, model);
            }

            @Override
            public void stepped(int epoch, int batch, double loss, double accuracy) {
                listener.stepped(epoch, batch, loss, accuracy);
            }

            @Override
            public void validated(CurvePoint p) {
                listener.validated(p.iteration(), p.valAccuracy());
            }

            @Override
            public void epochEnded(EpochResult r, int epochs) {
                listener.epochEnded(epochResult(r), epochs);
            }

            @Override
            public void finished() {
                listener.finished();
            }
        };
    }

    private static TrainResult.CurvePoint curvePoint(CurvePoint p) {
        return new TrainResult.CurvePoint(p.iteration(), p.epoch(), p.valAccuracy(), p.trainLoss());
    }

    private static TrainResult.EpochResult epochResult(EpochResult r) {
        return new TrainResult.EpochResult(r.epoch(), r.valAccuracy(), r.trainLoss(), r.trainAccuracy(), r.seconds());
    }
}
