package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.convlab.data.DataSets;
import org.convlab.data.LoadOptions;
import org.convlab.data.io.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void syntheticSummaryTableAndPng() throws Exception {
        Cli r = Cli.run("data", "--data", "synthetic:train=600,test=200", "--val", "100", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("data       synthetic glyphs")
                .contains("spec       synthetic:grey,size=28,train=600,test=200,seed=1")
                .contains("images     1 x 28 x 28 (grey), 10 classes")
                .contains("splits     train 500, validation 100 (the last of the training files), test 200")
                .containsPattern("0 ring\\s+50\\s+10\\s+20")
                .containsPattern("total\\s+500\\s+100\\s+200");
        Path png = dir.resolve("synthetic-samples.png");
        assertThat(r.out()).contains("samples    " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(840);
    }

    @Test
    void jsonHasCountsPerClassAndNormalisation() throws Exception {
        Cli r = Cli.run("data", "--data", "synthetic:rgb,train=300,test=50", "--val", "50", "--limit", "120",
                "--out", dir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("shape").toString()).isEqualTo("[3,32,32]");
        assertThat(n.at("/splits/train/count").asInt()).isEqualTo(120);
        assertThat(n.at("/splits/validation/per_class").toString()).isEqualTo("[5,5,5,5,5,5,5,5,5,5]");
        assertThat(n.at("/normalization/mean").size()).isEqualTo(3);
        assertThat(n.get("synthetic").asBoolean()).isTrue();
        assertThat(Files.exists(Path.of(n.get("samples_png").asText()))).isTrue();
    }

    @Test
    void mnistDirectoryWithGivenNormalisation() {
        byte[] pixels = new byte[30 * 4 * 4];
        byte[] labels = new byte[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 30, 4, 4, pixels, true);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), labels, true);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), 30, 4, 4, pixels, false);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), labels, false);
        Cli r = Cli.run("data", "--data", "mnist:" + dir, "--val", "10", "--mean", "0.5", "--std", "0.25",
                "--out", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("normalise  mean 0.5000, std 0.2500 (given)")
                .contains("files      " + dir.resolve("train-images-idx3-ubyte.gz"))
                .containsPattern("9 9\\s+2\\s+1\\s+3");
        assertThat(dir.resolve("out/mnist-samples.png")).exists();
    }

    @Test
    void installedFashionMnist() {
        assumeTrue(DataSets.fashionMnistInstalled(LoadOptions.DEBIAN_DATASETS), "dataset-fashion-mnist not installed");
        Cli r = Cli.run("data", "--data", "fashion-mnist", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("splits     train 59000, validation 1000").containsPattern("9 Ankle boot\\s+5900\\s+100\\s+1000")
                .contains("mean 0.2860, std 0.3530");
    }

    @Test
    void badInputGivesOneLineNamingTheCulprit() throws Exception {
        Cli spec = Cli.run("data", "--data", "imagenet", "--out", dir.toString());
        assertThat(spec.exit()).isEqualTo(2);
        assertThat(spec.err().strip()).doesNotContain("\n").startsWith("convlab data: --data: expected auto,")
                .endsWith("got 'imagenet'");
        Cli missing = Cli.run("data", "--data", "mnist:" + dir.resolve("none"), "--out", dir.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("convlab data: " + dir.resolve("none") + ": no such directory");
        Cli limit = Cli.run("data", "--data", "synthetic:train=100,test=10", "--val", "10", "--limit", "0");
        assertThat(limit.exit()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit: expected a positive number of training images, got 0");
        Cli val = Cli.run("data", "--val", "abc");
        assertThat(val.exit()).isEqualTo(2);
        assertThat(val.err()).contains("--val").contains("abc");
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {1}, false);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), 1, 1, 1, new byte[] {1}, false);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {1}, false);
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "not an idx file");
        Cli damaged = Cli.run("data", "--data", "mnist:" + dir, "--out", dir.toString());
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.err().strip()).startsWith("convlab data: " + dir.resolve("train-images-idx3-ubyte")
                + ": at byte 0: expected the magic number 0x00000803");
    }

    @Test
    void exportWritesFilesThatLoadBack() {
        Path idx = dir.resolve("idx");
        Cli r = Cli.run("data", "--data", "synthetic:train=120,test=30,seed=9", "--val", "20", "--out", dir.toString(),
                "--export", idx.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported   " + idx.resolve("train-images-idx3-ubyte.gz"));
        Cli back = Cli.run("data", "--data", "idx:" + idx, "--val", "20", "--out", dir.toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains("splits     train 100, validation 20 (the last of the training files), test 30");
        // The same pixels: the same mean and std as the synthetic original.
        String norm = r.out().lines().filter(l -> l.startsWith("normalise")).findFirst().orElseThrow();
        assertThat(back.out()).contains(norm);
        Cli rgb = Cli.run("data", "--data", "synthetic:rgb,train=40,test=10", "--val", "10", "--out", dir.toString(),
                "--export", dir.resolve("cifar").toString());
        assertThat(rgb.exit()).as(rgb.err()).isZero();
        assertThat(dir.resolve("cifar/data_batch_5.bin")).exists();
        assertThat(dir.resolve("synthetic-rgb-samples.png")).exists();
    }

    @Test
    void helpListsTheDataCommand() {
        assertThat(Cli.run("--help").out()).contains("data");
        assertThat(Cli.run("data", "--help").out()).contains("--data=SPEC").contains("--val=N").contains("--limit=N");
    }
}
