package org.convlab.tensor.kernels;

import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;

/**
 * The oracle of {@link PoolKernels}: pooling's definition as loops in double precision over
 * the geometry's {@link Axis} objects (channels pooled one by one; padding never wins a max;
 * PyTorch's average divisor). The float methods convert, compute and round once; they
 * allocate and are for tests only.
 */
public final class ReferencePool implements PoolKernels {
    private static final Axis UNIT = Axis.of(1, 1, 1, 1, 0);

    private static Axis rows(ConvGeometry g) {
        return g.spatialDims() == 2 ? g.axis(0) : UNIT;
    }

    private static Axis cols(ConvGeometry g) {
        return g.axis(g.spatialDims() - 1);
    }

    /** Max pooling in double: writes {@code y} and {@code argmax} (index {@code iy*W + ix} in the plane). */
    public static void maxForward(ConvGeometry g, int n, double[] x, double[] y, int[] argmax) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        int planes = n * g.inChannels();
        int h = ah.size();
        int w = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        for (int pl = 0; pl < planes; pl++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int ki = 0; ki < ah.kernel(); ki++) {
                        int iy = ah.inputIndex(oy, ki);
                        for (int kj = 0; kj < aw.kernel(); kj++) {
                            int ix = aw.inputIndex(ox, kj);
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x[pl * h * w + iy * w + ix];
                            if (at < 0 || v > best || Double.isNaN(v)) {
                                best = v;
                                at = iy * w + ix;
                            }
                        }
                    }
                    y[(pl * oh + oy) * ow + ox] = best;
                    argmax[(pl * oh + oy) * ow + ox] = at;
                }
            }
        }
    }

    /** Max pooling backward in double: {@code dx} overwritten. */
    public static void maxBackward(ConvGeometry g, int n, double[] dy, int[] argmax, double[] dx) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        int planes = n * g.inChannels();
        int in = ah.size() * aw.size();
        int out = ah.output() * aw.output();
        java.util.Arrays.fill(dx, 0, planes * in, 0);
        for (int pl = 0; pl < planes; pl++) {
            for (int o = 0; o < out; o++) {
                if (argmax[pl * out + o] >= 0) {
                    dx[pl * in + argmax[pl * out + o]] += dy[pl * out + o];
                }
            }
        }
    }

    /** The average-pooling divisor of output {@code (oy, ox)}, PyTorch's formula. */
    public static int divisor(ConvGeometry g, int oy, int ox, boolean countIncludePad) {
        return extent(rows(g), oy, countIncludePad) * extent(cols(g), ox, countIncludePad);
    }

    private static int extent(Axis a, int o, boolean countIncludePad) {
        int start = o * a.stride() - a.padBefore();
        int end = Math.min(start + a.span(), a.size() + a.padAfter());
        if (countIncludePad) {
            return end - start;
        }
        return Math.min(end, a.size()) - Math.max(start, 0);
    }

    /** Average pooling in double. */
    public static void avgForward(ConvGeometry g, int n, boolean countIncludePad, double[] x, double[] y) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        int planes = n * g.inChannels();
        int h = ah.size();
        int w = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        for (int pl = 0; pl < planes; pl++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0;
                    for (int ki = 0; ki < ah.kernel(); ki++) {
                        int iy = ah.inputIndex(oy, ki);
                        for (int kj = 0; kj < aw.kernel(); kj++) {
                            int ix = aw.inputIndex(ox, kj);
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                s += x[pl * h * w + iy * w + ix];
                            }
                        }
                    }
                    y[(pl * oh + oy) * ow + ox] = s / divisor(g, oy, ox, countIncludePad);
                }
            }
        }
    }

    /** Average pooling backward in double: {@code dx} overwritten. */
    public static void avgBackward(ConvGeometry g, int n, boolean countIncludePad, double[] dy, double[] dx) {
        Axis ah = rows(g);
        Axis aw = cols(g);
        int planes = n * g.inChannels();
        int h = ah.size();
        int w = aw.size();
        int oh = ah.output();
        int ow = aw.output();
        java.util.Arrays.fill(dx, 0, planes * h * w, 0);
        for (int pl = 0; pl < planes; pl++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double d = dy[(pl * oh + oy) * ow + ox] / divisor(g, oy, ox, countIncludePad);
                    for (int ki = 0; ki < ah.kernel(); ki++) {
                        int iy = ah.inputIndex(oy, ki);
                        for (int kj = 0; kj < aw.kernel(); kj++) {
                            int ix = aw.inputIndex(ox, kj);
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                dx[pl * h * w + iy * w + ix] += d;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxForward(ConvPlan p, int n, float[] x, float[] y, int[] argmax) {
        double[] yd = new double[n * p.channels * p.outputPlane()];
        maxForward(p.geometry(), n, Doubles.of(x, n * p.inputSize()), yd, argmax);
        Doubles.store(yd, y);
    }

    @Override
    public void maxBackward(ConvPlan p, int n, float[] dy, int[] argmax, float[] dx) {
        double[] dxd = new double[n * p.inputSize()];
        maxBackward(p.geometry(), n, Doubles.of(dy, n * p.channels * p.outputPlane()), argmax, dxd);
        Doubles.store(dxd, dx);
    }

    @Override
    public void avgForward(ConvPlan p, int n, boolean countIncludePad, float[] x, float[] y) {
        double[] yd = new double[n * p.channels * p.outputPlane()];
        avgForward(p.geometry(), n, countIncludePad, Doubles.of(x, n * p.inputSize()), yd);
        Doubles.store(yd, y);
    }

    @Override
    public void avgBackward(ConvPlan p, int n, boolean countIncludePad, float[] dy, float[] dx) {
        double[] dxd = new double[n * p.inputSize()];
        avgBackward(p.geometry(), n, countIncludePad, Doubles.of(dy, n * p.channels * p.outputPlane()), dxd);
        Doubles.store(dxd, dx);
    }
}
