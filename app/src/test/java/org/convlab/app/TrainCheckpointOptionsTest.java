package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.data.io.IdxWriter;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code train --resume} and {@code --init-from} refusals: each is one line on standard error
 * with nothing on standard output, and the ones that need no data come before the data is
 * loaded (the cases whose data folder does not exist prove it: the data error never shows).
 */
class TrainCheckpointOptionsTest {
    @TempDir
    static Path dir;
    static Path mnist;
    static Path swapped;
    static Path run;
    static Path swappedRun;
    static Path modelOnly;
    static Path pooledNet;

    /** An MNIST-format folder of 60 training and 20 test 6x6 images whose pixels are drawn from {@code seed}. */
    static Path mnistFolder(String name, long seed) {
        Path d = dir.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Rng rng = new Rng(seed);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? 60 : 20;
            byte[] pixels = new byte[n * 36];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 10);
                for (int p = 0; p < 36; p++) {
                    pixels[i * 36 + p] = (byte) rng.nextInt(256);
                }
            }
            IdxWriter.writeImages(d.resolve(split + "-images-idx3-ubyte"), n, 6, 6, pixels, false);
            IdxWriter.writeLabels(d.resolve(split + "-labels-idx1-ubyte"), labels, false);
        }
        return d;
    }

    static String[] train(Path data, String... more) {
        String[] base = {"train", "--data", "mnist:" + data, "--val", "20", "--mean", "0.5", "--std", "0.25",
            "--model", "mlp", "--hidden", "8", "--batch", "16", "--quiet"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @BeforeAll
    static void saveARun() {
        mnist = mnistFolder("mnist", 1);
        run = dir.resolve("run.ckpt");
        Cli r = Cli.run(train(mnist, "--epochs", "2", "--save", run.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        // The same folder (so the same spec), the same size and normalisation, other images.
        swapped = mnistFolder("swapped", 1);
        swappedRun = dir.resolve("swapped.ckpt");
        Cli s = Cli.run(train(swapped, "--epochs", "1", "--save", swappedRun.toString()));
        assertThat(s.exit()).as(s.err()).isZero();
        mnistFolder("swapped", 2);
        modelOnly = dir.resolve("model-only.ckpt");
        Sequential mlp = new Sequential().add("flatten", new Flatten()).add("fc", new Linear(36, 10, new Rng(3)));
        Checkpoints.saveModel(modelOnly, mlp, Map.of());
        Rng rng = new Rng(4);
        pooledNet = dir.resolve("pooled.ckpt");
        Checkpoints.saveModel(pooledNet, new Sequential()
                .add("conv", Conv2d.builder(1, 3, 3).padding(1).build(rng))
                .add("relu", new ReLU())
                .add("pool", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("fc", new Linear(27, 10, rng)), Map.of());
    }

    static Stream<Arguments> refusals() {
        Path none = Path.of("/nonexistent/convlab-data");
        return Stream.of(
            Arguments.of("other data of the same size and normalisation", train(swapped, "--epochs", "3", "--resume",
                    "SWAPPED"), 2, "was trained on other data: its training split has fingerprint sha256:"),
            Arguments.of("more epochs done than asked (before the data)", train(none, "--epochs", "1", "--resume",
                    "RUN"), 2, "at least the 2 epochs that the checkpoint"),
            Arguments.of("another learning rate (before the data)", train(none, "--epochs", "3", "--lr", "0.1",
                    "--resume", "RUN"), 2, "is a checkpoint of another run: it has lr 0.003, this run 0.1"),
            Arguments.of("another seed (before the data)", train(none, "--epochs", "3", "--seed", "8", "--resume",
                    "RUN"), 2, "it has seed 7, this run 8"),
            Arguments.of("a model-only checkpoint to resume (before the data)", train(none, "--epochs", "3",
                    "--resume", "MODEL"), 1, "is a model-only checkpoint, not a training run to resume"),
            Arguments.of("resume and init-from together (before the data)", train(none, "--resume", "RUN",
                    "--init-from", "MODEL"), 2, "--init-from: --resume continues a run"),
            Arguments.of("a missing init-from file (before the data)", train(none, "--init-from", "MISSING"), 1,
                    "no such file"),
            Arguments.of("a model for other images", train(mnist, "--init-from", "POOLED_WRONG"), 2,
                    "holds a model that does not fit the data (a model for 1x6x6 images and 10 classes)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachRefusalIsOneLineBeforeAnyOutput(String name, String[] args, int exit, String message) throws Exception {
        Path wrongSize = dir.resolve("wrong.ckpt");
        Rng rng = new Rng(5);
        Checkpoints.saveModel(wrongSize, new Sequential().add("flatten", new Flatten())
                .add("fc", new Linear(49, 10, rng)), Map.of());
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (args[i]) {
                case "RUN" -> run.toString();
                case "SWAPPED" -> swappedRun.toString();
                case "MODEL" -> modelOnly.toString();
                case "MISSING" -> dir.resolve("missing.ckpt").toString();
                case "POOLED_WRONG" -> wrongSize.toString();
                default -> args[i];
            };
        }
        byte[] before = Files.readAllBytes(run);
        Cli r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.out()).as("standard output").isEmpty();
        assertThat(r.err().strip()).contains(message).doesNotContain("Exception").doesNotContain("/nonexistent");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(Files.readAllBytes(run)).as("the checkpoint is untouched").isEqualTo(before);
    }

    @Test
    void initFromStartsANewRunFromAnyRecordedModel() {
        Path out = dir.resolve("from-pooled.ckpt");
        Cli r = Cli.run(train(mnist, "--epochs", "1", "--init-from", pooledNet.toString(), "--save",
                out.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("init from  " + pooledNet).contains("from pooled.ckpt: 310 parameters");
        Cli again = Cli.run(train(mnist, "--epochs", "2", "--resume", out.toString()));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("epoch 2/2");

        Cli fromRun = Cli.run(train(mnist, "--epochs", "1", "--init-from", run.toString(), "--lr", "0.01"));
        assertThat(fromRun.exit()).as(fromRun.err()).isZero();
    }
}
