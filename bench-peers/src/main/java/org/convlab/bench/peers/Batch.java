package org.convlab.bench.peers;

import java.util.SplittableRandom;
import org.convlab.tensor.Tensor;

/**
 * The one batch every engine trains and infers on: images {@code x (N, C, H, W)} with values
 * from a standard normal distribution (like normalised pixels) and class labels in
 * {@code [0, 10)}.
 *
 * @param x      the images, NCHW, row-major
 * @param labels the class of each image, length N
 */
public record Batch(Tensor x, int[] labels) {
    /** The notebook's batch size. */
    public static final int SIZE = 64;

    /** A batch of {@code n} images for {@code model}, from a generator seeded with {@code seed}. */
    public static Batch generate(Model model, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, model.channels(), model.height(), model.width());
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) gaussian(random);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(Model.CLASSES);
        }
        return new Batch(x, labels);
    }

    /** Images in the batch, N. */
    public int size() {
        return labels.length;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
