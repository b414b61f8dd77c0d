package org.convlab.lab.equivariance;

import org.convlab.algebra.Axis;
import org.convlab.core.BadParameterException;
import org.convlab.data.transform.Shift;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Conv2d;
import org.convlab.tensor.Tensor;

/**
 * How far a map {@code f} of images is from commuting with a shift {@code T}: the relative error
 * <pre>
 *   e = || f(T x) - T f(x) ||_2 / || f(T x) ||_2        (sums over channels and the pixels of a region R)
 * </pre>
 * where {@code T} moves an image down by {@code dy} and right by {@code dx} pixels, filling with
 * zeros: {@code (T g)[c, y, x] = g[c, y - dy, x - dx]}, or 0 where {@code (y - dy, x - dx)} is
 * outside. Here {@code fx = f(x)} and {@code fTx = f(Tx)} are the map's outputs for an image
 * and for the shifted image, both {@code (C, H, W)} or {@code (1, C, H, W)}, and
 * {@code (dy, dx)} is the shift in output pixels (the input shift divided by the map's total
 * stride).
 *
 * <p>Two regions:
 * <ul>
 * <li><b>whole</b>: every output pixel. Near the borders a convolution reads its padding, and
 *     the shift's zero fill is not what {@code f} outputs for a blank area (biases), so even a
 *     convolution has an error here.</li>
 * <li><b>interior</b> with margin {@code m}: the output pixels {@code (y, x)} with
 *     {@code m <= y < H - m} and {@code m <= y - dy < H - m} (and likewise for x). With
 *     {@code m} the radius of the receptive field in output pixels, both {@code f(Tx)} at
 *     {@code (y, x)} and {@code f(x)} at {@code (y - dy, x - dx)} then read only pixels inside
 *     the input, never padding, and {@code Tx} there equals {@code x} moved. A network of
 *     stride-1 convolutions and pointwise functions is exactly equivariant on this region: its
 *     error is float rounding (below 1e-6 in float32). For an MLP it is of order 1.</li>
 * </ul>
 * Sums run in double. When {@code ||f(Tx)||} is 0 on the region the error is 0 if the
 * difference is 0 too (both outputs vanish there), else infinite. An empty interior gives NaN.
 */
public final class EquivarianceError {
    private EquivarianceError() {
    }

    /**
     * The errors for one shift.
     *
     * @param whole          relative error over every output pixel
     * @param interior       relative error over the interior
     * @param interiorPixels output pixels (per channel) in the interior
     * @param pixels         output pixels (per channel) in all
     */
    public record Result(double whole, double interior, int interiorPixels, int pixels) {
    }

