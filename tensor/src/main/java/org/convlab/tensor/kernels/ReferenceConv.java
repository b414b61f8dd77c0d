package org.convlab.tensor.kernels;

import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.PaddingMode;

/**
 * The oracle for every convolution kernel: the definition of PyTorch's convolution written as
 * direct loops in double precision over a 1-D or 2-D {@link ConvGeometry}, reading each input
 * position through {@link Axis#inputIndex} and {@link PaddingMode#sourceIndex}.
 * <pre>
 *   y[i, f, oy, ox] = bias[f] + sum_{c' < C/g, ki, kj} w[f, c', ki, kj] * xpad[i, (f / (F/g))*(C/g) + c', iy, ix]
 *   iy = oy*sH + ki*dH - pT,  ix = ox*sW + kj*dW - pL
 * </pre>
 * Shapes as in {@link ConvKernels}. The double-precision methods serve the gradient check;
 * the float methods (which implement {@link ConvKernels} by converting to double and rounding
 * once at the end) serve as the test oracle of the fast kernels. They allocate: never use them
 * in a hot path.
 */
public final class ReferenceConv implements ConvKernels {
    private static final Axis UNIT = Axis.of(1, 1, 1, 1, 0);

    private static Axis rows(ConvGeometry g) {
        return g.spatialDims() == 2 ? g.axis(0) : UNIT;
    }

    private static Axis cols(ConvGeometry g) {
        return g.axis(g.spatialDims() - 1);
    }

    /** Writes {@code y = conv(x, w) + bias} in double; {@code bias} may be {@code null}. */
    public static void forward(ConvGeometry g, int n, double[] x, double[] w, double[] bias, double[] y) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        PaddingMode mode = g.paddingMode();
        int c = g.inChannels();
        int f = g.outChannels();
        int cg = g.inChannelsPerGroup();
        int fg = g.outChannelsPerGroup();
        int h = ah.size();
        int wd = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        int kh = ah.kernel();
        int kw = aw.kernel();
        for (int i = 0; i < n; i++) {
            for (int fo = 0; fo < f; fo++) {
                int group = fo / fg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias[fo];
                        for (int cl = 0; cl < cg; cl++) {
                            int ci = group * cg + cl;
                            for (int ki = 0; ki < kh; ki++) {
                                int iy = mode.sourceIndex(ah.inputIndex(oy, ki), h);
                                for (int kj = 0; kj < kw; kj++) {
                                    int ix = mode.sourceIndex(aw.inputIndex(ox, kj), wd);
                                    if (iy < 0 || ix < 0) {
                                        continue;
                                    }
                                    s += w[((fo * cg + cl) * kh + ki) * kw + kj] * x[((i * c + ci) * h + iy) * wd + ix];
                                }
                            }
                        }
                        y[((i * f + fo) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
    }

    /**
     * Gradients in double given {@code dy}: {@code dx} is overwritten, {@code dw} and
     * {@code dbias} are added to; any may be {@code null}.
     */
    public static void backward(ConvGeometry g, int n, double[] x, double[] w, double[] dy, double[] dx,
                                double[] dw, double[] dbias) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        PaddingMode mode = g.paddingMode();
        int c = g.inChannels();
        int f = g.outChannels();
        int cg = g.inChannelsPerGroup();
        int fg = g.outChannelsPerGroup();
        int h = ah.size();
        int wd = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        int kh = ah.kernel();
        int kw = aw.kernel();
        if (dx != null) {
            java.util.Arrays.fill(dx, 0, n * c * h * wd, 0);
        }
        for (int i = 0; i < n; i++) {
            for (int fo = 0; fo < f; fo++) {
                int group = fo / fg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double d = dy[((i * f + fo) * oh + oy) * ow + ox];
                        if (dbias != null) {
                            dbias[fo] += d;
                        }
                        for (int cl = 0; cl < cg; cl++) {
                            int ci = group * cg + cl;
                            for (int ki = 0; ki < kh; ki++) {
                                int iy = mode.sourceIndex(ah.inputIndex(oy, ki), h);
                                for (int kj = 0; kj < kw; kj++) {
                                    int ix = mode.sourceIndex(aw.inputIndex(ox, kj), wd);
                                    if (iy < 0 || ix < 0) {
                                        continue;
                                    }
                                    int wi = ((fo * cg + cl) * kh + ki) * kw + kj;
                                    int xi = ((i * c + ci) * h + iy) * wd + ix;
                                    if (dx != null) {
                                        dx[xi] += w[wi] * d;
                                    }
                                    if (dw != null) {
                                        dw[wi] += x[xi] * d;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void forward(ConvPlan p, int n, float[] x, float[] w, float[] bias, float[] y, Workspace ws) {
        double[] yd = new double[n * p.outputSize()];
        forward(p.geometry(), n, Doubles.of(x, n * p.inputSize()), Doubles.of(w, p.weightSize()),
                bias == null ? null : Doubles.of(bias, p.filters), yd);
        Doubles.store(yd, y);
    }

    @Override
    public void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias, Workspace ws) {
        double[] dxd = dx == null ? null : new double[n * p.inputSize()];
        double[] dwd = dw == null ? null : new double[p.weightSize()];
        double[] dbd = dbias == null ? null : new double[p.filters];
        backward(p.geometry(), n, Doubles.of(x, n * p.inputSize()), Doubles.of(w, p.weightSize()),
                Doubles.of(dy, n * p.outputSize()), dxd, dwd, dbd);
        if (dx != null) {
            Doubles.store(dxd, dx);
        }
        if (dw != null) {
            Doubles.add(dwd, dw);
        }
        if (dbias != null) {
            Doubles.add(dbd, dbias);
        }
    }
}
