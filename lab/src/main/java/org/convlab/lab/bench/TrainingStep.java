package org.convlab.lab.bench;

import java.util.List;
import java.util.function.Function;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;

/**
 * One SGD training step of a model on a fixed batch: {@code zeroGrad; forward; cross-entropy;
 * backward; step}, with the model's input gradient switched off as PyTorch does for an input
 * that needs none. x is (N, ...) and labels has N entries.
 */
public final class TrainingStep {
    /** The batch of the benchmarks. */
    public static final int BATCH = 64;
    /** The notebook's models as the benchmarks name them: two ThreeLayerConvNets and the MLP. */
    public static final List<String> NOTEBOOK = List.of("cnn-3x32x32", "cnn-1x28x28", "mlp-3072-4000");

    private final Module model;
    private final Tensor x;
    private final int[] labels;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final SGD sgd;

    /** A step of {@code model} on {@code x} (N, ...) with {@code labels} (N), plain SGD at {@code lr}. */
    public TrainingStep(Module model, Tensor x, int[] labels, float lr) {
        if (labels.length != x.dim(0)) {
            throw new BadParameterException("labels", x.dim(0) + " labels, one per row of x", labels.length);
        }
        this.model = model;
        this.x = x;
        this.labels = labels.clone();
        model.setInputGradient(false);
        this.sgd = new SGD(model.parameters(), lr);
    }

    /**
     * The step of a notebook model ({@link #NOTEBOOK}) on a batch of 64 uniform(-1, 1) inputs with
     * labels 0..9 in turn, at learning rate 3e-3; weights and inputs from seed 7.
     */
    public static TrainingStep notebook(String name) {
        return switch (name) {
            case "cnn-3x32x32" -> synthetic(rng -> new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, rng), 3, 32, 32);
            case "cnn-1x28x28" -> synthetic(rng -> new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, rng), 1, 28, 28);
            case "mlp-3072-4000" -> synthetic(rng -> new ThreeLayerMLP(3072, 4000, 10, rng), 3072);
            default -> throw new BadParameterException("name", "one of " + NOTEBOOK, name);
        };
    }

    /**
     * The step of the model {@code build} makes from seed 7, on a batch of {@link #BATCH}
     * inputs of shape {@code sample} drawn uniform(-1, 1) from the same generator afterwards.
     */
    public static TrainingStep synthetic(Function<Rng, Module> build, int... sample) {
        Rng rng = new Rng(7);
        Module model = build.apply(rng);
        int[] dims = new int[sample.length + 1];
        dims[0] = BATCH;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        Tensor x = Tensor.zeros(dims);
        float[] data = x.data();
        for (int j = 0; j < data.length; j++) {
            data[j] = rng.uniform(-1, 1);
        }
        int[] labels = new int[BATCH];
        for (int j = 0; j < BATCH; j++) {
            labels[j] = j % 10;
        }
        return new TrainingStep(model, x, labels, 3e-3f);
    }

    /** Runs one step and returns its loss (before the update). */
    public float run() {
        sgd.zeroGrad();
        float l = loss.forward(model.forward(x), labels);
        model.backward(loss.backward());
        sgd.step();
        return l;
    }

    /** Images per step: the batch size N. */
    public int images() {
        return labels.length;
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }
}