    /**
     * The errors of {@code f} for the shift {@code (dy, dx)} (output pixels), given
     * {@code fx = f(x)} and {@code fTx = f(Tx)}, with an interior of margin {@code margin}.
     */
    public static Result measure(Tensor fx, Tensor fTx, int dy, int dx, int margin) {
        int[] s = chw("f(x)", fx);
        int[] t = chw("f(Tx)", fTx);
        if (s[0] != t[0] || s[1] != t[1] || s[2] != t[2]) {
            throw new BadParameterException("f(Tx)", "the shape of f(x) " + fx.shape(), fTx.shape());
        }
        if (margin < 0) {
            throw new BadParameterException("margin", "0 or more output pixels", margin);
        }
        int c = s[0];
        int h = s[1];
        int w = s[2];
        float[] a = fx.data();
        float[] b = fTx.data();
        double diffAll = 0;
        double normAll = 0;
        double diffIn = 0;
        double normIn = 0;
        int inside = 0;
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            boolean rowIn = inRange(y, h, margin) && inRange(sy, h, margin);
            for (int x = 0; x < w; x++) {
                int sx = x - dx;
                boolean in = rowIn && inRange(x, w, margin) && inRange(sx, w, margin);
                boolean source = sy >= 0 && sy < h && sx >= 0 && sx < w;
                if (in) {
                    inside++;
                }
                for (int ch = 0; ch < c; ch++) {
                    double moved = b[(ch * h + y) * w + x];
                    double shifted = source ? a[(ch * h + sy) * w + sx] : 0;
                    double d = moved - shifted;
                    diffAll += d * d;
                    normAll += moved * moved;
                    if (in) {
                        diffIn += d * d;
                        normIn += moved * moved;
                    }
                }
            }
        }
        return new Result(ratio(diffAll, normAll), inside == 0 ? Double.NaN : ratio(diffIn, normIn), inside, h * w);
    }

    /**
     * Whether output pixel {@code (y, x)} is in the interior for shift {@code (dy, dx)} and
     * margin {@code margin} on an {@code h x w} output (for drawing the region).
     */
    public static boolean interior(int y, int x, int h, int w, int dy, int dx, int margin) {
        return inRange(y, h, margin) && inRange(y - dy, h, margin) && inRange(x, w, margin)
                && inRange(x - dx, w, margin);
    }

    /** {@code T g}: {@code g} (C, H, W) or (N, C, H, W) moved by {@code (dy, dx)}, zero-filled (a new tensor). */
    public static Tensor shift(Tensor g, int dy, int dx) {
        int rank = g.rank();
        if (rank != 3 && rank != 4) {
            throw new BadParameterException("image", "a tensor (C, H, W) or (N, C, H, W)", g.shape());
        }
        int h = g.dim(-2);
        int w = g.dim(-1);
        int planes = g.size() / (h * w);
        Tensor out = Tensor.zeros(g.shape());
        // Every plane moved as the data module moves images (the views share the tensors' data).
        Shift.apply(g.reshape(1, planes, h, w), dy, dx, 0f, out.reshape(1, planes, h, w));
        return out;
    }

    /**
     * The receptive-field radius, in pixels, of a chain of stride-1 2-D convolutions with
     * symmetric padding and pointwise layers (ReLU, ...): the sum of {@code dilation * (k - 1) / 2}
     * over the convolutions up to and including child {@code upTo}. The margin of the
     * interior for the output of that child.
     *
     * @throws BadParameterException for a strided, asymmetric or even-sized convolution (no
     *                               single radius), or a layer that is not pointwise
     */
    public static int receptiveRadius(Sequential net, int upTo, int height, int width) {
        int r = 0;
        for (int i = 0; i <= upTo && i < net.size(); i++) {
            Module m = net.get(i);
            if (m instanceof Conv2d conv) {
                for (int a = 0; a < 2; a++) {
                    Axis axis = conv.geometry(height, width).axis(a);
                    if (axis.stride() != 1 || axis.kernel() % 2 == 0 || axis.padBefore() != axis.padAfter()) {
                        throw new BadParameterException(m.label(), "a stride-1 convolution with an odd kernel and"
                                + " symmetric padding (one receptive-field radius)", "another geometry");
                    }
                }
                Axis y = conv.geometry(height, width).axis(0);
                Axis x = conv.geometry(height, width).axis(1);
                r += Math.max(y.dilation() * (y.kernel() - 1) / 2, x.dilation() * (x.kernel() - 1) / 2);
                height = y.output();
                width = x.output();
            } else if (!(m instanceof org.convlab.nn.layers.ReLU)) {
                throw new BadParameterException(m.label(), "a convolution or a pointwise layer", m.toString());
            }
        }
        return r;
    }

    private static boolean inRange(int v, int n, int margin) {
        return v >= margin && v < n - margin;
    }

    private static double ratio(double diff, double norm) {
        if (norm == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff / norm);
    }

    private static int[] chw(String name, Tensor t) {
        if (t.rank() == 3) {
            return new int[] {t.dim(0), t.dim(1), t.dim(2)};
        }
        if (t.rank() == 4 && t.dim(0) == 1) {
            return new int[] {t.dim(1), t.dim(2), t.dim(3)};
        }
        throw new BadParameterException(name, "an output (C, H, W) or (1, C, H, W)", t.shape());
    }
}
