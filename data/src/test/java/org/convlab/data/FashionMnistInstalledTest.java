package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fashion-MNIST as Debian installs it ({@code apt-get install dataset-fashion-mnist}, done by
 * {@code .ci/run}): the counts, shapes, class balance and pixel statistics anyone can check.
 */
class FashionMnistInstalledTest {
    private static DataSet data;

    @BeforeAll
    static void load() {
        assumeTrue(DataSets.fashionMnistInstalled(LoadOptions.DEBIAN_DATASETS),
                "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
        data = DataSets.load(DataSpec.parse("fashion-mnist"), LoadOptions.defaults().withValidation(0));
    }

    @Test
    void countsShapeAndClasses() {
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().imageShape()).containsExactly(1, 28, 28);
        assertThat(data.train().classCounts()).containsOnly(6_000);
        assertThat(data.test().classCounts()).containsOnly(1_000);
        assertThat(data.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot");
        // The first training image is an ankle boot, the first test image too.
        assertThat(data.train().label(0)).isEqualTo(9);
        assertThat(data.test().label(0)).isEqualTo(9);
    }

    @Test
    void pixelStatistics() {
        // The widely quoted normalisation constants of Fashion-MNIST's training set.
        Normalization n = data.normalization();
        assertThat(n.mean()[0]).isCloseTo(0.2860f, org.assertj.core.data.Offset.offset(5e-5f));
        assertThat(n.std()[0]).isCloseTo(0.3530f, org.assertj.core.data.Offset.offset(5e-5f));
        long sum = 0;
        for (int i = 0; i < data.train().size(); i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    sum += data.train().pixel(i, 0, y, x);
                }
            }
        }
        assertThat(sum).isEqualTo(EXACT_TRAIN_PIXEL_SUM);
    }

    @Test
    void theNotebookSplit() {
        DataSet split = DataSets.load(DataSpec.parse("fashion-mnist"));
        assertThat(split.train().size()).isEqualTo(59_000);
        assertThat(split.validation().size()).isEqualTo(1_000);
        assertThat(split.validation().label(999)).isEqualTo(data.train().label(59_999));
    }

    /** All of Fashion-MNIST, held as bytes, and an epoch of batches fit in an 80 MB heap (a child JVM, -Xmx80m). */
    @Test
    void fitsWellUnder100MbOfHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx80m", "-cp", System.getProperty("java.class.path"),
                LoadInSmallHeap.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("70000 images, 59000 batched");
    }

    /** The sum of all 47,040,000 training pixel bytes, computed independently with Python (mean 0.28604 x 255). */
    private static final long EXACT_TRAIN_PIXEL_SUM = 3_431_114_169L;
}
