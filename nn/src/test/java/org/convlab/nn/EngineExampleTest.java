package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.SGD;
import org.convlab.nn.train.BatchSource;
import org.convlab.nn.train.EpochResult;
import org.convlab.nn.train.Fit;
import org.convlab.nn.train.FitListener;
import org.convlab.nn.train.FitResult;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/engine.md and README.md, verbatim between the markers: it must run, the
 * loss must fall, the reloaded network must give the same logits, and both pages must show
 * exactly this code.
 */
class EngineExampleTest {

    static double[] example() throws IOException {
        // BEGIN EXAMPLE
        // A tiny in-memory data set: 64 grey images of 8x8 in two classes,
        // class 0 bright in the top half, class 1 bright in the bottom half, plus noise.
        Rng rng = new Rng(7);
        int n = 64;
        Tensor images = Tensor.zeros(n, 1, 8, 8);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    float signal = (y < 4) == (labels[i] == 0) ? 1f : 0f;
                    images.set(signal + rng.uniform(-0.5, 0.5), i, 0, y, x);
                }
            }
        }

        // Your own network: any Sequential of convlab's layers, with PyTorch's names and
        // default initial distributions, drawn from the seeded generator.
        Sequential model = new Sequential()
                .add("conv", Conv2d.builder(1, 4, 3).padding(1).build(rng))
                .add("relu", new ReLU())
                .add("pool", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("fc", new Linear(4 * 4 * 4, 2, rng));
        model.setInputGradient(false); // the images need no gradient: conv skips that work
        System.out.println(model);

        // The fit loop: batches of 16, SGD with momentum, accuracy measured after every
        // epoch, a checkpoint (architecture, weights, optimiser state) after every epoch.
        Path checkpoint = Files.createTempDirectory("convlab-example").resolve("tiny.ckpt");
        SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        FitResult result = new Fit(model, optimizer, new CrossEntropyLoss())
                .validation(m -> CrossEntropyLoss.correct(m.forward(images), labels) / (double) n, 0)
                .checkpoint(checkpoint, Map.of("note", "the README's example"))
                .listener(new FitListener() {
                    @Override
                    public void epochEnded(EpochResult e, int epochs) {
                        System.out.printf("epoch %d/%d  loss %.4f  accuracy %.3f%n", e.epoch(), epochs,
                                e.trainLoss(), e.valAccuracy());
                    }
                })
                .run(BatchSource.of(images, labels, 16), 5);

        // The checkpoint alone rebuilds the network: no need to know how it was defined.
        Module again = Checkpoints.loadModel(checkpoint);
        float[] before = model.forward(images).copy().data();
        float[] after = again.forward(images).data();
        System.out.println("reloaded: same logits " + Arrays.equals(before, after));
        // END EXAMPLE
        Files.deleteIfExists(Path.of(checkpoint + ".bak"));
        Files.deleteIfExists(checkpoint);
        Files.deleteIfExists(checkpoint.getParent());
        return new double[] {result.epochs().get(0).trainLoss(), result.epochs().get(4).trainLoss(),
            result.epochs().get(4).valAccuracy(), Arrays.equals(before, after) ? 1 : 0};
    }

    @Test
    void theExampleTrainsReloadsAndTheLossFalls() throws IOException {
        double[] r = example();
        assertThat(r[0]).isBetween(0.3, 0.9); // about log 2 at the start
        assertThat(r[1]).isLessThan(r[0] / 4);
        assertThat(r[2]).isEqualTo(1.0);
        assertThat(r[3]).as("the reloaded network's logits").isEqualTo(1.0);
    }

    @Test
    void theDocumentShowsThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/convlab/nn/EngineExampleTest.java"));
        int begin = source.indexOf('\n', source.indexOf("// BEGIN EXAMPLE")) + 1;
        int end = source.lastIndexOf('\n', source.indexOf("// END EXAMPLE"));
        StringBuilder body = new StringBuilder();
        for (String line : source.substring(begin, end).split("\n", -1)) {
            body.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        for (String page : new String[] {"../docs/engine.md", "../README.md"}) {
            assertThat(Files.readString(Path.of(page))).as(page).contains(body.toString().strip());
        }
    }
}
