package org.convlab.lab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.core.BadParameterException;

/**
 * How to train: the notebook's protocol by default ({@link #notebook(ModelSpec)}: plain SGD,
 * learning rate 3e-3, batch 64, 2 epochs, seed 7, validation every 100 iterations).
 *
 * @param model     the network
 * @param epochs    passes over the training split
 * @param lr        learning rate
 * @param batch     images per step (the last batch of an epoch may be smaller)
 * @param optimizer sgd, momentum or adam
 * @param momentum  the momentum factor of {@code momentum} (ignored otherwise)
 * @param seed      seeds the initial weights and the batch order of every epoch
 * @param evalEvery validation accuracy is measured every this many iterations (and at every epoch's end); 0 = only per epoch
 */
public record TrainConfig(ModelSpec model, int epochs, double lr, int batch, OptimizerKind optimizer,
                          double momentum, long seed, int evalEvery) {
    /** The notebook's learning rate. */
    public static final double NOTEBOOK_LR = 3e-3;
    /** The notebook's batch size. */
    public static final int NOTEBOOK_BATCH = 64;
    /** The notebook's number of epochs. */
    public static final int NOTEBOOK_EPOCHS = 2;
    /** The notebook's seed. */
    public static final long NOTEBOOK_SEED = 7;
    /** The notebook's {@code print_every}. */
    public static final int NOTEBOOK_EVAL_EVERY = 100;
    /** The momentum used by {@code --optimizer momentum} unless given. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public TrainConfig {
        if (model == null) {
            throw new BadParameterException("model", "a model", "nothing");
        }
        if (epochs < 1 || epochs > 10_000) {
            throw new BadParameterException("epochs", "a number of epochs in 1..10000", epochs);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new BadParameterException("lr", "a positive finite learning rate", lr);
        }
        if (batch < 1 || batch > 65_536) {
            throw new BadParameterException("batchSize", "a batch size in 1..65536", batch);
        }
        if (optimizer == null) {
            throw new BadParameterException("optimizer", "one of sgd, momentum, adam", "nothing");
        }
        if (!(momentum >= 0) || momentum >= 1) {
            throw new BadParameterException("momentum", "a momentum in [0, 1)", momentum);
        }
        if (evalEvery < 0) {
            throw new BadParameterException("evalEvery", "0 (per epoch only) or a positive number of iterations",
                    evalEvery);
        }
    }

    /** The notebook's protocol for {@code model}. */
    public static TrainConfig notebook(ModelSpec model) {
        return new TrainConfig(model, NOTEBOOK_EPOCHS, NOTEBOOK_LR, NOTEBOOK_BATCH, OptimizerKind.SGD,
                DEFAULT_MOMENTUM, NOTEBOOK_SEED, NOTEBOOK_EVAL_EVERY);
    }

    public TrainConfig withModel(ModelSpec m) {
        return new TrainConfig(m, epochs, lr, batch, optimizer, momentum, seed, evalEvery);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(model, e, lr, batch, optimizer, momentum, seed, evalEvery);
    }

    public TrainConfig withLr(double l) {
        return new TrainConfig(model, epochs, l, batch, optimizer, momentum, seed, evalEvery);
    }

    public TrainConfig withBatch(int b) {
        return new TrainConfig(model, epochs, lr, b, optimizer, momentum, seed, evalEvery);
    }

    public TrainConfig withOptimizer(OptimizerKind o) {
        return new TrainConfig(model, epochs, lr, batch, o, momentum, seed, evalEvery);
    }

    public TrainConfig withMomentum(double m) {
        return new TrainConfig(model, epochs, lr, batch, optimizer, m, seed, evalEvery);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(model, epochs, lr, batch, optimizer, momentum, s, evalEvery);
    }

    public TrainConfig withEvalEvery(int n) {
        return new TrainConfig(model, epochs, lr, batch, optimizer, momentum, seed, n);
    }

    /**
     * What must match for a checkpoint to continue this run (everything but the epoch count):
     * name to value, as written in the checkpoint's metadata.
     */
    public Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model.kind().word());
        m.put("hidden", Integer.toString(model.hidden()));
        m.put("channels", model.channel1() + "," + model.channel2());
        m.put("lr", Double.toString(lr));
        m.put("batch", Integer.toString(batch));
        m.put("optimizer", optimizer.word());
        m.put("momentum", Double.toString(optimizer == OptimizerKind.MOMENTUM ? momentum : 0));
        m.put("seed", Long.toString(seed));
        m.put("eval_every", Integer.toString(evalEvery));
        return m;
    }

    /** One line: {@code sgd lr 0.003, batch 64, 2 epochs, seed 7}. */
    public String protocol() {
        String opt = optimizer == OptimizerKind.MOMENTUM ? "momentum " + momentum : optimizer.word();
        return opt + " lr " + lr + ", batch " + batch + ", " + epochs + " epoch" + (epochs == 1 ? "" : "s")
                + ", seed " + seed;
    }
}
