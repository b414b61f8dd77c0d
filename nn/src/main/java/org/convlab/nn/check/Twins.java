package org.convlab.nn.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.algebra.ConvGeometry;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Convolution;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.Pool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.ReferenceConv;
import org.convlab.tensor.kernels.ReferenceDense;
import org.convlab.tensor.kernels.ReferenceLocal;
import org.convlab.tensor.kernels.ReferencePool;

/** Builds the double-precision {@link Twin} of a module, with the module's current parameter values. */
public final class Twins {
    private Twins() {
    }

    /**
     * The twin of {@code m} for inputs of shape {@code input}.
     *
     * @throws IllegalArgumentException for a module type without a twin
     */
    public static Twin of(Module m, Shape input) {
        if (m instanceof Sequential s) {
            List<Twin> parts = new ArrayList<>();
            Shape shape = input;
            for (Module child : s.children()) {
                parts.add(of(child, shape));
                shape = outputShape(child, shape);
            }
            return new Chain(parts);
        }
        if (m instanceof Convolution c) {
            int[] spatial = Arrays.copyOfRange(input.dims(), input.rank() - c.spatialDims(), input.rank());
            ConvGeometry g = c.geometry(spatial);
            int n = input.rank() == c.spatialDims() + 2 ? input.dim(0) : 1;
            return new Windowed(m, g, n, false);
        }
        if (m instanceof LocallyConnected lc) {
            int n = input.rank() == lc.spatialDims() + 2 ? input.dim(0) : 1;
            return new Windowed(m, lc.geometry(), n, true);
        }
        if (m instanceof Linear l) {
            return new Dense(l, input.size() / l.inFeatures());
        }
        if (m instanceof Pool2d p) {
            int n = input.rank() == 4 ? input.dim(0) : 1;
            ConvGeometry g = p.geometry(input.dim(-3), input.dim(-2), input.dim(-1));
            return new Pool(g, n, p instanceof MaxPool2d, p instanceof AvgPool2d a && a.countIncludePad());
        }
        if (m instanceof ReLU) {
            return new Relu();
        }
        if (m instanceof Flatten || m instanceof Reshape) {
            return new Identity();
        }
        throw new IllegalArgumentException("no double-precision twin for " + m.getClass().getName());
    }

    /** The output shape of {@code m} for this input shape (runs the module once on zeros). */
    static Shape outputShape(Module m, Shape input) {
        return m.forward(Tensor.zeros(input)).shape();
    }

    static double[] widen(Tensor t) {
        float[] f = t.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static List<double[]> values(Module m) {
        List<double[]> v = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            v.add(widen(p.value()));
        }
        return v;
    }

    /** Children applied in order; backward in reverse. */
    private static final class Chain implements Twin {
        private final List<Twin> parts;

        Chain(List<Twin> parts) {
            this.parts = parts;
        }

        @Override
        public double[] forward(double[] x) {
            double[] h = x;
            for (Twin t : parts) {
                h = t.forward(h);
            }
            return h;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] g = dy;
            for (int i = parts.size() - 1; i >= 0; i--) {
                g = parts.get(i).backward(g);
            }
            return g;
        }

        @Override
        public List<double[]> params() {
            List<double[]> all = new ArrayList<>();
            parts.forEach(t -> all.addAll(t.params()));
            return all;
        }

