package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of {@code ./convlab --help} run with bad arguments: zero, negative, huge and
 * non-numeric values, empty strings, unknown names, missing files, directories instead of
 * files, unreadable files, bad {@code --data} specs, bad checkpoint and output paths, bad
 * ports and thread counts.
 *
 * <p>Each case expects an exit code (2 for a value that cannot work, 1 for a file that is
 * missing, of the wrong kind, unreadable or damaged), nothing on standard output, and exactly
 * one line on standard error that names the culprit (the option, or the file or value at
 * fault) with no stack trace. Every case fails while the command validates its arguments,
 * before any training run or server start, so the whole table runs in seconds.
 */
class BadArgumentsTableTest {
    /** Exit code of a usage error. */
    private static final int USAGE = 2;
    /** Exit code of a file error. */
    private static final int FILE = 1;

    /** Small synthetic data (room for the default 1,000 validation images), for checks that need loaded data. */
    private static final String TINY = "synthetic:train=1010,test=20";

    @TempDir
    static Path dir;

    private static Path emptyFile;
    private static Path garbageFile;
    private static Path aDirectory;
    private static Path emptyDirectory;
    private static Path missingParent;
    private static Path missingFile;
    private static Path unreadable;
    private static Path idxWithUnreadableFile;
    private static Path trained;
    private static Path trainedV1;

    @BeforeAll
    static void fixtures() throws IOException, InterruptedException {
        emptyFile = Files.createFile(dir.resolve("empty.ckpt"));
        garbageFile = Files.writeString(dir.resolve("garbage.ckpt"), "this is not a checkpoint\n".repeat(20));
        aDirectory = Files.createDirectory(dir.resolve("a-directory"));
        emptyDirectory = Files.createDirectory(dir.resolve("empty-directory"));
        missingParent = dir.resolve("no-such-folder").resolve("run.ckpt");
        missingFile = dir.resolve("no-such-file.ckpt");
        unreadable = unreadableFile(dir.resolve("unreadable.ckpt"));
        idxWithUnreadableFile = Files.createDirectory(dir.resolve("idx-unreadable"));
        for (String name : List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            Files.write(idxWithUnreadableFile.resolve(name), new byte[16]);
        }
        unreadableFile(idxWithUnreadableFile.resolve("train-images-idx3-ubyte"));
        trained = TrainedModels.save2d(dir.resolve("trained.ckpt"));
        trainedV1 = TrainedModels.saveV1(dir.resolve("trained-v1.ckpt"));
    }

    /**
     * A file the process cannot read. {@code chmod 000} is enough for an ordinary user, but the
     * tests may run as root, whom file permissions do not stop: then the file is a FIFO (named
     * pipe) instead, which is not a regular file (opening it would block until a writer comes),
     * and failing that a directory.
     */
    private static Path unreadableFile(Path path) throws IOException, InterruptedException {
        Files.writeString(path, "secret\n");
        path.toFile().setReadable(false, false);
        if (!Files.isReadable(path)) {
            return path;
        }
        Files.delete(path);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (mkfifo.waitFor() == 0 && Files.exists(path)) {
            return path;
        }
        return Files.createDirectory(path);
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        top(c);
        shape(c);
        elements(c);
        matrix(c);
        cost(c);
        trainedLayer(c);
        worksheet(c);
        gradcheck(c);
        data(c);
        train(c);
        lab(c);
        bench(c);
        serve(c);
        ModelFileCases.add(c, new ModelFileCases.Shared(dir, missingFile, aDirectory, garbageFile, emptyFile, unreadable,
                missingParent));
        return c.stream();
    }

    private static void top(List<Arguments> c) {
        c.add(usage("frobnicate", "frobnicate"));
        c.add(usage("--frobnicate", "--frobnicate"));
    }

