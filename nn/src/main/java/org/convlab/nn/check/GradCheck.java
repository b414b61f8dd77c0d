package org.convlab.nn.check;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.tensor.Difference;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.Tolerance;

/**
 * Gradient checking, the classic lesson, done so that it also covers the float32 kernels the
 * engine really runs:
 * <ol>
 * <li>the module's double-precision {@link Twin} (reference kernels in double) gives analytic
 *     gradients of {@code L = sum(y * r)} for a random {@code r}; they are compared with central
 *     differences {@code (L(v + h) - L(v - h)) / 2h} of the twin's forward, for every input
 *     element and every parameter element (in double, where the differences are accurate);</li>
 * <li>the engine's float32 forward and backward (fast kernels, as in training) on the same input,
 *     parameters and {@code r} are compared with the twin's output and gradients.</li>
 * </ol>
 * Errors are measured as {@code max |a - b| / max |b|} per tensor and the largest is reported.
 */
public final class GradCheck {
    /** Central-difference step. */
    public static final double FD_STEP = 1e-5;
    /** Largest accepted error of double analytic gradients against central differences. */
    public static final double FD_TOLERANCE = 1e-6;
    /** Largest accepted error of the float32 engine against its double twin. */
    public static final double FLOAT_TOLERANCE = 1e-5;

    private static final Tolerance ANY = new Tolerance("report only", 0, Double.POSITIVE_INFINITY);

    private GradCheck() {
    }

    /** Checks {@code m} on random input of shape {@code input} and random parameters drawn from {@code seed}. */
    public static GradCheckResult check(String name, Module m, Shape input, long seed) {
        Rng rng = new Rng(seed);
        m.resetParameters(rng);
        m.unfreeze();
        m.setInputGradient(true);
        Tensor x = random(input, rng);
        Tensor y0 = m.forward(x);
        Tensor r = random(y0.shape(), rng);

        // The engine in float32, as in training.
        float[] yf = m.forward(x).data().clone();
        m.zeroGrad();
        float[] dxf = m.backward(r).data().clone();
        List<float[]> gf = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            gf.add(p.grad().data().clone());
        }

        // The double twin, from the same float values.
        Twin twin = Twins.of(m, input);
        double[] xd = widen(x.data());
        double[] rd = widen(r.data());
        double[] yd = twin.forward(xd);
        double[] dxd = twin.backward(rd);
        List<double[]> gd = twin.grads();

        double floatError = error(yd, widen(yf));
        floatError = Math.max(floatError, error(dxd, widen(dxf)));
        for (int i = 0; i < gd.size(); i++) {
            floatError = Math.max(floatError, error(gd.get(i), widen(gf.get(i))));
        }

        double fdError = centralDifferenceError(twin, xd, rd);
        return new GradCheckResult(name, m.toString(), input.toString(), m.parameterCount(), fdError, floatError,
                fdError <= FD_TOLERANCE && floatError <= FLOAT_TOLERANCE);
    }

    /**
     * The error of a twin's analytic gradients of {@code L = sum(twin(x) * r)} against central
     * differences, over the input and every parameter: {@code max |analytic - numeric| / max |numeric|}.
     */
    public static double centralDifferenceError(Twin twin, double[] x, double[] r) {
        twin.forward(x);
        double[] dx = twin.backward(r);
        List<double[]> grads = new ArrayList<>();
        for (double[] g : twin.grads()) {
            grads.add(g.clone());
        }
        double err = error(numeric(twin, x, x, r), dx);
        List<double[]> params = twin.params();
        for (int i = 0; i < params.size(); i++) {
            err = Math.max(err, error(numeric(twin, x, params.get(i), r), grads.get(i)));
        }
        return err;
    }

    /** Checks the cross-entropy loss on {@code (n, classes)} random logits and random labels. */
    public static GradCheckResult checkCrossEntropy(String name, int n, int classes, double scale, long seed) {
        Rng rng = new Rng(seed);
        Tensor logits = random(Shape.of(n, classes), rng);
        for (int i = 0; i < logits.size(); i++) {
            logits.data()[i] *= (float) scale;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float lossF = ce.forward(logits, labels);
        float[] gradF = ce.backward().data().clone();
        double[] z = widen(logits.data());
        double loss = crossEntropy(z, labels, classes);
        double[] grad = crossEntropyGradient(z, labels, classes);
        double[] numeric = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double keep = z[i];
            z[i] = keep + FD_STEP;
            double up = crossEntropy(z, labels, classes);
            z[i] = keep - FD_STEP;
            double down = crossEntropy(z, labels, classes);
            z[i] = keep;
            numeric[i] = (up - down) / (2 * FD_STEP);
        }
        double fdError = error(numeric, grad);
        double floatError = Math.max(error(new double[] {loss}, new double[] {lossF}), error(grad, widen(gradF)));
        return new GradCheckResult(name, "CrossEntropyLoss()", "(" + n + ", " + classes + ")", 0, fdError, floatError,
                fdError <= FD_TOLERANCE && floatError <= FLOAT_TOLERANCE);
    }

    /** The mean cross-entropy in double, by the stable log-sum-exp. */
    static double crossEntropy(double[] z, int[] labels, int k) {
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[i * k + j] - max);
            }
            total += max + Math.log(sum) - z[i * k + labels[i]];
        }
        return total / labels.length;
    }

    static double[] crossEntropyGradient(double[] z, int[] labels, int k) {
        int n = labels.length;
        double[] g = new double[z.length];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[i * k + j] - max);
            }
            for (int j = 0; j < k; j++) {
                g[i * k + j] = (Math.exp(z[i * k + j] - max) / sum - (j == labels[i] ? 1 : 0)) / n;
            }
        }
        return g;
    }

    /** Central differences of {@code L = sum(twin(x) * r)} with respect to every element of {@code v} (x or a parameter). */
    private static double[] numeric(Twin twin, double[] x, double[] v, double[] r) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + FD_STEP;
            double up = dot(twin.forward(x), r);
            v[i] = keep - FD_STEP;
            double down = dot(twin.forward(x), r);
            v[i] = keep;
            d[i] = (up - down) / (2 * FD_STEP);
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code max |actual - expected| / max |expected|}. */
    static double error(double[] expected, double[] actual) {
        Difference d = ANY.compare(expected, actual);
        return d.relativeToScale();
    }

    private static Tensor random(Shape shape, Rng rng) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(-1, 1);
        }
        return t;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
