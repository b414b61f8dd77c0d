package org.convlab.lab.equivariance;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.EquivarianceCnn;

/**
 * The notebook's equivariance CNN and two variants that subsample, to show what breaks exact
 * equivariance ({@link EquivarianceCnn}, their one definition). All three draw the same
 * convolution weights from the same seed:
 * <pre>
 *   plain:   conv1 (1->20, 3x3 pad 1) -> ReLU ->                conv2 (20->40) -> ReLU -> conv3 (40->1) -> ReLU
 *   pooled:  conv1 (1->20, 3x3 pad 1) -> ReLU -> max-pool 2x2 -> conv2 (20->40) -> ReLU -> conv3 (40->1) -> ReLU
 *   strided: conv1 (1->20, 3x3 pad 1, stride 2) -> ReLU ->      conv2 (20->40) -> ReLU -> conv3 (40->1) -> ReLU
 * </pre>
 * The subsampling variants output {@code (H/2, W/2)}: a shift of the input by an even number of
 * pixels moves their output by half as many, exactly (away from the borders); an odd shift
 * has no counterpart on the coarser grid, and the output changes — aliasing.
 */
public final class ShiftedNets {
    /**
     * The interior margin, in output pixels, valid for all three nets: 3 for the plain net
     * (three 3x3 layers); for the subsampling ones an output pixel v reads input pixels
     * 2v - 5 .. 2v + 6, so 3 keeps that inside the input too.
     */
    public static final int MARGIN = 3;

    private ShiftedNets() {
    }

    /** The notebook's untrained CNN. */
    public static Sequential plain(long seed) {
        return new EquivarianceCnn(new Rng(seed));
    }

    /** The CNN with a 2x2 max-pool after the first ReLU. */
    public static Sequential pooled(long seed) {
        return new EquivarianceCnn(EquivarianceCnn.Subsampling.MAX_POOL, new Rng(seed));
    }

    /** The CNN whose first convolution has stride 2. */
    public static Sequential strided(long seed) {
        return new EquivarianceCnn(EquivarianceCnn.Subsampling.STRIDE, new Rng(seed));
    }

    /**
     * The interior error of a subsampling net ({@code stride} 2) for an input shift of
     * {@code d} pixels to the right: for even d the output shift d / 2; for odd d the smaller
     * error of the two nearest output shifts, floor(d / 2) and ceil(d / 2) — the best any
     * shift of the output could do.
     */
    public static double subsampledError(org.convlab.tensor.Tensor f0, org.convlab.tensor.Tensor fd, int d,
                                         int stride) {
        int lo = Math.floorDiv(d, stride);
        int hi = -Math.floorDiv(-d, stride);
        double e = EquivarianceError.measure(f0, fd, 0, lo, MARGIN).interior();
        if (hi != lo) {
            e = Math.min(e, EquivarianceError.measure(f0, fd, 0, hi, MARGIN).interior());
        }
        return e;
    }
}