    private static void shape(List<Arguments> c) {
        c.add(usage("--input", "shape", "--input", "0", "--kernel", "3"));
        c.add(usage("--kernel", "shape", "--input", "9", "--kernel", "0"));
        c.add(usage("stride", "shape", "--input", "9", "--kernel", "3", "--stride", "0"));
        c.add(usage("stride", "shape", "--input", "9", "--kernel", "3", "--stride", "-1"));
        c.add(usage("dilation", "shape", "--input", "9", "--kernel", "3", "--dilation", "0"));
        c.add(usage("padding", "shape", "--input", "9", "--kernel", "3", "--padding", "-1"));
        c.add(usage("kernel", "shape", "--input", "9", "--kernel", "10"));
        c.add(usage("groups", "shape", "--input", "3x9x9", "--kernel", "3", "--groups", "2"));
        c.add(usage("groups", "shape", "--input", "9", "--kernel", "3", "--filters", "3", "--groups", "3"));
        c.add(usage("padding", "shape", "--input", "9", "--kernel", "3", "--stride", "2", "--padding", "same"));
        c.add(usage("--input", "shape", "--input", "28y28", "--kernel", "3"));
        c.add(usage("--input", "shape", "--input", "1x2x3x4", "--kernel", "1"));
        c.add(usage("padding-mode", "shape", "--input", "9", "--kernel", "3", "--padding-mode", "mirror"));
        c.add(usage("same-mode", "shape", "--input", "9", "--kernel", "3", "--same-mode", "jax"));
        c.add(usage("padding", "shape", "--input", "9x9", "--kernel", "3", "--padding", "1,2,3"));
        c.add(usage("padding", "shape", "--input", "4", "--kernel", "3", "--padding", "4", "--padding-mode", "reflect"));
        c.add(usage("padding", "shape", "--input", "4", "--kernel", "3", "--padding", "5", "--padding-mode",
                "circular"));
        c.add(usage("groups", "shape", "--input", "9", "--kernel", "3", "--groups", "0"));
        c.add(usage("filters", "shape", "--input", "9", "--kernel", "3", "--filters", "0"));
        c.add(usage("--input", "shape", "--kernel", "3"));
        c.add(usage("--kernel", "shape", "--input", "9"));
        c.add(usage("--kernel", "shape", "--input", "9", "--kernel", "3x3"));
        c.add(usage("--kernel", "shape", "--input", "9", "--kernel", "abc"));
        c.add(usage("--groups", "shape", "--input", "9", "--kernel", "3", "--groups", "x"));
        c.add(usage("--frobnicate", "shape", "--input", "9", "--kernel", "3", "--frobnicate"));
        c.add(usage("--input", "shape", "--input", "2147483648", "--kernel", "3"));
        c.add(usage("--input", "shape", "--input", "", "--kernel", "3"));
        c.add(usage("--input", "shape", "--input", "-9", "--kernel", "3"));
        c.add(usage("--kernel", "shape", "--input", "9", "--kernel", "1e30"));
        c.add(usage("--stride", "shape", "--input", "9", "--kernel", "3", "--stride", "2147483648"));
        c.add(usage("filters", "shape", "--input", "9", "--kernel", "3", "--filters", "-4"));
        c.add(usage("padding", "shape", "--input", "9", "--kernel", "3", "--padding", ""));
    }

    private static void elements(List<Arguments> c) {
        c.add(usage("--at", "elements", "--input", "9", "--kernel", "3", "--at", "8"));
        c.add(usage("--at", "elements", "--input", "9", "--kernel", "3", "--at", "middle"));
        c.add(usage("--at", "elements", "--input", "9", "--kernel", "3", "--at", "0"));
        c.add(usage("--at", "elements", "--input", "3x5x5", "--kernel", "3", "--at", "1,2,3,4"));
        c.add(usage("--at", "elements", "--input", "3x5x5", "--kernel", "3", "--at", "first,2"));
        c.add(usage("--at", "elements", "--input", "1000000", "--kernel", "1", "--at", "all"));
        c.add(usage("filters", "elements", "--input", "2000000000x2000000000x2000000000", "--kernel", "1",
                "--filters", "2000000000"));
        c.add(usage("padding", "elements", "--input", "2", "--kernel", "3", "--padding", "2", "--padding-mode",
                "reflect"));
        c.add(usage("--at", "elements", "--input", "9", "--kernel", "3", "--at", ""));
        c.add(usage("--at", "elements", "--input", "9", "--kernel", "3", "--at", "-1"));
    }