        @Override
        public List<double[]> grads() {
            List<double[]> all = new ArrayList<>();
            parts.forEach(t -> all.addAll(t.grads()));
            return all;
        }
    }

    /** A convolution or a locally connected layer: weight and optional bias. */
    private static final class Windowed implements Twin {
        private final ConvGeometry g;
        private final int n;
        private final boolean local;
        private final List<double[]> params;
        private final List<double[]> grads = new ArrayList<>();
        private double[] x;

        Windowed(Module m, ConvGeometry g, int n, boolean local) {
            this.g = g;
            this.n = n;
            this.local = local;
            this.params = values(m);
        }

        private double[] bias() {
            return params.size() > 1 ? params.get(1) : null;
        }

        @Override
        public double[] forward(double[] input) {
            this.x = input;
            double[] y = new double[(int) (n * g.outputElements())];
            if (local) {
                ReferenceLocal.forward(g, n, input, params.get(0), bias(), y);
            } else {
                ReferenceConv.forward(g, n, input, params.get(0), bias(), y);
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[x.length];
            double[] dw = new double[params.get(0).length];
            double[] db = bias() == null ? null : new double[bias().length];
            if (local) {
                ReferenceLocal.backward(g, n, x, params.get(0), dy, dx, dw, db);
            } else {
                ReferenceConv.backward(g, n, x, params.get(0), dy, dx, dw, db);
            }
            grads.clear();
            grads.add(dw);
            if (db != null) {
                grads.add(db);
            }
            return dx;
        }

        @Override
        public List<double[]> params() {
            return params;
        }

        @Override
        public List<double[]> grads() {
            return grads;
        }
    }

    private static final class Dense implements Twin {
        private final int rows;
        private final int in;
        private final int out;
        private final List<double[]> params;
        private final List<double[]> grads = new ArrayList<>();
        private double[] x;

        Dense(Linear l, int rows) {
            this.rows = rows;
            this.in = l.inFeatures();
            this.out = l.outFeatures();
            this.params = values(l);
        }

        @Override
        public double[] forward(double[] input) {
            this.x = input;
            double[] y = new double[rows * out];
            ReferenceDense.forward(rows, in, out, input, params.get(0), params.size() > 1 ? params.get(1) : null, y);
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[x.length];
            double[] dw = new double[in * out];
            double[] db = params.size() > 1 ? new double[out] : null;
            ReferenceDense.backward(rows, in, out, x, params.get(0), dy, dx, dw, db);
            grads.clear();
            grads.add(dw);
            if (db != null) {
                grads.add(db);
            }
            return dx;
        }

        @Override
        public List<double[]> params() {
            return params;
        }

        @Override
        public List<double[]> grads() {
            return grads;
        }
    }

    private static final class Pool implements Twin {
        private final ConvGeometry g;
        private final int n;
        private final boolean max;
        private final boolean countIncludePad;
        private int[] argmax;
        private int inSize;

        Pool(ConvGeometry g, int n, boolean max, boolean countIncludePad) {
            this.g = g;
            this.n = n;
            this.max = max;
            this.countIncludePad = countIncludePad;
        }

        @Override
        public double[] forward(double[] x) {
            inSize = x.length;
            double[] y = new double[(int) (n * g.outputElements())];
            if (max) {
                argmax = new int[y.length];
                ReferencePool.maxForward(g, n, x, y, argmax);
            } else {
                ReferencePool.avgForward(g, n, countIncludePad, x, y);
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[inSize];
            if (max) {
                ReferencePool.maxBackward(g, n, dy, argmax, dx);
            } else {
                ReferencePool.avgBackward(g, n, countIncludePad, dy, dx);
            }
            return dx;
        }

        @Override
        public List<double[]> params() {
            return List.of();
        }

        @Override
        public List<double[]> grads() {
            return List.of();
        }
    }

    private static final class Relu implements Twin {
        private double[] y;

        @Override
        public double[] forward(double[] x) {
            y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(x[i], 0);
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = y[i] > 0 ? dy[i] : 0;
            }
            return dx;
        }

        @Override
        public List<double[]> params() {
            return List.of();
        }

        @Override
        public List<double[]> grads() {
            return List.of();
        }
    }

    /** Flatten and Reshape: the data do not change. */
    private static final class Identity implements Twin {
        @Override
        public double[] forward(double[] x) {
            return x.clone();
        }

        @Override
        public double[] backward(double[] dy) {
            return dy.clone();
        }

        @Override
        public List<double[]> params() {
            return List.of();
        }

        @Override
        public List<double[]> grads() {
            return List.of();
        }
    }
}
