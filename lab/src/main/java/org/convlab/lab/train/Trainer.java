package org.convlab.lab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.data.Batch;
import org.convlab.data.Batcher;
import org.convlab.data.DataSet;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.Optimizer;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;

/**
 * Trains a model on a data set as the notebook does: each epoch visits the training split in a
 * shuffled order (drawn from the seed and the epoch), one optimiser step per batch on the mean
 * cross-entropy loss; validation accuracy every {@code evalEvery} iterations and at the end of
 * every epoch; test accuracy at the end.
 *
 * <pre>{@code
 * TrainResult r = new Trainer(data, TrainConfig.notebook(ModelSpec.of(ModelKind.CNN)))
 *         .listener(progress).save(Path.of("cnn.ckpt")).run();
 * Sequential trained = trainer.model();
 * }</pre>
 *
 * <p>A step is: zero the gradients, forward, loss (checked: a NaN or infinite loss throws
 * {@link TrainingDivergedException} before any update), backward, optimiser step. With
 * {@link #save(Path)} a checkpoint is written after every epoch; {@link #resume(Path)} loads
 * one and continues with the next epoch, ending with the same weights, bit for bit, as an
 * uninterrupted run. One trainer runs once.
 */
public final class Trainer {
    private final DataSet data;
    private final TrainConfig config;
    private TrainingListener listener = TrainingListener.NONE;
    private Path save;
    private Path resume;
    private String name;
    private Sequential model;
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

    /** The run's name in progress displays (default {@code "<model id> seed <seed>"}). */
    public Trainer name(String n) {
        this.name = n;
        return this;
    }

    /** The model being (or that was) trained; null before {@link #run()}. */
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
        return m;
    }

    /**
     * Builds the model from the seed, trains it (or continues a saved run), and measures test
     * accuracy.
     *
     * @throws TrainingDivergedException when the loss becomes non-finite
     */
    public TrainResult run() {
        if (ran) {
            throw new IllegalStateException("a Trainer runs once");
        }
        ran = true;
        long start = System.nanoTime();
        model = config.model().build(data.channels(), data.height(), data.width(), data.classes(),
                new Rng(config.seed()));
        Optimizer optimizer = config.optimizer().create(model.parameters(), config.lr(), config.momentum());
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Batcher batcher = Batcher.shuffled(data.train(), data.normalization(), config.batch(), config.seed());
        int batches = batcher.batchesPerEpoch();
        Map<String, String> identity = dataIdentity(data);

        List<TrainResult.CurvePoint> curve = new ArrayList<>();
        List<TrainResult.EpochResult> epochs = new ArrayList<>();
        int firstEpoch = 0;
        long step = 0;
        double earlierSeconds = 0;
        double trainSeconds = 0;
        String saved = save == null ? "no checkpoint is saved (use --save FILE)"
                : "no checkpoint was written yet (the first is written after epoch 1)";
        if (resume != null) {
            Checkpoint.State s = Checkpoint.load(resume, config, identity, model, optimizer);
            if (s.epochsDone() > config.epochs()) {
                throw new BadParameterException("--epochs", "at least the " + s.epochsDone()
                        + " epochs that the checkpoint " + resume + " has done", config.epochs());
            }
            firstEpoch = s.epochsDone();
            step = s.step();
            curve.addAll(s.curve());
            epochs.addAll(s.epochs().subList(0, Math.min(firstEpoch, s.epochs().size())));
            earlierSeconds = s.seconds();
            trainSeconds = s.trainSeconds();
            if (save != null && save.toAbsolutePath().equals(resume.toAbsolutePath())) {
                saved = "the last good checkpoint, after epoch " + s.epochsDone() + ", is " + save;
            }
        }

        listener.started(name, config.epochs(), batches, firstEpoch);
        try {
            Batch batch = batcher.newBatch();
            double lossSinceEval = 0;
            int stepsSinceEval = 0;
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                listener.epochStarted(epoch);
                double epochLoss = 0;
                long epochCorrect = 0;
                long epochImages = 0;
                for (int b = 0; b < batches; b++) {
                    long t0 = System.nanoTime();
                    batcher.fill(epoch, b, batch);
                    step++;
                    listener.beforeStep(step, model);
                    optimizer.zeroGrad();
                    Tensor logits = model.forward(batch.images());
                    float loss = criterion.forward(logits, batch.labels());
                    if (!Float.isFinite(loss)) {
                        throw diverged(step, epoch, b, batches, loss, batch, saved);
                    }
                    epochCorrect += CrossEntropyLoss.correct(logits, batch.labels());
                    model.backward(criterion.backward());
                    optimizer.step();
                    trainSeconds += (System.nanoTime() - t0) / 1e9;
                    epochLoss += loss;
                    epochImages += batch.size();
                    lossSinceEval += loss;
                    stepsSinceEval++;
                    listener.stepped(epoch, b, epochLoss / (b + 1), (double) epochCorrect / epochImages);
                    boolean last = b == batches - 1;
                    if ((config.evalEvery() > 0 && step % config.evalEvery() == 0) || last) {
                        double acc = validate();
                        curve.add(new TrainResult.CurvePoint(step, (double) step / batches, acc,
                                lossSinceEval / stepsSinceEval));
                        lossSinceEval = 0;
                        stepsSinceEval = 0;
                        listener.validated(step, acc);
                    }
                }
                TrainResult.EpochResult er = new TrainResult.EpochResult(epoch + 1,
                        curve.get(curve.size() - 1).valAccuracy(), epochLoss / batches,
                        (double) epochCorrect / epochImages, (System.nanoTime() - epochStart) / 1e9);
                epochs.add(er);
                if (save != null) {
                    double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
                    Checkpoint.save(save, config, identity, model, optimizer,
                            new Checkpoint.State(epoch + 1, step, curve, epochs, seconds, trainSeconds));
                    saved = "the last good checkpoint, after epoch " + (epoch + 1) + ", is " + save;
                }
                listener.epochEnded(er, config.epochs());
            }
            double test = Evaluation.accuracy(model, data.test(), data.normalization(), config.batch());
            double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
            long trainImages = (long) data.train().size() * config.epochs();
            return new TrainResult(config.model().id(), config.model().title(), model.parameterCount(),
                    model.trainableParameterCount(), config.seed(), data.train().size(), curve, epochs, test,
                    data.test().size(), seconds, trainSeconds, trainSeconds > 0 ? trainImages / trainSeconds : 0,
                    Parallel.threads());
        } finally {
            listener.finished();
        }
    }

    private double validate() {
        return Evaluation.accuracy(model, data.validation(), data.normalization(), config.batch());
    }

    private TrainingDivergedException diverged(long step, int epoch, int b, int batches, float loss, Batch batch,
                                               String saved) {
        String layer = model.firstNonFinite();
        if (layer == null) {
            layer = batch.images().allFinite() ? "none (the logits are finite but too large for the loss)"
                    : "none: the input batch holds non-finite values";
        }
        return new TrainingDivergedException(step, epoch + 1, b + 1, batches, loss, layer, saved);
    }
}
