package org.convlab.app;

import java.nio.file.Path;
import java.util.Map;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.tensor.io.TensorFile;

/** Small saved models for the trained-layer tests: seeded weights stand in for trained ones. */
final class TrainedModels {
    private TrainedModels() {
    }

    /**
     * A 2-D model on 1 x 8 x 8 with {@code data.shape} recorded: conv1 (1 -> 2, 3x3, padding 1),
     * relu, pool (2), conv2 (2 -> 4, 3x3, stride 2, padding 1, groups 2), lc (4 -> 2, 2x2 on 2 x 2,
     * padding 1), flatten, fc.
     */
    static Sequential net2d(Rng rng) {
        return new Sequential()
                .add("conv1", Conv2d.builder(1, 2, 3).padding(1).build(rng))
                .add("relu", new ReLU())
                .add("pool", new MaxPool2d(2))
                .add("conv2", Conv2d.builder(2, 4, 3).stride(2).padding(1).groups(2).build(rng))
                .add("lc", LocallyConnected2d.builder(4, 2, 2).size(2, 2).padding(1).build(rng))
                .add("flatten", new Flatten())
                .add("fc", new Linear(18, 3, rng));
    }

    /** {@link #net2d} saved with {@code data.shape=1x8x8}, as the lab's runs record it. */
    static Path save2d(Path file) {
        Checkpoints.saveModel(file, net2d(new Rng(7)), Map.of("data.shape", "1x8x8"));
        return file;
    }

    /** A 1-D model without a recorded input shape: conv (3 -> 2, kernel 3, stride 2, dilation 2), no bias. */
    static Path save1d(Path file) {
        Sequential s = new Sequential().add("conv", Conv1d.builder(3, 2, 3).stride(2).dilation(2).bias(false)
                .build(new Rng(8)));
        Checkpoints.saveModel(file, s, Map.of());
        return file;
    }

    /** A version-1 checkpoint: weights but no architecture. */
    static Path saveV1(Path file) {
        TensorFile.write(file, Map.of("format", Checkpoints.FORMAT_V1, "checkpoint_version", "1"),
                Map.of("model/conv1.weight", org.convlab.tensor.Tensor.zeros(2, 1, 3, 3)));
        return file;
    }
}
