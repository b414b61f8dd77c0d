package org.convlab.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convlab.data.io.NpyFile;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.onnx.OnnxExport;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The bad-argument cases of {@code export}, {@code import} and {@code predict} for
 * {@link BadArgumentsTableTest}, with the files they need: a good checkpoint of a grey 8x8
 * classifier, its ONNX export, images of the wrong size and colour, an array of the wrong shape.
 */
final class ModelFileCases {
    private static final int USAGE = 2;
    private static final int FILE = 1;
    /** A path that exists and is not a regular file: a target a rename must not replace. */
    private static final String DEVICE = "/dev/null";

    private ModelFileCases() {
    }

    /** The shared files of the table (missing, a directory, garbage, empty, unreadable) and a folder for more. */
    record Shared(Path dir, Path missing, Path directory, Path garbage, Path empty, Path unreadable,
                  Path missingParent) {
    }

    static void add(List<Arguments> c, Shared s) {
        try {
            Path ckpt = s.dir().resolve("good.ckpt");
            Sequential net = new Sequential()
                    .add("conv", Conv2d.builder(1, 2, 3).build(new Rng(1)))
                    .add("relu", new ReLU())
                    .add("flatten", new Flatten())
                    .add("fc", new Linear(2 * 6 * 6, 3, new Rng(2)));
            Checkpoints.saveModel(ckpt, net, Map.of("input.shape", "1x8x8"));
            Path onnx = s.dir().resolve("good.onnx");
            OnnxExport.write(net, new int[] {1, 8, 8}, onnx);
            Path wrongSize = png(s.dir().resolve("nine.png"), 9, 8, BufferedImage.TYPE_BYTE_GRAY);
            Path colour = png(s.dir().resolve("colour.png"), 8, 8, BufferedImage.TYPE_3BYTE_BGR);
            Path notPng = Files.write(s.dir().resolve("fake.png"), "GIF89a not a png at all, just text".getBytes());
            Path wrongShape = s.dir().resolve("wrong.npy");
            NpyFile.write(wrongShape, Tensor.zeros(2, 1, 8, 9));
            Path good = s.dir().resolve("good.npy");
            NpyFile.write(good, Tensor.zeros(2, 1, 8, 8));
            String out = s.dir().resolve("out.onnx").toString();
            String saveTo = s.dir().resolve("imported.ckpt").toString();
            String npyOut = s.dir().resolve("y.npy").toString();
            export(c, s, ckpt.toString(), out);
            importing(c, s, onnx.toString(), saveTo);
            predict(c, s, ckpt.toString(), good.toString(), npyOut, wrongSize, colour, notPng, wrongShape);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void export(List<Arguments> c, Shared s, String ckpt, String out) {
        c.add(usage("--checkpoint", "export", "--onnx", out));
        c.add(usage("--onnx", "export", "--checkpoint", ckpt));
        c.add(usage("--onnx", "export", "--checkpoint", ckpt, "--onnx", ""));
        c.add(usage("--frobnicate", "export", "--checkpoint", ckpt, "--onnx", out, "--frobnicate"));
        c.add(file(s.missing(), "export", "--checkpoint", s.missing().toString(), "--onnx", out));
        c.add(file(s.directory(), "export", "--checkpoint", s.directory().toString(), "--onnx", out));
        c.add(file(s.garbage(), "export", "--checkpoint", s.garbage().toString(), "--onnx", out));
        c.add(file(s.empty(), "export", "--checkpoint", s.empty().toString(), "--onnx", out));
        c.add(file(s.unreadable(), "export", "--checkpoint", s.unreadable().toString(), "--onnx", out));
        c.add(file(s.directory(), "export", "--checkpoint", ckpt, "--onnx", s.directory().toString()));
        c.add(file(s.missingParent().getParent(), "export", "--checkpoint", ckpt, "--onnx",
                s.missingParent().toString()));
        c.add(file(DEVICE, "export", "--checkpoint", ckpt, "--onnx", DEVICE));
        c.add(file(ckpt, "export", "--checkpoint", ckpt, "--onnx", ckpt));
    }

    private static void importing(List<Arguments> c, Shared s, String onnx, String save) {
        c.add(usage("--onnx", "import", "--save", save));
        c.add(usage("--save", "import", "--onnx", onnx));
        c.add(usage("--save", "import", "--onnx", onnx, "--save", ""));
        c.add(usage("--frobnicate", "import", "--onnx", onnx, "--save", save, "--frobnicate"));
        c.add(file(s.missing(), "import", "--onnx", s.missing().toString(), "--save", save));
        c.add(file(s.directory(), "import", "--onnx", s.directory().toString(), "--save", save));
        c.add(file(s.garbage(), "import", "--onnx", s.garbage().toString(), "--save", save));
        c.add(file(s.empty(), "import", "--onnx", s.empty().toString(), "--save", save));
        c.add(file(s.unreadable(), "import", "--onnx", s.unreadable().toString(), "--save", save));
        c.add(file(s.directory(), "import", "--onnx", onnx, "--save", s.directory().toString()));
        c.add(file(s.missingParent().getParent(), "import", "--onnx", onnx, "--save", s.missingParent().toString()));
        c.add(file(DEVICE, "import", "--onnx", onnx, "--save", DEVICE));
        c.add(file(onnx, "import", "--onnx", onnx, "--save", onnx));
    }

    private static void predict(List<Arguments> c, Shared s, String ckpt, String npy, String npyOut, Path wrongSize,
                                Path colour, Path notPng, Path wrongShape) {
        c.add(usage("--checkpoint", "predict", wrongSize.toString()));
        c.add(usage("IMAGE.png", "predict", "--checkpoint", ckpt));
        c.add(usage("--top", "predict", "--checkpoint", ckpt, "--top", "0", wrongSize.toString()));
        c.add(usage("--top", "predict", "--checkpoint", ckpt, "--top", "abc", wrongSize.toString()));
        c.add(usage("--top", "predict", "--checkpoint", ckpt, "--top", "1001", wrongSize.toString()));
        c.add(usage("--batch", "predict", "--checkpoint", ckpt, "--batch", "0", "--npy", npy, "--npy-out", npyOut));
        c.add(usage("--npy-out", "predict", "--checkpoint", ckpt, "--npy", npy));
        c.add(usage("--npy", "predict", "--checkpoint", ckpt, "--npy-out", npyOut));
        c.add(usage("--npy", "predict", "--checkpoint", ckpt, "--npy", npy, "--npy-out", npyOut, wrongSize.toString()));
        c.add(usage("--frobnicate", "predict", "--checkpoint", ckpt, "--frobnicate", wrongSize.toString()));
        c.add(file(s.missing(), "predict", "--checkpoint", s.missing().toString(), wrongSize.toString()));
        c.add(file(s.directory(), "predict", "--checkpoint", s.directory().toString(), wrongSize.toString()));
        c.add(file(s.garbage(), "predict", "--checkpoint", s.garbage().toString(), wrongSize.toString()));
        c.add(file(s.unreadable(), "predict", "--checkpoint", s.unreadable().toString(), wrongSize.toString()));
        c.add(file(wrongSize, "predict", "--checkpoint", ckpt, wrongSize.toString()));
        c.add(file(colour, "predict", "--checkpoint", ckpt, colour.toString()));
        c.add(file(notPng, "predict", "--checkpoint", ckpt, notPng.toString()));
        c.add(file(s.empty(), "predict", "--checkpoint", ckpt, s.empty().toString()));
        c.add(file(s.missing(), "predict", "--checkpoint", ckpt, s.missing().toString()));
        c.add(file(s.directory(), "predict", "--checkpoint", ckpt, s.directory().toString()));
        c.add(file(s.missing(), "predict", "--checkpoint", ckpt, "--npy", s.missing().toString(), "--npy-out", npyOut));
        c.add(file(s.garbage(), "predict", "--checkpoint", ckpt, "--npy", s.garbage().toString(), "--npy-out", npyOut));
        c.add(file(wrongShape, "predict", "--checkpoint", ckpt, "--npy", wrongShape.toString(), "--npy-out", npyOut));
        c.add(file(s.directory(), "predict", "--checkpoint", ckpt, "--npy", npy, "--npy-out", s.directory().toString()));
        c.add(file(DEVICE, "predict", "--checkpoint", ckpt, "--npy", npy, "--npy-out", DEVICE));
        c.add(file(npy, "predict", "--checkpoint", ckpt, "--npy", npy, "--npy-out", npy));
        c.add(file(s.missingParent().getParent(), "predict", "--checkpoint", ckpt, "--npy", npy, "--npy-out",
                s.missingParent().toString()));
    }

    private static Path png(Path file, int w, int h, int type) throws IOException {
        ImageIO.write(new BufferedImage(w, h, type), "png", file.toFile());
        return file;
    }

    private static Arguments usage(String culprit, String... args) {
        return Arguments.of(USAGE, culprit, args);
    }

    private static Arguments file(Object culprit, String... args) {
        return Arguments.of(FILE, culprit.toString(), args);
    }
}
