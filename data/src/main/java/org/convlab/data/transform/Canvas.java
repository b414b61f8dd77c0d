package org.convlab.data.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * Places images on a larger canvas of zeros: {@code out[n, c, top + y, left + x] = x[n, c, y, x]},
 * every other element 0. The notebook's equivariance test puts a 28x28 image at the 49
 * positions {@code (top, left)} with top, left in {0, 4, ..., 24} of a 56x56 canvas
 * (padding left i, right 28 - i, top j, bottom 28 - j).
 *
 * <p>x is (N, C, H, W); out is (N, C, canvasH, canvasW).
 */
public final class Canvas {
    /** The notebook's canvas side. */
    public static final int NOTEBOOK_SIDE = 56;
    /** The notebook's step between positions. */
    public static final int NOTEBOOK_STEP = 4;

    private Canvas() {
    }

    /** A position on a canvas: the row and column of the image's top-left pixel. */
    public record Position(int top, int left) {
        @Override
        public String toString() {
            return "(" + top + ", " + left + ")";
        }
    }

    /**
     * The positions {@code (top, left)} with top and left in {0, step, 2 step, ...} up to
     * {@code canvas - image}, row by row (top outer, left inner).
     */
    public static List<Position> positions(int canvas, int image, int step) {
        if (step < 1 || image < 1 || canvas < image) {
            throw new BadParameterException("canvas", "step >= 1 and canvas >= image >= 1",
                    "canvas " + canvas + ", image " + image + ", step " + step);
        }
        List<Position> out = new ArrayList<>();
        for (int top = 0; top + image <= canvas; top += step) {
            for (int left = 0; left + image <= canvas; left += step) {
                out.add(new Position(top, left));
            }
        }
        return out;
    }

    /** The notebook's 49 positions of a 28x28 image on a 56x56 canvas: {0, 4, ..., 24} squared. */
    public static List<Position> notebookPositions() {
        List<Position> all = positions(NOTEBOOK_SIDE, 28, NOTEBOOK_STEP);
        // 0..28 in steps of 4 gives 8 values; the notebook stops at 24 (i + 28 < 56 strictly).
        List<Position> out = new ArrayList<>();
        for (Position p : all) {
            if (p.top() <= 24 && p.left() <= 24) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code x} (N, C, H, W) placed at (top, left) on a zero canvas: a new (N, C, canvasH, canvasW) tensor. */
    public static Tensor place(Tensor x, int canvasH, int canvasW, int top, int left) {
        Tensor out = Tensor.zeros(x.dim(0), x.dim(1), canvasH, canvasW);
        return place(x, top, left, out);
    }

    /**
     * Writes {@code x} (N, C, H, W) at (top, left) into {@code out} (N, C, canvasH, canvasW),
     * zeroing everything else.
     *
     * @return {@code out}
     */
    public static Tensor place(Tensor x, int top, int left, Tensor out) {
        Images.requireRank4("x", x);
        Images.requireRank4("out", out);
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int ch = out.dim(2);
        int cw = out.dim(3);
        if (out.dim(0) != n || out.dim(1) != c) {
            throw new BadParameterException("out", "(" + n + ", " + c + ", H', W') like x", out.shape());
        }
        if (top < 0 || left < 0 || top + h > ch || left + w > cw) {
            throw new BadParameterException("position", "an image of " + h + "x" + w + " inside the " + ch + "x" + cw
                    + " canvas", "(" + top + ", " + left + ")");
        }
        float[] src = x.data();
        float[] dst = out.data();
        Arrays.fill(dst, 0f);
        for (int p = 0; p < n * c; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (p * h + y) * w, dst, (p * ch + top + y) * cw + left, w);
            }
        }
        return out;
    }
}
