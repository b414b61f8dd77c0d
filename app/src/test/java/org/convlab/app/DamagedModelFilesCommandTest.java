package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convlab.data.io.NpyFile;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.onnx.OnnxExport;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged input files through the command line: seeded cuts and bit flips of an ONNX file
 * ({@code import}), a {@code .npy} array ({@code predict --npy}) and a PNG image ({@code predict}).
 * Every outcome is success or exactly one line on standard error with exit code 1 (a file
 * error), never a stack trace or an internal error; the cut-short versions are always refused.
 */
class DamagedModelFilesCommandTest {
    @TempDir
    static Path dir;

    private static Path ckpt;
    private static byte[] onnx;
    private static byte[] npy;
    private static byte[] png;

    @BeforeAll
    static void files() throws IOException {
        Sequential net = new Sequential()
                .add("conv", Conv2d.builder(1, 2, 3).padding(1).build(new Rng(1)))
                .add("flatten", new Flatten())
                .add("fc", new Linear(2 * 8 * 8, 3, new Rng(2)));
        ckpt = dir.resolve("net.ckpt");
        Checkpoints.saveModel(ckpt, net, Map.of("input.shape", "1x8x8"));
        onnx = OnnxExport.toBytes(net, new int[] {1, 8, 8});
        Path n = dir.resolve("x.npy");
        NpyFile.write(n, Tensor.zeros(2, 1, 8, 8));
        npy = Files.readAllBytes(n);
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        Rng rng = new Rng(3);
        for (int i = 0; i < 64; i++) {
            img.getRaster().setSample(i % 8, i / 8, 0, rng.nextInt(256));
        }
        Path p = dir.resolve("x.png");
        ImageIO.write(img, "png", p.toFile());
        png = Files.readAllBytes(p);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void damagedOnnxNpyAndPngFilesAreOneLineOrWork(long seed) throws IOException {
        Rng rng = new Rng(seed);
        for (String kind : new String[] {"onnx", "npy", "png"}) {
            byte[] good = kind.equals("onnx") ? onnx : kind.equals("npy") ? npy : png;
            byte[] cut = Arrays.copyOf(good, 1 + rng.nextInt(good.length - 1));
            Cli r = run(kind, write(kind, "cut", cut));
            assertThat(r.exit()).as("%s cut to %d of %d bytes: %s", kind, cut.length, good.length, r.err())
                    .isEqualTo(1);
            assertOneLine(r, kind + " cut");
            byte[] flipped = good.clone();
            for (int k = 0; k < 1 + rng.nextInt(4); k++) {
                int at = rng.nextInt(flipped.length);
                flipped[at] ^= (byte) (1 << rng.nextInt(8));
            }
            Cli f = run(kind, write(kind, "flipped", flipped));
            assertThat(f.exit()).as("%s with bits flipped: %s", kind, f.err()).isIn(0, 1);
            if (f.exit() != 0) {
                assertOneLine(f, kind + " flipped");
            }
        }
    }

    private static Path write(String kind, String what, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(what + "." + kind), bytes);
    }

    private static Cli run(String kind, Path file) {
        Path out = dir.resolve("out");
        return switch (kind) {
            case "onnx" -> Cli.run("import", "--onnx", file.toString(), "--save", out + ".ckpt");
            case "npy" -> Cli.run("predict", "--checkpoint", ckpt.toString(), "--npy", file.toString(), "--npy-out",
                    out + ".npy");
            default -> Cli.run("predict", "--checkpoint", ckpt.toString(), file.toString());
        };
    }

    private static void assertOneLine(Cli r, String what) {
        String err = r.err().strip();
        assertThat(err).as(what).isNotEmpty().doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("at org.").doesNotContain("internal error").contains("." + what.split(" ")[0]);
    }
}
