package org.convlab.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.loss.Loss;
import org.convlab.nn.optim.Optimizer;
import org.convlab.tensor.Tensor;

/**
 * The training loop for any model: epochs of batches from a {@link BatchSource}, one optimiser
 * step per batch on the mean loss, an optional {@link Validation} every few steps and at every
 * epoch's end, a checkpoint after every epoch, listeners.
 *
 * <pre>{@code
 * FitResult r = new Fit(model, new SGD(model.parameters(), 0.01).momentum(0.9), new CrossEntropyLoss())
 *         .validation(m -> accuracy(m, heldOut), 100)
 *         .checkpoint(Path.of("run.ckpt"), Map.of())
 *         .run(BatchSource.of(images, labels, 64), 10);
 * }</pre>
 *
 * <p>A step is: zero the gradients, forward, loss (checked: a NaN or infinite loss throws
 * {@link NonFiniteLossException} before any update), backward, optimiser step. With
 * {@link #checkpoint} a checkpoint ({@link Checkpoints}: architecture, weights, optimiser
 * state, the run's progress and the caller's metadata) is written after every epoch;
 * {@link #resume(Checkpoint)} restores one and {@link #run} continues with the next epoch,
 * ending with the same weights, bit for bit, as an uninterrupted run (when the batch source's
 * batches depend only on the epoch and the index). A Fit runs once.
 */
public final class Fit {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<FitListener> listeners = new ArrayList<>();
    private Validation validation;
    private int validateEvery;
    private Path checkpoint;
    private Map<String, String> checkpointMetadata = Map.of();
    private FitHistory resumed = new FitHistory(0, 0, List.of(), List.of(), 0, 0);
    private Path resumedFrom;
    private boolean ran;

    /** A loop that trains {@code model} with {@code optimizer} (over the model's parameters) on {@code loss}. */
    public Fit(Module model, Optimizer optimizer, Loss loss) {
        if (model == null || optimizer == null || loss == null) {
            throw new BadParameterException(model == null ? "model" : optimizer == null ? "optimizer" : "loss",
                    "a value", "null");
        }
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
    }

