package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/engine.md and README.md, verbatim between the markers: it must run, the
 * loss must fall, and both pages must show exactly this code.
 */
class EngineExampleTest {

    static float[] example() {
        // BEGIN EXAMPLE
        // A tiny in-memory data set: 16 RGB images of 8x8 in two classes,
        // class 0 bright in the top half, class 1 bright in the bottom half, plus noise.
        Rng rng = new Rng(7);
        int n = 16;
        Tensor images = Tensor.zeros(n, 3, 8, 8);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        float signal = (y < 4) == (labels[i] == 0) ? 1f : 0f;
                        images.set(signal + rng.uniform(-0.5, 0.5), i, c, y, x);
                    }
                }
            }
        }

        // The notebook's model: conv 5x5 pad 2 -> ReLU -> conv 3x3 pad 1 -> ReLU -> flatten -> linear,
        // initialised with PyTorch's default distributions from the seeded generator.
        ThreeLayerConvNet model = new ThreeLayerConvNet(3, 8, 4, 2, 8, 8, rng);
        model.setInputGradient(false); // the images need no gradient: conv1 skips that work
        System.out.println(model);
        System.out.println("parameters: " + model.parameterCount());

        CrossEntropyLoss criterion = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), 0.01).momentum(0.9);
        float first = 0;
        float last = 0;
        for (int step = 1; step <= 20; step++) {
            optimizer.zeroGrad();
            Tensor logits = model.forward(images);         // (16, 2), owned by the model
            float loss = criterion.forward(logits, labels);
            model.backward(criterion.backward());          // adds dL/dparameter to every grad
            optimizer.step();
            if (step == 1) {
                first = loss;
            }
            last = loss;
            if (step % 5 == 0) {
                int correct = CrossEntropyLoss.correct(logits, labels);
                System.out.printf("step %2d  loss %.4f  accuracy %d/%d%n", step, loss, correct, n);
            }
        }
        System.out.printf("loss %.4f -> %.4f%n", first, last);
        // END EXAMPLE
        return new float[] {first, last};
    }

    @Test
    void theExampleTrainsAndTheLossFalls() {
        float[] loss = example();
        assertThat(loss[0]).isBetween(0.5f, 0.9f); // about log 2 at the start
        assertThat(loss[1]).isLessThan(loss[0] / 4);
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
