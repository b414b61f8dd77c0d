package org.convlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.data.io.CifarReader;
import org.convlab.data.io.IdxImages;
import org.convlab.data.io.IdxReader;
import org.convlab.data.io.Memory;
import org.convlab.data.synthetic.SyntheticImages;
import org.convlab.data.synthetic.SyntheticOptions;

/**
 * Loads the data set a {@link DataSpec} names and splits it as the notebook does: validation
 * is the last {@code validation} images of the training files, training the ones before (the
 * first {@code trainLimit} of them when limited), test the test files (the first
 * {@code testLimit} when limited). Normalisation is computed on the training split unless given.
 */
public final class DataSets {
    /** The directory Debian's {@code dataset-fashion-mnist} installs, under the install root. */
    public static final String FASHION_MNIST_DIR = "fashion-mnist";
    /** The package to install for Fashion-MNIST. */
    public static final String FASHION_MNIST_PACKAGE = "dataset-fashion-mnist";

    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private DataSets() {
    }

    /** Loads {@code spec} with the default options. */
    public static DataSet load(DataSpec spec) {
        return load(spec, LoadOptions.defaults());
    }

    /**
     * Loads {@code spec}.
     *
     * @throws BadFileException      when a file is missing, unreadable or damaged
     * @throws BadParameterException when the options do not fit the data (e.g. {@code --val} too large)
     */
    public static DataSet load(DataSpec spec, LoadOptions options) {
        Path installed = options.installRoot().resolve(FASHION_MNIST_DIR);
        return switch (spec.kind()) {
            case AUTO -> {
                if (idxFilesPresent(installed)) {
                    yield loadIdx(new DataSpec(DataSpec.Kind.FASHION_MNIST, null, null), installed,
                            "Fashion-MNIST", ClassNames.FASHION_MNIST,
                            "auto: Fashion-MNIST installed at " + installed, options);
                }
                SyntheticOptions s = SyntheticOptions.defaults();
                yield loadSynthetic(DataSpec.synthetic(s), "auto: Fashion-MNIST is not installed (apt-get install "
                        + FASHION_MNIST_PACKAGE + "), so synthetic glyphs", options);
            }
            case FASHION_MNIST -> {
                if (spec.dir() == null) {
                    if (!idxFilesPresent(installed)) {
                        throw new BadFileException(installed, "Fashion-MNIST is not installed here: run "
                                + "'apt-get install " + FASHION_MNIST_PACKAGE + "' or give fashion-mnist:DIR");
                    }
                    yield loadIdx(spec, installed, "Fashion-MNIST", ClassNames.FASHION_MNIST,
                            "Fashion-MNIST installed at " + installed, options);
                }
                yield loadIdx(spec, spec.dir(), "Fashion-MNIST", ClassNames.FASHION_MNIST,
                        "Fashion-MNIST from " + spec.dir(), options);
            }
            case MNIST -> loadIdx(spec, spec.dir(), "MNIST", ClassNames.DIGITS, "MNIST from " + spec.dir(), options);
            case KMNIST -> loadIdx(spec, spec.dir(), "Kuzushiji-MNIST", ClassNames.KMNIST,
                    "Kuzushiji-MNIST from " + spec.dir(), options);
            case IDX -> loadIdx(spec, spec.dir(), "IDX data", null, "IDX files from " + spec.dir(), options);
            case CIFAR10 -> loadCifar(spec, options);
            case SYNTHETIC -> loadSynthetic(spec, "synthetic glyphs, generated (seed " + spec.synthetic().seed()
                    + ")", options);
        };
    }