    /** Measures {@code v} every {@code every} steps (0: only at the end of every epoch) and at every epoch's end. */
    public Fit validation(Validation v, int every) {
        if (every < 0) {
            throw new BadParameterException("every", "0 (per epoch only) or a positive number of steps", every);
        }
        this.validation = v;
        this.validateEvery = every;
        return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Fit listener(FitListener l) {
        if (l != null) {
            listeners.add(l);
        }
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} after every epoch (null: none), with {@code metadata}
     * added to the run's progress.
     */
    public Fit checkpoint(Path file, Map<String, String> metadata) {
        for (String k : metadata.keySet()) {
            if (FitHistory.KEYS.contains(k)) {
                throw new BadParameterException("metadata", "keys other than the run's own " + FitHistory.KEYS, k);
            }
        }
        this.checkpoint = file;
        this.checkpointMetadata = new LinkedHashMap<>(metadata);
        return this;
    }

    /**
     * Continues the run saved in {@code saved}: restores the model's weights and the optimiser's
     * state now, and {@link #run} starts with the epoch after the saved ones.
     *
     * @throws BadFileException when the checkpoint does not fit the model or the optimiser, or its progress is damaged
     */
    public Fit resume(Checkpoint saved) {
        FitHistory h = FitHistory.readFrom(saved.file(), saved.metadata());
        saved.restoreModel(model);
        saved.restoreOptimizer(optimizer);
        this.resumed = h;
        this.resumedFrom = saved.file();
        return this;
    }

    /** The epochs already done by the run {@link #resume} continues (0 for a fresh run). */
    public int epochsDone() {
        return resumed.epochsDone();
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /**
     * Trains until {@code epochs} epochs are done in all (fewer when resumed).
     *
     * @throws NonFiniteLossException when the loss becomes NaN or infinite
     * @throws BadParameterException  naming {@code epochs} when the resumed run has done more
     */
    public FitResult run(BatchSource data, int epochs) {
        if (ran) {
            throw new IllegalStateException("a Fit runs once");
        }
        int firstEpoch = resumed.epochsDone();
        if (epochs < firstEpoch) {
            throw new BadParameterException("epochs", "at least the " + firstEpoch + " epochs that the checkpoint "
                    + resumedFrom + " has done", epochs);
        }
        ran = true;
        long start = System.nanoTime();
        int batches = data.batchesPerEpoch();
        List<CurvePoint> curve = new ArrayList<>(resumed.curve());
        List<EpochResult> done = new ArrayList<>(resumed.epochs().subList(0,
                Math.min(firstEpoch, resumed.epochs().size())));
        long step = resumed.step();
        double trainSeconds = resumed.trainSeconds();
        String saved = checkpoint == null ? "no checkpoint is saved"
                : "no checkpoint was written yet (the first is written after epoch 1)";
        if (checkpoint != null && resumedFrom != null
                && checkpoint.toAbsolutePath().equals(resumedFrom.toAbsolutePath())) {
            saved = "the last good checkpoint, after epoch " + firstEpoch + ", is " + checkpoint;
        }

        for (FitListener l : listeners) {
            l.started(epochs, batches, firstEpoch);
        }
        try {
            double lossSinceEval = 0;
            int stepsSinceEval = 0;
            for (int epoch = firstEpoch; epoch < epochs; epoch++) {
                long epochStart = System.nanoTime();
                for (FitListener l : listeners) {
                    l.epochStarted(epoch);
                }
                double epochLoss = 0;
                long epochCorrect = 0;
                long epochImages = 0;
                for (int b = 0; b < batches; b++) {
                    long t0 = System.nanoTime();
                    LabelledBatch batch = data.batch(epoch, b);
                    step++;
                    for (FitListener l : listeners) {
                        l.beforeStep(step, model);
                    }
                    optimizer.zeroGrad();
                    Tensor logits = model.forward(batch.inputs());
                    float value = loss.forward(logits, batch.labels());
                    if (!Float.isFinite(value)) {
                        throw diverged(step, epoch, b, batches, value, batch, saved);
                    }
                    epochCorrect += CrossEntropyLoss.correct(logits, batch.labels());
                    model.backward(loss.backward());
                    optimizer.step();
                    trainSeconds += (System.nanoTime() - t0) / 1e9;
                    epochLoss += value;
                    epochImages += batch.labels().length;
                    lossSinceEval += value;
                    stepsSinceEval++;
                    for (FitListener l : listeners) {
                        l.stepped(epoch, b, epochLoss / (b + 1), (double) epochCorrect / epochImages);
                    }
                    boolean last = b == batches - 1;
                    if (validation != null && ((validateEvery > 0 && step % validateEvery == 0) || last)) {
                        CurvePoint p = new CurvePoint(step, (double) step / batches, validation.measure(model),
                                lossSinceEval / stepsSinceEval);
                        curve.add(p);
                        lossSinceEval = 0;
                        stepsSinceEval = 0;
                        for (FitListener l : listeners) {
                            l.validated(p);
                        }
                    }
                }
                EpochResult er = new EpochResult(epoch + 1,
                        validation == null ? Double.NaN : curve.get(curve.size() - 1).valAccuracy(),
                        epochLoss / batches, (double) epochCorrect / epochImages,
                        (System.nanoTime() - epochStart) / 1e9);
                done.add(er);
                if (checkpoint != null) {
                    double seconds = resumed.seconds() + (System.nanoTime() - start) / 1e9;
                    Map<String, String> meta = new LinkedHashMap<>(checkpointMetadata);
                    new FitHistory(epoch + 1, step, curve, done, seconds, trainSeconds).writeTo(meta);
                    Checkpoints.save(checkpoint, model, optimizer, meta);
                    saved = "the last good checkpoint, after epoch " + (epoch + 1) + ", is " + checkpoint;
                }
                for (FitListener l : listeners) {
                    l.epochEnded(er, epochs);
                }
            }
            return new FitResult(step, curve, done, resumed.seconds() + (System.nanoTime() - start) / 1e9,
                    trainSeconds);
        } finally {
            for (FitListener l : listeners) {
                l.finished();
            }
        }
    }

    private NonFiniteLossException diverged(long step, int epoch, int b, int batches, float value,
                                            LabelledBatch batch, String saved) {
        String layer = model instanceof Sequential s ? s.firstNonFinite() : null;
        if (layer == null) {
            layer = batch.inputs().allFinite() ? "none (the logits are finite but too large for the loss)"
                    : "none: the input batch holds non-finite values";
        }
        return new NonFiniteLossException(step, epoch + 1, b + 1, batches, value, layer, saved);
    }
}
