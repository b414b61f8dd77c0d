package org.convlab.data.transform;

import java.util.SplittableRandom;
import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * Moves each image by its own random (dy, dx), each uniform in {@code [-maxShift, maxShift]},
 * filling uncovered pixels with a value; the offsets come from a seeded stream, so the same
 * seed gives the same translations. For batches during training prefer
 * {@link org.convlab.data.Batcher#withTranslation}, which translates while converting bytes.
 */
public final class RandomTranslation {
    private final int maxShift;
    private final SplittableRandom random;

    /** Translations of up to {@code maxShift} pixels, drawn from {@code seed}. */
    public RandomTranslation(int maxShift, long seed) {
        if (maxShift < 0) {
            throw new BadParameterException("maxShift", "a shift of 0 or more pixels", maxShift);
        }
        this.maxShift = maxShift;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes every image of {@code x} (N, C, H, W), moved by the next random offsets, into
     * {@code out} (same shape, not {@code x}).
     *
     * @return the offsets used, {@code {dy0, dx0, dy1, dx1, ...}}
     */
    public int[] apply(Tensor x, float fill, Tensor out) {
        Images.requireRank4("x", x);
        if (!out.shape().equals(x.shape()) || out.data() == x.data()) {
            throw new BadParameterException("out", "a separate tensor of shape " + x.shape(), out.shape());
        }
        int n = x.dim(0);
        int per = x.size() / n;
        int[] offsets = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            offsets[2 * i] = dy;
            offsets[2 * i + 1] = dx;
            Shift.shiftImage(x.data(), i * per, out.data(), i * per, x.dim(1), x.dim(2), x.dim(3), dy, dx, fill);
        }
        return offsets;
    }
}
