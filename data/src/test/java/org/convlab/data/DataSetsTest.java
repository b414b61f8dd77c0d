package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.data.io.CifarWriter;
import org.convlab.data.io.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataSetsTest {
    @TempDir
    Path dir;

    /** Writes four IDX files: train images i has every pixel = i, label i mod 10; test likewise + 100. */
    static void writeIdx(Path dir, int train, int test, int side, boolean gzip) {
        String gz = gzip ? ".gz" : "";
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte" + gz), train, side, side, ramp(train, side, 0), gzip);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte" + gz), labels(train), gzip);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte" + gz), test, side, side, ramp(test, side, 100), gzip);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte" + gz), labels(test), gzip);
    }

    static byte[] ramp(int n, int side, int base) {
        byte[] p = new byte[n * side * side];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(p, i * side * side, (i + 1) * side * side, (byte) (base + i));
        }
        return p;
    }

    static byte[] labels(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return l;
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idxDirectoryIsSplitAsTheNotebookDoes(boolean gzip) {
        writeIdx(dir, 50, 20, 5, gzip);
        DataSet d = DataSets.load(DataSpec.parse("mnist:" + dir), LoadOptions.defaults().withValidation(10));
        assertThat(d.name()).isEqualTo("MNIST");
        assertThat(d.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(d.train().size()).isEqualTo(40);
        assertThat(d.validation().size()).isEqualTo(10);
        assertThat(d.test().size()).isEqualTo(20);
        // Validation is the tail of the training files: images 40..49.
        assertThat(d.validation().pixel(0, 0, 0, 0)).isEqualTo(40);
        assertThat(d.validation().pixel(9, 0, 4, 4)).isEqualTo(49);
        assertThat(d.validation().label(0)).isEqualTo(0);
        assertThat(d.test().pixel(19, 0, 2, 3)).isEqualTo(119);
        assertThat(d.files()).hasSize(4).allMatch(Files::exists);
        assertThat(d.imageSize()).isEqualTo(25);
        // Mean of the pixels 0..39 over training images = 19.5 / 255.
        assertThat(d.normalization().mean()[0]).isCloseTo(19.5f / 255f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void limitsTakeTheFirstImages() {
        writeIdx(dir, 50, 20, 4, false);
        DataSet d = DataSets.load(DataSpec.parse("fashion-mnist:" + dir),
                LoadOptions.defaults().withValidation(5).withTrainLimit(12).withTestLimit(7));
        assertThat(d.classNames().get(9)).isEqualTo("Ankle boot");
        assertThat(new int[] {d.train().size(), d.validation().size(), d.test().size()}).containsExactly(12, 5, 7);
        assertThat(d.validation().pixel(0, 0, 0, 0)).isEqualTo(45);
        assertThat(d.normalization().origin()).contains("12 images");
    }

    @Test
    void kmnistAndGenericIdxNames() {
        writeIdx(dir, 30, 10, 3, true);
        assertThat(DataSets.load(DataSpec.parse("kmnist:" + dir), LoadOptions.defaults().withValidation(0))
                .classNames()).startsWith("o", "ki", "su");
        DataSet idx = DataSets.load(DataSpec.parse("idx:" + dir), LoadOptions.defaults().withValidation(0));
        assertThat(idx.classes()).isEqualTo(10);
        assertThat(idx.validation().size()).isZero();
    }

    @Test
    void dottedFileNamesAreFound() throws Exception {
        writeIdx(dir, 20, 10, 3, false);
        for (String n : new String[] {"train-images", "train-labels", "t10k-images", "t10k-labels"}) {
            String kind = n.endsWith("images") ? "idx3" : "idx1";
            Files.move(dir.resolve(n + "-" + kind + "-ubyte"), dir.resolve(n + "." + kind + "-ubyte"));
        }
        assertThat(DataSets.load(DataSpec.parse("mnist:" + dir), LoadOptions.defaults().withValidation(2))
                .train().size()).isEqualTo(18);
    }

    @Test
    void cifarDirectoryOrItsParent() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        Random r = new Random(9);
        for (int b = 1; b <= 5; b++) {
            byte[] pixels = new byte[4 * 3072];
            java.util.Arrays.fill(pixels, (byte) b);
            CifarWriter.write(bin.resolve("data_batch_" + b + ".bin"), pixels, new byte[] {0, 1, 2, (byte) r.nextInt(10)});
        }
        CifarWriter.write(bin.resolve("test_batch.bin"), new byte[2 * 3072], new byte[] {8, 9});
        DataSet d = DataSets.load(DataSpec.parse("cifar10:" + dir), LoadOptions.defaults().withValidation(4));
        assertThat(d.name()).isEqualTo("CIFAR-10");
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(32);
        assertThat(d.train().size()).isEqualTo(16);
        assertThat(d.validation().pixel(0, 2, 31, 31)).isEqualTo(5); // the last batch is the validation set
        assertThat(d.train().pixel(15, 1, 0, 0)).isEqualTo(4);
        assertThat(d.test().label(1)).isEqualTo(9);
        assertThat(d.classNames().get(1)).isEqualTo("automobile");
        assertThat(d.normalization().mean()).hasSize(3);
        assertThat(d.files()).hasSize(6);
    }

    @Test
    void givenNormalisationIsUsed() {
        writeIdx(dir, 20, 10, 3, false);
        DataSet d = DataSets.load(DataSpec.parse("mnist:" + dir),
                LoadOptions.defaults().withValidation(2).withNormalization(new float[] {0.5f}, new float[] {0.25f}));
        assertThat(d.normalization().apply(0, 255)).isEqualTo(2f);
        assertThat(d.normalization().origin()).isEqualTo("given");
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir),
                LoadOptions.defaults().withValidation(2).withNormalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {1, 1, 1})))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("mean: expected 1 value");
    }

    @Test
    void autoFallsBackToSyntheticAndSaysWhy() {
        LoadOptions nothingInstalled = LoadOptions.defaults().withInstallRoot(dir).withTrainLimit(50);
        DataSet d = DataSets.load(DataSpec.auto(), nothingInstalled);
        assertThat(d.synthetic()).isTrue();
        assertThat(d.origin()).contains("not installed").contains("apt-get install dataset-fashion-mnist")
                .contains("synthetic");
        assertThat(d.classNames()).containsExactly("ring", "disc", "square", "plus", "cross", "triangle", "bars",
                "corner", "tee", "chevron");
    }

    @Test
    void autoUsesAnInstalledFashionMnist() throws Exception {
        Path fm = Files.createDirectories(dir.resolve("fashion-mnist"));
        writeIdx(fm, 30, 10, 4, true);
        DataSet d = DataSets.load(DataSpec.auto(), LoadOptions.defaults().withInstallRoot(dir).withValidation(3));
        assertThat(d.name()).isEqualTo("Fashion-MNIST");
        assertThat(d.origin()).isEqualTo("auto: Fashion-MNIST installed at " + fm);
        assertThat(d.spec().kind()).isEqualTo(DataSpec.Kind.FASHION_MNIST);
    }

    @Test
    void missingDataSaysWhatToDo() throws Exception {
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("fashion-mnist"), LoadOptions.defaults().withInstallRoot(dir)))
                .isInstanceOf(BadFileException.class)
                .hasMessage(dir.resolve("fashion-mnist") + ": Fashion-MNIST is not installed here: run 'apt-get install"
                        + " dataset-fashion-mnist' or give fashion-mnist:DIR");
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir.resolve("none"))))
                .hasMessage(dir.resolve("none") + ": no such directory");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + file)))
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir)))
                .hasMessageStartingWith(dir.resolve("train-images-idx3-ubyte") + ": no such file (nor "
                        + "train-images-idx3-ubyte.gz)");
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("cifar10:" + dir)))
                .hasMessageStartingWith(dir.resolve("data_batch_1.bin") + ": no such file");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        writeIdx(dir, 20, 10, 3, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, labels(19), false);
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir)))
                .isInstanceOf(BadFileException.class)
                .hasMessage(labels + ": at byte 4: expected 20 labels, one per image of train-images-idx3-ubyte, found 19");
    }

    @Test
    void testImagesMustHaveTheTrainingShape() {
        writeIdx(dir, 20, 10, 3, false);
        Path test = dir.resolve("t10k-images-idx3-ubyte");
        IdxWriter.writeImages(test, 10, 4, 3, new byte[120], false);
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir)))
                .hasMessage(test + ": at byte 8: expected images of 3x3 like train-images-idx3-ubyte, found 4x3");
    }

    @Test
    void labelsOutOfRangeForTheDataSet() {
        writeIdx(dir, 20, 10, 3, false);
        byte[] l = labels(10);
        l[6] = 10;
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, l, false);
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir)))
                .hasMessage(labels + ": at byte 14: expected a label in 0..9, found 10");
        // A generic IDX set takes its class count from the labels instead.
        assertThat(DataSets.load(DataSpec.parse("idx:" + dir), LoadOptions.defaults().withValidation(1)).classes())
                .isEqualTo(11);
    }

    @Test
    void validationMustLeaveTrainingImages() {
        writeIdx(dir, 20, 10, 3, false);
        assertThatThrownBy(() -> DataSets.load(DataSpec.parse("mnist:" + dir), LoadOptions.defaults().withValidation(20)))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("validation: expected fewer validation images than the 20 training images (at least one must be"
                        + " left to train on), got 20");
        assertThatThrownBy(() -> LoadOptions.defaults().withValidation(-1)).hasMessageStartingWith("validation:");
        assertThatThrownBy(() -> LoadOptions.defaults().withTrainLimit(-5)).hasMessageStartingWith("trainLimit:");
    }
}
