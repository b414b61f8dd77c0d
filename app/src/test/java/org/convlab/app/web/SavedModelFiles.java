package org.convlab.app.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.nn.optim.SGD;
import org.convlab.nn.train.BatchSource;
import org.convlab.nn.train.Fit;
import org.convlab.tensor.Tensor;

/** Small checkpoints for the explorer's tests: models trained a few steps on the test server's glyphs. */
final class SavedModelFiles {
    private SavedModelFiles() {
    }

    /** The lab's CNN (conv 5x5 -> ReLU -> conv 3x3 -> ReLU -> flatten -> fc) for 28x28, trained 4 steps. */
    static Path labCnn(Path file) {
        return save(file, new ThreeLayerConvNet(1, 4, 3, 10, 28, 28, new Rng(11)));
    }

    /** conv 3x3 -> ReLU -> max-pool 2x2 -> conv 3x3 -> ReLU -> flatten -> fc for 28x28: total stride 2. */
    static Path pooledCnn(Path file) {
        Rng rng = new Rng(12);
        return save(file, new Sequential()
                .add("conv1", Conv2d.builder(1, 4, 3).padding(1).build(rng))
                .add("relu1", new ReLU())
                .add("pool", new MaxPool2d(2))
                .add("conv2", Conv2d.builder(4, 3, 3).padding(1).build(rng))
                .add("relu2", new ReLU())
                .add("flatten", new Flatten())
                .add("fc", new Linear(3 * 14 * 14, 10, rng)));
    }

    /** Three poolings (conv 3x3 -> ReLU -> pool -> conv 3x3 -> ReLU -> pool -> pool -> flatten -> fc): stride 8. */
    static Path stride8Cnn(Path file) {
        Rng rng = new Rng(14);
        return save(file, new Sequential()
                .add("conv1", Conv2d.builder(1, 2, 3).padding(1).build(rng))
                .add("relu1", new ReLU())
                .add("pool1", new MaxPool2d(2))
                .add("conv2", Conv2d.builder(2, 2, 3).padding(1).build(rng))
                .add("relu2", new ReLU())
                .add("pool2", new MaxPool2d(2))
                .add("pool3", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("fc", new Linear(2 * 3 * 3, 10, rng)));
    }

    /** An MLP 784-8-10: no convolution to shift. */
    static Path mlp(Path file) {
        return save(file, new ThreeLayerMLP(28 * 28, 8, 10, new Rng(13)));
    }

    /** Trains {@code model} 2 epochs of 2 batches of 8 glyphs with SGD, then saves it model-only. */
    static Path save(Path file, Module model) {
        int n = 16;
        float[] x = new float[n * 28 * 28];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(TestServer.IMAGES.image(i), 0, x, i * 28 * 28, 28 * 28);
            y[i] = i % 10;
        }
        new Fit(model, new SGD(model.parameters(), 0.05), new CrossEntropyLoss())
                .run(BatchSource.of(Tensor.wrap(x, n, 1, 28, 28), y, 8), 2);
        Checkpoints.saveModel(file, model, Map.of("data.shape", "1x28x28"));
        return file;
    }

    /** Every file above in {@code dir}: lab-cnn, pooled-cnn, stride8-cnn, mlp (.ckpt), in that order. */
    static List<Path> all(Path dir) {
        return List.of(labCnn(dir.resolve("lab-cnn.ckpt")), pooledCnn(dir.resolve("pooled-cnn.ckpt")),
                stride8Cnn(dir.resolve("stride8-cnn.ckpt")), mlp(dir.resolve("mlp.ckpt")));
    }
}
