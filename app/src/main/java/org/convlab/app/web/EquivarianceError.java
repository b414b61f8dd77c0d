package org.convlab.app.web;

/**
 * How far a map f from images to images is from commuting with a shift: the measured
 * equivariance error of the notebook's experiment, for the explorer's page and for reports.
 *
 * <p>With x the image at the first position, T the shift by {@code s = (dy, dx)} that moves it
 * to the current position (zero fill), and a region R of the canvas:
 * <pre>
 *   error_R = || f(T x) - T f(x) ||_R / || f(T x) ||_R      (Euclidean norms over the pixels of R)
 * </pre>
 * where {@code (T f(x))[p] = f(x)[p - s]}, and 0 when {@code p - s} lies outside the canvas.
 * Two regions are reported:
 * <ul>
 *   <li><b>whole</b>: every pixel of the canvas;</li>
 *   <li><b>interior</b> with margin m: the pixels p such that p and p - s are both at least m
 *       pixels from every border of the canvas, i.e. {@code m <= p_r <= H-1-m},
 *       {@code m <= p_r - dy <= H-1-m}, and the same for columns. With m the radius of the
 *       network's receptive field ({@link #NOTEBOOK_CNN_MARGIN} = 3 for three 3x3 layers), no
 *       pixel of R or of its source sees the zero padding of any layer, and none lies in the
 *       strip that the shift fills with zeros; a convolutional network is then exactly
 *       equivariant on R, up to float rounding.</li>
 * </ul>
 * Conventions: 0/0 = 0 (both outputs are zero on R); x/0 with x > 0 is infinity; an empty R
 * (a shift too large for the margin) gives NaN. Sums are in double precision.
 *
 * <p>Maps are row-major {@code (H, W)} float arrays: the output of a {@code (1, 1, H, W)} tensor.
 */
public final class EquivarianceError {
    /** The receptive-field radius of the notebook's CNN (three 3x3 convolutions: a 7x7 field). */
    public static final int NOTEBOOK_CNN_MARGIN = 3;

    private EquivarianceError() {
    }

    /**
     * The relative error over the whole canvas.
     *
     * @param shifted f(T x), row-major (h, w)
     * @param base    f(x), row-major (h, w)
     * @param dy      rows the shift moves down (may be negative)
     * @param dx      columns the shift moves right (may be negative)
     */
    public static double whole(float[] shifted, float[] base, int h, int w, int dy, int dx) {
        return relative(shifted, base, h, w, dy, dx, 0);
    }

    /** The relative error over the interior with margin {@code margin} (see the class comment). */
    public static double interior(float[] shifted, float[] base, int h, int w, int dy, int dx, int margin) {
        if (margin < 1) {
            throw new IllegalArgumentException("interior margin must be >= 1, got " + margin);
        }
        return relative(shifted, base, h, w, dy, dx, margin);
    }

    /**
     * The relative error over the pixels p with p and p - s at least {@code margin} from every
     * border; {@code margin = 0} is the whole canvas (then p - s may fall outside: T f(x) is 0 there).
     */
    static double relative(float[] shifted, float[] base, int h, int w, int dy, int dx, int margin) {
        if (shifted.length != h * w || base.length != h * w) {
            throw new IllegalArgumentException("maps must have " + h + " x " + w + " = " + h * w + " pixels, got "
                    + shifted.length + " and " + base.length);
        }
        double diff = 0;
        double norm = 0;
        long count = 0;
        for (int r = margin; r < h - margin; r++) {
            int sr = r - dy;
            if (margin > 0 && (sr < margin || sr > h - 1 - margin)) {
                continue;
            }
            for (int c = margin; c < w - margin; c++) {
                int sc = c - dx;
                if (margin > 0 && (sc < margin || sc > w - 1 - margin)) {
                    continue;
                }
                boolean inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
                double moved = inside ? base[sr * w + sc] : 0.0;
                double y = shifted[r * w + c];
                diff += (y - moved) * (y - moved);
                norm += y * y;
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        if (norm == 0) {
            return diff == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff) / Math.sqrt(norm);
    }
}
