package org.convlab.tensor.kernels;

/**
 * The oracle of {@link DenseKernels}: the linear layer's definition as loops in double
 * precision. The float methods convert, compute in double and round once; they allocate and
 * are for tests only.
 */
public final class ReferenceDense implements DenseKernels {

    /** {@code y[i, o] = bias[o] + sum_j x[i, j] w[o, j]} in double; {@code bias} may be {@code null}. */
    public static void forward(int n, int in, int out, double[] x, double[] w, double[] bias, double[] y) {
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int j = 0; j < in; j++) {
                    s += x[i * in + j] * w[o * in + j];
                }
                y[i * out + o] = s;
            }
        }
    }

    /** Gradients in double: {@code dx} overwritten, {@code dw} and {@code dbias} added to; any may be {@code null}. */
    public static void backward(int n, int in, int out, double[] x, double[] w, double[] dy, double[] dx,
                                double[] dw, double[] dbias) {
        if (dx != null) {
            java.util.Arrays.fill(dx, 0, n * in, 0);
        }
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double d = dy[i * out + o];
                if (dbias != null) {
                    dbias[o] += d;
                }
                for (int j = 0; j < in; j++) {
                    if (dx != null) {
                        dx[i * in + j] += d * w[o * in + j];
                    }
                    if (dw != null) {
                        dw[o * in + j] += d * x[i * in + j];
                    }
                }
            }
        }
    }

    @Override
    public void forward(int n, int in, int out, float[] x, float[] w, float[] bias, float[] y) {
        double[] yd = new double[n * out];
        forward(n, in, out, Doubles.of(x, n * in), Doubles.of(w, out * in),
                bias == null ? null : Doubles.of(bias, out), yd);
        Doubles.store(yd, y);
    }

    @Override
    public void backward(int n, int in, int out, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias) {
        double[] dxd = dx == null ? null : new double[n * in];
        double[] dwd = dw == null ? null : new double[out * in];
        double[] dbd = dbias == null ? null : new double[out];
        backward(n, in, out, Doubles.of(x, n * in), Doubles.of(w, out * in), Doubles.of(dy, n * out), dxd, dwd, dbd);
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