    private static void matrix(List<Arguments> c) {
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,2"));
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,a,3"));
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,NaN,3"));
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--unshared", "--weights", "1,2,3"));
        c.add(usage("--format", "matrix", "--input", "9", "--kernel", "3", "--format", "xml"));
        c.add(usage("--dense", "matrix", "--input", "9", "--kernel", "3", "--dense"));
        c.add(usage("--format", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2"));
        c.add(usage("--format", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--format",
                "csv"));
        c.add(usage("--dense", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--format",
                "json", "--dense"));
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", ""));
        c.add(usage("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1e400,1,1"));
        c.add(usage("--format", "matrix", "--input", "9", "--kernel", "3", "--format", ""));
    }

    private static void cost(List<Arguments> c) {
        c.add(usage("--stack", "cost", "--stack", "k3,x"));
        c.add(usage("--stack", "cost", "--stack", "s2"));
        c.add(usage("--stack", "cost", "--stack", "k3k3"));
        c.add(usage("--stride", "cost", "--stack", "k3", "--stride", "2"));
        c.add(usage("--stack", "cost", "--input", "8", "--stack", "k3,k9"));
        c.add(usage("--stack", "cost", "--input", "8", "--stack", "k3s2psame"));
        c.add(usage("--input", "cost"));
        c.add(usage("kernel", "cost", "--input", "3x4x4", "--kernel", "5", "--filters", "8"));
        c.add(usage("--stack", "cost", "--stack", ""));
        c.add(usage("--input", "cost", "--input", "1e30", "--kernel", "3"));
        c.add(usage("--stack", "cost", "--stack", "k0"));
        c.add(usage("--stack", "cost", "--stack", "k2147483648"));
    }

    private static void worksheet(List<Arguments> c) {
        c.add(usage("--generate", "worksheet", "--generate", "0"));
        c.add(usage("--generate", "worksheet", "--generate", "1001"));
        c.add(usage("--generate", "worksheet", "--generate", "abc"));
        c.add(usage("--seed", "worksheet", "--seed", "3"));
        c.add(usage("--format", "worksheet", "--format", "pdf"));
        c.add(usage("--format", "worksheet", "--generate", "2", "--format", "text"));
        c.add(usage("--json", "worksheet", "--json", "--format", "md"));
        c.add(usage("--generate", "worksheet", "--generate", "-1"));
        c.add(usage("--generate", "worksheet", "--generate", "2147483648"));
        c.add(usage("--seed", "worksheet", "--generate", "2", "--seed", "abc"));
        c.add(usage("--format", "worksheet", "--format", ""));
    }

    private static void gradcheck(List<Arguments> c) {
        c.add(usage("--random", "gradcheck", "--random", "-1"));
        c.add(usage("--random", "gradcheck", "--random", "1001"));
        c.add(usage("--random", "gradcheck", "--random", "abc"));
        c.add(usage("--random", "gradcheck", "--random", "2147483648"));
        c.add(usage("--random", "gradcheck", "--random", ""));
        c.add(usage("--seed", "gradcheck", "--seed", "abc"));
        c.add(usage("--seed", "gradcheck", "--seed", "1e30"));
        c.add(usage("--frobnicate", "gradcheck", "--frobnicate"));
    }

    private static void data(List<Arguments> c) {
        c.add(usage("--data", "data", "--data", ""));
        c.add(usage("--data", "data", "--data", "imagenet"));
        c.add(usage("--data", "data", "--data", "mnist:"));
        c.add(usage("--data", "data", "--data", "auto:x"));
        c.add(file("/nonexistent", "data", "--data", "mnist:/nonexistent"));
        c.add(file(garbageFile.toString(), "data", "--data", "cifar10:" + garbageFile));
        c.add(file(emptyDirectory.toString(), "data", "--data", "idx:" + emptyDirectory));
        c.add(file(emptyDirectory.toString(), "data", "--data", "cifar10:" + emptyDirectory));
        c.add(file(idxWithUnreadableFile.resolve("train-images-idx3-ubyte").toString(), "data", "--data",
                "idx:" + idxWithUnreadableFile));
        c.add(usage("--data", "data", "--data", "synthetic:size=0"));
        c.add(usage("--data", "data", "--data", "synthetic:size=abc"));
        c.add(usage("--data", "data", "--data", "synthetic:train=-1"));
        c.add(usage("--data", "data", "--data", "synthetic:train=2147483648"));
        c.add(usage("--data", "data", "--data", "synthetic:colour=7"));
        c.add(usage("--val", "data", "--data", TINY, "--val", "-1"));
        c.add(usage("--val", "data", "--data", TINY, "--val", "abc"));
        c.add(usage("--val", "data", "--data", TINY, "--val", "2147483648"));
        c.add(usage("--val", "data", "--data", TINY, "--val", "1010"));
        c.add(usage("--limit", "data", "--data", TINY, "--limit", "0"));
        c.add(usage("--limit", "data", "--data", TINY, "--limit", "-1"));
        c.add(usage("--test-limit", "data", "--data", TINY, "--test-limit", "0"));
        c.add(usage("--mean", "data", "--data", TINY, "--mean", "0.5"));
        c.add(usage("--mean", "data", "--data", TINY, "--mean", "a", "--std", "1"));
        c.add(usage("--std", "data", "--data", TINY, "--mean", "0.5", "--std", "0"));
        c.add(usage("--std", "data", "--data", TINY, "--mean", "0.5", "--std", "-1"));
        c.add(usage("--mean", "data", "--data", TINY, "--mean", "0.5,0.5", "--std", "1,1"));
        c.add(usage("--mean", "data", "--data", TINY, "--mean", "NaN", "--std", "1"));
        c.add(usage("--per-class", "data", "--data", TINY, "--per-class", "0"));
        c.add(usage("--per-class", "data", "--data", TINY, "--per-class", "-3"));
        c.add(usage("--per-class", "data", "--data", TINY, "--per-class", "2147483648"));
        c.add(usage("--per-class", "data", "--data", TINY, "--per-class", "100000"));
        c.add(file(garbageFile.toString(), "data", "--data", TINY, "--out", garbageFile.toString()));
        c.add(file(garbageFile.toString(), "data", "--data", TINY, "--out", garbageFile.resolve("sub").toString()));
        c.add(file(garbageFile.toString(), "data", "--data", TINY, "--export", garbageFile.toString()));
    }

    private static void train(List<Arguments> c) {
        c.add(usage("--epochs", "train", "--epochs", "0"));
        c.add(usage("--epochs", "train", "--epochs", "-1"));
        c.add(usage("--epochs", "train", "--epochs", "2147483648"));
        c.add(usage("--epochs", "train", "--epochs", "1e30"));
        c.add(usage("--epochs", "train", "--epochs", "abc"));
        c.add(usage("--epochs", "train", "--epochs", ""));
        c.add(usage("--epochs", "train", "--epochs", "10001"));
        c.add(usage("--lr", "train", "--lr", "0"));
        c.add(usage("--lr", "train", "--lr", "-1"));
        c.add(usage("--lr", "train", "--lr", "NaN"));
        c.add(usage("--lr", "train", "--lr", "1e400"));
        c.add(usage("--lr", "train", "--lr", "fast"));
        c.add(usage("--batch", "train", "--batch", "0"));
        c.add(usage("--batch", "train", "--batch", "-64"));
        c.add(usage("--batch", "train", "--batch", "65537"));
        c.add(usage("--batch", "train", "--batch", "1e30"));
        c.add(usage("--momentum", "train", "--optimizer", "momentum", "--momentum", "1"));
        c.add(usage("--momentum", "train", "--momentum", "-0.1"));
        c.add(usage("--momentum", "train", "--momentum", "NaN"));
        c.add(usage("--optimizer", "train", "--optimizer", "rmsprop"));
        c.add(usage("--optimizer", "train", "--optimizer", ""));
        c.add(usage("--model", "train", "--model", "resnet"));
        c.add(usage("--model", "train", "--model", ""));
        c.add(usage("--hidden", "train", "--model", "mlp", "--hidden", "0"));
        c.add(usage("--hidden", "train", "--model", "mlp", "--hidden", "65537"));
        c.add(usage("--hidden", "train", "--hidden", "-100"));
        c.add(usage("--channels", "train", "--channels", "32"));
        c.add(usage("--channels", "train", "--channels", "0,16"));
        c.add(usage("--channels", "train", "--channels", "a,b"));
        c.add(usage("--channels", "train", "--channels", "5000,16"));
        c.add(usage("--eval-every", "train", "--eval-every", "-1"));
        c.add(usage("--threads", "train", "--threads", "0"));
        c.add(usage("--threads", "train", "--threads", "-1"));
        c.add(usage("--threads", "train", "--threads", "257"));
        c.add(usage("--threads", "train", "--threads", "abc"));
        c.add(usage("--threads", "train", "--threads", "2147483648"));
        c.add(usage("--seed", "train", "--seed", "abc"));
        c.add(usage("--seed", "train", "--seed", "1e30"));
        c.add(usage("--seed", "train", "--seed", ""));
        c.add(file(aDirectory.toString(), "train", "--data", TINY, "--save", aDirectory.toString()));
        c.add(file(missingParent.getParent().toString(), "train", "--data", TINY, "--save", missingParent.toString()));
        c.add(file(garbageFile.toString(), "train", "--data", TINY, "--save", garbageFile.resolve("x.ckpt").toString()));
        c.add(usage("--save", "train", "--data", TINY, "--save", ""));
        c.add(file(missingFile.toString(), "train", "--data", TINY, "--resume", missingFile.toString()));
        c.add(file(aDirectory.toString(), "train", "--data", TINY, "--resume", aDirectory.toString()));
        c.add(file(emptyFile.toString(), "train", "--data", TINY, "--resume", emptyFile.toString()));
        c.add(file(garbageFile.toString(), "train", "--data", TINY, "--resume", garbageFile.toString()));
        c.add(file(unreadable.toString(), "train", "--data", TINY, "--resume", unreadable.toString()));
        c.add(usage("--resume", "train", "--data", TINY, "--resume", ""));
        c.add(file("/nonexistent", "train", "--data", "mnist:/nonexistent"));
        c.add(file(garbageFile.toString(), "train", "--data", "cifar10:" + garbageFile));
        c.add(file(emptyDirectory.toString(), "train", "--data", "idx:" + emptyDirectory));
        c.add(usage("--data", "train", "--data", "synthetic:size=1e30"));
        c.add(usage("--limit", "train", "--data", TINY, "--limit", "0"));
        c.add(usage("--val", "train", "--data", TINY, "--val", "-1"));
        c.add(usage("--val", "train", "--data", TINY, "--val", "1000000"));
        c.add(usage("--frobnicate", "train", "--frobnicate"));
    }

    /** The lab's experiment commands share their options: each gets a share of the cases. */
    private static void lab(List<Arguments> c) {
        c.add(usage("--epochs", "cnn-vs-mlp", "--epochs", "0"));
        c.add(usage("--lr", "cnn-vs-mlp", "--lr", "-1"));
        c.add(usage("--hidden", "cnn-vs-mlp", "--hidden", "100,0"));
        c.add(usage("--hidden", "cnn-vs-mlp", "--hidden", "a"));
        c.add(usage("--seeds", "cnn-vs-mlp", "--seeds", "abc"));
        c.add(usage("--seeds", "cnn-vs-mlp", "--seeds", ""));
        c.add(usage("--threads", "cnn-vs-mlp", "--threads", "0"));
        c.add(file(garbageFile.toString(), "cnn-vs-mlp", "--data", TINY, "--out", garbageFile.toString()));
        c.add(file("/nonexistent", "cnn-vs-mlp", "--data", "mnist:/nonexistent"));

        c.add(usage("--image", "equivariance", "--image", "-1"));
        c.add(usage("--image", "equivariance", "--data", TINY, "--image", "20"));
        c.add(usage("--image", "equivariance", "--image", "abc"));
        c.add(usage("--batch", "equivariance", "--batch", "0"));
        c.add(usage("--threads", "equivariance", "--threads", "300"));
        c.add(file(garbageFile.toString(), "equivariance", "--data", TINY, "--out",
                garbageFile.resolve("sub").toString()));
        c.add(file(emptyDirectory.toString(), "equivariance", "--data", "idx:" + emptyDirectory));

        c.add(usage("--channels", "untrained-features", "--channels", "1,2,3"));
        c.add(usage("--optimizer", "untrained-features", "--optimizer", "lbfgs"));
        c.add(usage("--eval-every", "untrained-features", "--eval-every", "-5"));
        c.add(usage("--data", "untrained-features", "--data", "synthetic:size=0"));
        c.add(file(garbageFile.toString(), "untrained-features", "--data", "cifar10:" + garbageFile));

        c.add(usage("--batch", "frozen-cnn", "--batch", "abc"));
        c.add(usage("--epochs", "frozen-cnn", "--epochs", "2147483648"));
        c.add(usage("--limit", "frozen-cnn", "--limit", "-5"));
        c.add(usage("--test-limit", "frozen-cnn", "--test-limit", "0"));
        c.add(file(garbageFile.toString(), "frozen-cnn", "--data", TINY, "--out", garbageFile.toString()));

        c.add(usage("--sharing-train", "sharing", "--sharing-train", "0"));
        c.add(usage("--sharing-test", "sharing", "--sharing-test", "-1"));
        c.add(usage("--sharing-train", "sharing", "--sharing-train", "1e30"));
        c.add(usage("--threads", "sharing", "--threads", ""));

        c.add(usage("--image", "reproduce", "--image", "-2"));
        c.add(usage("--image", "reproduce", "--data", TINY, "--image", "1000000"));
        c.add(usage("--lr", "reproduce", "--lr", "Infinity"));
        c.add(usage("--quick", "reproduce", "--quick=maybe"));
        c.add(file(garbageFile.toString(), "reproduce", "--data", TINY, "--out", garbageFile.toString()));
        c.add(file("/nonexistent", "reproduce", "--quick", "--data", "mnist:/nonexistent"));
    }

    private static void bench(List<Arguments> c) {
        c.add(usage("--threads", "bench", "--threads", "0"));
        c.add(usage("--threads", "bench", "--threads", "-1"));
        c.add(usage("--threads", "bench", "--threads", "1,257"));
        c.add(usage("--threads", "bench", "--threads", "abc"));
        c.add(usage("--threads", "bench", "--threads", ""));
        c.add(usage("--threads", "bench", "--threads", "2147483648"));
        c.add(usage("--only", "bench", "--only", "everything"));
        c.add(usage("--only", "bench", "--only", ""));
        c.add(usage("--frobnicate", "bench", "--frobnicate"));
    }

    private static void serve(List<Arguments> c) {
        c.add(usage("--port", "serve", "--port", "-1"));
        c.add(usage("--port", "serve", "--port", "70000"));
        c.add(usage("--port", "serve", "--port", "65536"));
        c.add(usage("--port", "serve", "--port", "abc"));
        c.add(usage("--port", "serve", "--port", "2147483648"));
        c.add(usage("--port", "serve", "--port", ""));
        c.add(usage("--data", "serve", "--port", "0", "--data", "imagenet"));
        c.add(file("/nonexistent", "serve", "--port", "0", "--data", "mnist:/nonexistent"));
        c.add(file(garbageFile.toString(), "serve", "--port", "0", "--data", "cifar10:" + garbageFile));
        c.add(file(emptyDirectory.toString(), "serve", "--port", "0", "--data", "idx:" + emptyDirectory));
        c.add(file(garbageFile.toString(), "serve", "--port", "0", "--data", TINY, "--reports",
                garbageFile.toString()));
        c.add(usage("--reports", "serve", "--port", "0", "--data", TINY, "--reports", ""));
    }

    /** --checkpoint FILE --layer NAME on matrix, elements and cost. */
    private static void trainedLayer(List<Arguments> c) {
        String t = trained.toString();
        for (String command : List.of("matrix", "elements", "cost")) {
            c.add(usage("conv1, conv2, lc", command, "--checkpoint", t, "--layer", "conv9"));
            c.add(usage("--layer", command, "--checkpoint", t, "--layer", "relu"));
            c.add(usage("--layer", command, "--checkpoint", t));
            c.add(usage("--layer", command, "--layer", "conv1"));
            c.add(usage("--kernel", command, "--checkpoint", t, "--layer", "conv1", "--kernel", "3"));
            c.add(usage("--stride", command, "--checkpoint", t, "--layer", "conv1", "--stride", "2"));
            c.add(file("version-1", command, "--checkpoint", trainedV1.toString(), "--layer", "conv1"));
            c.add(file(missingFile.toString(), command, "--checkpoint", missingFile.toString(), "--layer", "conv1"));
            c.add(file(garbageFile.toString(), command, "--checkpoint", garbageFile.toString(), "--layer", "conv1"));
        }
        c.add(usage("--weights", "matrix", "--checkpoint", t, "--layer", "conv1", "--weights", "1,2,3"));
        c.add(usage("--unshared", "elements", "--checkpoint", t, "--layer", "conv1", "--unshared"));
        c.add(usage("--no-bias", "cost", "--checkpoint", t, "--layer", "conv1", "--no-bias"));
        c.add(usage("--input", "matrix", "--checkpoint", t, "--layer", "lc", "--input", "1x16x16"));
        c.add(usage("--input", "matrix", "--checkpoint", t, "--layer", "conv2", "--input", "3x8x8"));
    }

    private static Arguments usage(String culprit, String... args) {
        return Arguments.of(USAGE, culprit, args);
    }

    private static Arguments file(String culprit, String... args) {
        return Arguments.of(FILE, culprit, args);
    }

    @ParameterizedTest(name = "{index}: exit {0}, names {1}: {2}")
    @MethodSource("cases")
    void failsAtOnceWithOneLineNamingTheCulprit(int exit, String culprit, String[] args) {
        Cli r = Cli.run(args);
        String shown = Arrays.toString(args);
        assertThat(r.exit()).as("exit code of %s (stderr: %s)", shown, r.err()).isEqualTo(exit);
        assertThat(r.out()).as("stdout of %s", shown).isEmpty();
        String err = r.err().strip();
        assertThat(err).as("stderr of %s", shown).isNotEmpty().doesNotContain("\n").contains(culprit)
                .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("internal error");
    }

    @Test
    void theTableCoversEveryCommand() {
        List<String> named = new ArrayList<>();
        cases().forEach(a -> named.add(((String[]) a.get()[2])[0]));
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            assertThat(named).as("cases for %s", command).contains(command);
        }
        assertThat(named).hasSizeGreaterThanOrEqualTo(130);
    }
}
