package org.convlab.algebra;

/**
 * An obviously correct convolution in double precision, written without {@link ConvTaps} or
 * {@link PaddingMode#sourceIndex}: it builds the padded input explicitly (PyTorch's
 * {@code F.pad} per axis) and slides the kernel over it. The test oracle for K and K^T.
 *
 * <p>x is {@code (C_in, n_1..n_D)}, w is {@code (C_out, C_in/groups, k_1..k_D)}, y is
 * {@code (C_out, out_1..out_D)}, all flattened row-major.
 */
public final class DirectConv {
    private DirectConv() {
    }

    /** {@code y = conv(x, w)} (no bias). */
    public static double[] forward(ConvGeometry g, double[] w, double[] x) {
        Layout l = new Layout(g);
        double[] padded = new double[l.paddedCount * g.inChannels()];
        int[] q = new int[l.d];
        for (int c = 0; c < g.inChannels(); c++) {
            for (int p = 0; p < l.paddedCount; p++) {
                unflatten(p, l.padded, q);
                int src = l.sourceFlat(q);
                padded[c * l.paddedCount + p] = src < 0 ? 0 : x[c * l.inCount + src];
            }
        }
        double[] y = new double[g.outChannels() * l.outCount];
        int[] o = new int[l.d];
        int[] t = new int[l.d];
        int[] at = new int[l.d];
        for (int f = 0; f < g.outChannels(); f++) {
            int group = f / g.outChannelsPerGroup();
            for (int op = 0; op < l.outCount; op++) {
                unflatten(op, l.out, o);
                double sum = 0;
                for (int cl = 0; cl < g.inChannelsPerGroup(); cl++) {
                    int c = group * g.inChannelsPerGroup() + cl;
                    for (int tp = 0; tp < l.kernelCount; tp++) {
                        unflatten(tp, l.kernel, t);
                        for (int a = 0; a < l.d; a++) {
                            at[a] = o[a] * l.stride[a] + t[a] * l.dilation[a];
                        }
                        double wv = w[(f * g.inChannelsPerGroup() + cl) * l.kernelCount + tp];
                        sum += wv * padded[c * l.paddedCount + flatten(at, l.padded)];
                    }
                }
                y[f * l.outCount + op] = sum;
            }
        }
        return y;
    }

    /** {@code dx} for the loss gradient {@code dy}: scatter each {@code w * dy} into the padded input, then fold the padding back. */
    public static double[] backward(ConvGeometry g, double[] w, double[] dy) {
        Layout l = new Layout(g);
        double[] dpadded = new double[l.paddedCount * g.inChannels()];
        int[] o = new int[l.d];
        int[] t = new int[l.d];
        int[] at = new int[l.d];
        for (int f = 0; f < g.outChannels(); f++) {
            int group = f / g.outChannelsPerGroup();
            for (int op = 0; op < l.outCount; op++) {
                unflatten(op, l.out, o);
                double gy = dy[f * l.outCount + op];
                for (int cl = 0; cl < g.inChannelsPerGroup(); cl++) {
                    int c = group * g.inChannelsPerGroup() + cl;
                    for (int tp = 0; tp < l.kernelCount; tp++) {
                        unflatten(tp, l.kernel, t);
                        for (int a = 0; a < l.d; a++) {
                            at[a] = o[a] * l.stride[a] + t[a] * l.dilation[a];
                        }
                        dpadded[c * l.paddedCount + flatten(at, l.padded)]
                                += w[(f * g.inChannelsPerGroup() + cl) * l.kernelCount + tp] * gy;
                    }
                }
            }
        }
        double[] dx = new double[g.inChannels() * l.inCount];
        int[] q = new int[l.d];
        for (int c = 0; c < g.inChannels(); c++) {
            for (int p = 0; p < l.paddedCount; p++) {
                unflatten(p, l.padded, q);
                int src = l.sourceFlat(q);
                if (src >= 0) {
                    dx[c * l.inCount + src] += dpadded[c * l.paddedCount + p];
                }
            }
        }
        return dx;
    }

    /** Sizes, written out once. */
    private static final class Layout {
        final int d;
        final int[] in;
        final int[] out;
        final int[] kernel;
        final int[] padded;
        final int[] before;
        final int[] stride;
        final int[] dilation;
        final int inCount;
        final int outCount;
        final int kernelCount;
        final int paddedCount;
        final PaddingMode mode;

        Layout(ConvGeometry g) {
            d = g.spatialDims();
            in = new int[d];
            out = new int[d];
            kernel = new int[d];
            padded = new int[d];
            before = new int[d];
            stride = new int[d];
            dilation = new int[d];
            mode = g.paddingMode();
            for (int a = 0; a < d; a++) {
                Axis x = g.axis(a);
                in[a] = x.size();
                kernel[a] = x.kernel();
                stride[a] = x.stride();
                dilation[a] = x.dilation();
                before[a] = x.padBefore();
                padded[a] = x.size() + x.padBefore() + x.padAfter();
                // independent of Axis.output(): how many windows of span d(k-1)+1 fit, stepping s
                out[a] = (padded[a] - (dilation[a] * (kernel[a] - 1) + 1)) / stride[a] + 1;
            }
            inCount = product(in);
            outCount = product(out);
            kernelCount = product(kernel);
            paddedCount = product(padded);
        }

        /** The flat input index that padded position q holds, or -1 for a zero. */
        int sourceFlat(int[] q) {
            int flat = 0;
            for (int a = 0; a < d; a++) {
                int i = q[a] - before[a];
                int n = in[a];
                if (i < 0 || i >= n) {
                    switch (mode) {
                        case ZEROS:
                            return -1;
                        case REPLICATE:
                            i = i < 0 ? 0 : n - 1;
                            break;
                        case REFLECT: // mirror about the edge element; the geometry keeps pad < n
                            i = i < 0 ? -i : 2 * (n - 1) - i;
                            break;
                        case CIRCULAR: // wrap once; the geometry keeps pad <= n
                            i = i < 0 ? i + n : i - n;
                            break;
                        default:
                            throw new IllegalStateException();
                    }
                }
                flat = flat * n + i;
            }
            return flat;
        }
    }

    private static int product(int[] v) {
        int p = 1;
        for (int x : v) {
            p *= x;
        }
        return p;
    }

    private static void unflatten(int flat, int[] size, int[] idx) {
        for (int a = size.length - 1; a >= 0; a--) {
            idx[a] = flat % size[a];
            flat /= size[a];
        }
    }

    private static int flatten(int[] idx, int[] size) {
        int flat = 0;
        for (int a = 0; a < size.length; a++) {
            flat = flat * size[a] + idx[a];
        }
        return flat;
    }
}
