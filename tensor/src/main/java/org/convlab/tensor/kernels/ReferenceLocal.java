package org.convlab.tensor.kernels;

import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.PaddingMode;

/**
 * The oracle of {@link LocalKernels}: the locally connected layer's definition as loops in
 * double precision over the geometry's {@link Axis} objects and padding mode. Shapes and weight
 * layout as in {@link LocalKernels}. The float methods convert, compute and round once; they
 * allocate and are for tests only.
 */
public final class ReferenceLocal implements LocalKernels {
    private static final Axis UNIT = Axis.of(1, 1, 1, 1, 0);

    private static Axis rows(ConvGeometry g) {
        return g.spatialDims() == 2 ? g.axis(0) : UNIT;
    }

    private static Axis cols(ConvGeometry g) {
        return g.axis(g.spatialDims() - 1);
    }

    /** Writes {@code y} in double; {@code bias} may be {@code null}. */
    public static void forward(ConvGeometry g, int n, double[] x, double[] w, double[] bias, double[] y) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        PaddingMode mode = g.paddingMode();
        int c = g.inChannels();
        int f = g.outChannels();
        int h = ah.size();
        int wd = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        int kh = ah.kernel();
        int kw = aw.kernel();
        for (int i = 0; i < n; i++) {
            for (int fo = 0; fo < f; fo++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias[(fo * oh + oy) * ow + ox];
                        for (int ci = 0; ci < c; ci++) {
                            for (int ki = 0; ki < kh; ki++) {
                                int iy = mode.sourceIndex(ah.inputIndex(oy, ki), h);
                                for (int kj = 0; kj < kw; kj++) {
                                    int ix = mode.sourceIndex(aw.inputIndex(ox, kj), wd);
                                    if (iy < 0 || ix < 0) {
                                        continue;
                                    }
                                    int wi = ((((oy * ow + ox) * f + fo) * c + ci) * kh + ki) * kw + kj;
                                    s += w[wi] * x[((i * c + ci) * h + iy) * wd + ix];
                                }
                            }
                        }
                        y[((i * f + fo) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
    }

    /** Gradients in double: {@code dx} overwritten, {@code dw} and {@code dbias} added to; any may be {@code null}. */
    public static void backward(ConvGeometry g, int n, double[] x, double[] w, double[] dy, double[] dx,
                                double[] dw, double[] dbias) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        PaddingMode mode = g.paddingMode();
        int c = g.inChannels();
        int f = g.outChannels();
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
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double d = dy[((i * f + fo) * oh + oy) * ow + ox];
                        if (dbias != null) {
                            dbias[(fo * oh + oy) * ow + ox] += d;
                        }
                        for (int ci = 0; ci < c; ci++) {
                            for (int ki = 0; ki < kh; ki++) {
                                int iy = mode.sourceIndex(ah.inputIndex(oy, ki), h);
                                for (int kj = 0; kj < kw; kj++) {
                                    int ix = mode.sourceIndex(aw.inputIndex(ox, kj), wd);
                                    if (iy < 0 || ix < 0) {
                                        continue;
                                    }
                                    int wi = ((((oy * ow + ox) * f + fo) * c + ci) * kh + ki) * kw + kj;
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
        forward(p.geometry(), n, Doubles.of(x, n * p.inputSize()), Doubles.of(w, (int) LocalKernels.weightSize(p)),
                bias == null ? null : Doubles.of(bias, p.outputSize()), yd);
        Doubles.store(yd, y);
    }

    @Override
    public void backward(ConvPlan p, int n, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias, Workspace ws) {
        int ws1 = (int) LocalKernels.weightSize(p);
        double[] dxd = dx == null ? null : new double[n * p.inputSize()];
        double[] dwd = dw == null ? null : new double[ws1];
        double[] dbd = dbias == null ? null : new double[p.outputSize()];
        backward(p.geometry(), n, Doubles.of(x, n * p.inputSize()), Doubles.of(w, ws1),
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
