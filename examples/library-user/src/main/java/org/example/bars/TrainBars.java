package org.example.bars;

import java.util.List;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.train.BatchSource;
import org.convlab.nn.train.EpochResult;
import org.convlab.nn.train.Fit;
import org.convlab.nn.train.FitListener;
import org.convlab.nn.train.FitResult;
import org.convlab.tensor.Tensor;

/**
 * Trains a small CNN of its own (two 3x3 convolutions with a max-pool between, then a linear
 * classifier) to tell horizontal, vertical and diagonal bars apart in noisy 8x8 images, with
 * convlab's fit loop, and exits with status 1 unless the loss falls by more than half.
 */
public final class TrainBars {
    private static final int SIZE = 8;
    private static final int CLASSES = 3;

    private TrainBars() {
    }

    public static void main(String[] args) {
        Rng rng = new Rng(2026);
        int n = 48;
        int[] labels = new int[n];
        Tensor images = bars(n, labels, rng);   // (48, 1, 8, 8)

        Sequential model = new Sequential()
                .add("conv1", Conv2d.builder(1, 6, 3).padding(1).build(rng))   // (N, 6, 8, 8)
                .add("relu1", new ReLU())
                .add("pool", new MaxPool2d(2))                                    // (N, 6, 4, 4)
                .add("conv2", Conv2d.builder(6, 8, 3).padding(1).build(rng))   // (N, 8, 4, 4)
                .add("relu2", new ReLU())
                .add("flatten", new Flatten())                                    // (N, 128)
                .add("fc", new Linear(8 * 4 * 4, CLASSES, rng));                 // (N, 3) logits
        model.setInputGradient(false);
        System.out.println(model);
        System.out.println("parameters: " + model.parameterCount());

        // The fit loop: the whole set as one batch, 40 epochs (so 40 Adam steps), accuracy
        // measured on the training images after each epoch.
        FitResult result = new Fit(model, new Adam(model.parameters(), 0.01), new CrossEntropyLoss())
                .validation(m -> CrossEntropyLoss.correct(m.forward(images), labels) / (double) n, 0)
                .listener(new FitListener() {
                    @Override
                    public void epochEnded(EpochResult e, int epochs) {
                        if (e.epoch() % 10 == 0) {
                            System.out.printf("epoch %2d  loss %.4f  accuracy %.3f%n", e.epoch(), e.trainLoss(),
                                    e.valAccuracy());
                        }
                    }
                })
                .run(BatchSource.of(images, labels, n), 40);
        List<EpochResult> epochs = result.epochs();
        double first = epochs.get(0).trainLoss();
        double last = epochs.get(epochs.size() - 1).trainLoss();
        System.out.printf("loss %.4f -> %.4f%n", first, last);
        if (!(last < 0.5f * first)) {
            System.err.printf("FAILED: the loss did not fall by half (%.4f -> %.4f)%n", first, last);
            System.exit(1);
        }
        System.out.println("ok: the loss fell by more than half");
    }

    /** {@code n} noisy images {@code (n, 1, 8, 8)} of a bar: 0 horizontal, 1 vertical, 2 diagonal, anywhere; fills {@code labels}. */
    static Tensor bars(int n, int[] labels, Rng rng) {
        Tensor x = Tensor.zeros(n, 1, SIZE, SIZE);
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            labels[i] = label;
            int at = rng.nextInt(SIZE);
            for (int y = 0; y < SIZE; y++) {
                for (int xx = 0; xx < SIZE; xx++) {
                    boolean on = switch (label) {
                        case 0 -> y == at;
                        case 1 -> xx == at;
                        default -> Math.floorMod(xx - y, SIZE) == at;
                    };
                    x.set((on ? 1f : 0f) + rng.uniform(-0.3, 0.3), i, 0, y, xx);
                }
            }
        }
        return x;
    }
}