    /**
     * Checks, without reading them, that the files {@code spec} names are there: the directory
     * exists and holds each data file as a readable regular file. Commands that load their data
     * later (the web explorer loads it in the background) call this first, so that a wrong
     * directory fails at once. Returns the files that would be read (none for generated data).
     *
     * @throws BadFileException naming the directory or file at fault
     */
    public static List<Path> check(DataSpec spec, LoadOptions options) {
        Path installed = options.installRoot().resolve(FASHION_MNIST_DIR);
        List<Path> files = new ArrayList<>();
        switch (spec.kind()) {
            case AUTO, SYNTHETIC -> {
                return files;
            }
            case CIFAR10 -> {
                Path dir = cifarDirectory(spec.dir());
                for (int b = 1; b <= 5; b++) {
                    files.add(requireCifar(dir, "data_batch_" + b + ".bin"));
                }
                files.add(requireCifar(dir, "test_batch.bin"));
            }
            default -> {
                Path dir = spec.dir();
                if (dir == null) {
                    if (!idxFilesPresent(installed)) {
                        throw new BadFileException(installed, "Fashion-MNIST is not installed here: run "
                                + "'apt-get install " + FASHION_MNIST_PACKAGE + "' or give fashion-mnist:DIR");
                    }
                    dir = installed;
                }
                checkDirectory(dir);
                for (String name : IDX_FILES) {
                    files.add(requireIdx(dir, name));
                }
            }
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new BadFileException(f, "is not a regular file (a directory, pipe or device?)");
            }
            if (!Files.isReadable(f)) {
                throw new BadFileException(f, "cannot be read (permission denied)");
            }
        }
        return files;
    }

    private static Path cifarDirectory(Path dir) {
        checkDirectory(dir);
        if (!Files.exists(dir.resolve("data_batch_1.bin")) && Files.isDirectory(dir.resolve("cifar-10-batches-bin"))) {
            return dir.resolve("cifar-10-batches-bin");
        }
        return dir;
    }

    /** Whether Fashion-MNIST is installed where Debian puts it, under {@code installRoot}. */
    public static boolean fashionMnistInstalled(Path installRoot) {
        return idxFilesPresent(installRoot.resolve(FASHION_MNIST_DIR));
    }

    private static boolean idxFilesPresent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (String name : IDX_FILES) {
            if (findIdx(dir, name) == null) {
                return false;
            }
        }
        return true;
    }

    /** The file for {@code name} in {@code dir}: raw or .gz, with '-' or '.' before "idx". */
    private static Path findIdx(Path dir, String name) {
        String dotted = name.replace("s-idx", "s.idx");
        for (String candidate : new String[] {name, name + ".gz", dotted, dotted + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private static void checkDirectory(Path dir) {
        if (!Files.exists(dir)) {
            throw new BadFileException(dir, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadFileException(dir, "is not a directory (give the directory that holds the data files)");
        }
    }

    private static Path requireIdx(Path dir, String name) {
        Path p = findIdx(dir, name);
        if (p == null) {
            throw new BadFileException(dir.resolve(name), "no such file (nor " + name + ".gz); expected the four IDX "
                    + "files " + String.join(", ", IDX_FILES) + " (each optionally .gz) in " + dir);
        }
        return p;
    }

    private static DataSet loadIdx(DataSpec spec, Path dir, String name, List<String> classNames, String origin,
                                   LoadOptions options) {
        checkDirectory(dir);
        Path trainImagesFile = requireIdx(dir, IDX_FILES[0]);
        Path trainLabelsFile = requireIdx(dir, IDX_FILES[1]);
        Path testImagesFile = requireIdx(dir, IDX_FILES[2]);
        Path testLabelsFile = requireIdx(dir, IDX_FILES[3]);
        int classes = classNames == null ? 256 : classNames.size();

        IdxImages trainImages = IdxReader.readImages(trainImagesFile);
        byte[] trainLabels = IdxReader.readLabels(trainLabelsFile, classes);
        checkCount(trainLabelsFile, trainLabels.length, trainImages);
        IdxImages testImages = IdxReader.readImages(testImagesFile);
        if (testImages.rows() != trainImages.rows() || testImages.cols() != trainImages.cols()) {
            throw new BadFileException(testImagesFile, 8, "images of " + trainImages.rows() + "x" + trainImages.cols()
                    + " like " + trainImagesFile.getFileName(), testImages.rows() + "x" + testImages.cols());
        }
        byte[] testLabels = IdxReader.readLabels(testLabelsFile, classes);
        checkCount(testLabelsFile, testLabels.length, testImages);

        List<String> names = classNames;
        if (names == null) {
            int max = 0;
            for (byte b : trainLabels) {
                max = Math.max(max, b & 0xff);
            }
            for (byte b : testLabels) {
                max = Math.max(max, b & 0xff);
            }
            names = ClassNames.numbered(max + 1);
        }
        ImageSet train = ImageSet.of(trainImages.pixels(), trainLabels, 1, trainImages.rows(), trainImages.cols(),
                names);
        ImageSet test = ImageSet.of(testImages.pixels(), testLabels, 1, testImages.rows(), testImages.cols(), names);
        return split(name, spec, origin, List.of(trainImagesFile, trainLabelsFile, testImagesFile, testLabelsFile),
                train, test, options);
    }

    private static void checkCount(Path labelsFile, int labels, IdxImages images) {
        if (labels != images.count()) {
            throw new BadFileException(labelsFile, 4, images.count() + " labels, one per image of "
                    + images.file().getFileName(), Integer.toString(labels));
        }
    }

    private static DataSet loadCifar(DataSpec spec, LoadOptions options) {
        Path dir = cifarDirectory(spec.dir());
        List<Path> trainFiles = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            trainFiles.add(requireCifar(dir, "data_batch_" + b + ".bin"));
        }
        Path testFile = requireCifar(dir, "test_batch.bin");
        ImageSet train = readCifar(trainFiles);
        ImageSet test = readCifar(List.of(testFile));
        List<Path> files = new ArrayList<>(trainFiles);
        files.add(testFile);
        return split("CIFAR-10", spec, "CIFAR-10 from " + dir, files, train, test, options);
    }

    private static Path requireCifar(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            throw new BadFileException(p, "no such file; expected the CIFAR-10 binary version (data_batch_1.bin .. "
                    + "data_batch_5.bin, test_batch.bin) in " + dir);
        }
        return p;
    }

    private static ImageSet readCifar(List<Path> files) {
        int[] counts = new int[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            counts[f] = CifarReader.count(files.get(f), IdxReader.DEFAULT_MAX_BYTES);
            total += counts[f];
        }
        if (total * CifarReader.PIXELS > Integer.MAX_VALUE - 8L) {
            throw new BadFileException(files.get(0), 0, "at most " + (Integer.MAX_VALUE - 8) + " bytes of pixels "
                    + "in all", total + " records");
        }
        byte[] pixels = Memory.bytes(files.get(0), (int) total * CifarReader.PIXELS, "the pixels of " + total
                + " CIFAR-10 images");
        byte[] labels = new byte[(int) total];
        int at = 0;
        for (int f = 0; f < files.size(); f++) {
            CifarReader.readInto(files.get(f), counts[f], pixels, at * CifarReader.PIXELS, labels, at);
            at += counts[f];
        }
        return ImageSet.of(pixels, labels, CifarReader.CHANNELS, CifarReader.SIDE, CifarReader.SIDE,
                ClassNames.CIFAR10);
    }

    private static DataSet loadSynthetic(DataSpec spec, String origin, LoadOptions options) {
        SyntheticOptions s = spec.synthetic();
        return split("synthetic glyphs", spec, origin, List.of(), SyntheticImages.train(s), SyntheticImages.test(s),
                options);
    }

    /** Splits the training files' images into train and validation, applies limits and normalisation. */
    static DataSet split(String name, DataSpec spec, String origin, List<Path> files, ImageSet trainFiles,
                         ImageSet testFiles, LoadOptions options) {
        int n = trainFiles.size();
        int val = options.validation();
        if (val >= n) {
            throw new BadParameterException("validation", "fewer validation images than the " + n
                    + " training images (at least one must be left to train on)", val);
        }
        ImageSet train = trainFiles.range(0, n - val);
        ImageSet validation = trainFiles.range(n - val, n);
        if (options.trainLimit() > 0) {
            train = train.limit(options.trainLimit());
        }
        ImageSet test = options.testLimit() > 0 ? testFiles.limit(options.testLimit()) : testFiles;
        Normalization norm;
        if (options.mean() != null) {
            if (options.mean().length != train.channels()) {
                throw new BadParameterException("mean", train.channels() + " value" + (train.channels() == 1 ? "" : "s")
                        + ", one per channel of " + name, options.mean().length + " values");
            }
            norm = Normalization.of(options.mean(), options.std());
        } else {
            norm = Normalization.compute(train, "computed on the training split (" + train.size() + " images)");
        }
        return new DataSet(name, spec, origin, files, train, validation, test, norm);
    }
}
