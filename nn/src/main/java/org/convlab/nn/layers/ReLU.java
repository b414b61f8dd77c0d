package org.convlab.nn.layers;

import org.convlab.nn.Module;
import org.convlab.tensor.Tensor;

/**
 * The rectifier, PyTorch's {@code nn.ReLU}: {@code y = max(x, 0)} element-wise on any shape
 * (NaN stays NaN); {@code dx = dy} where {@code y > 0}, else 0.
 */
public final class ReLU extends Module {
    private final Buffer output = new Buffer();
    private final Buffer inGrad = new Buffer();
    private Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = output.shaped(x.shape());
        float[] a = x.data();
        float[] b = out.data();
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.max(a[i], 0f);
        }
        this.y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        if (!inputGradient()) {
            return null;
        }
        Tensor dx = inGrad.shaped(dy.shape());
        float[] g = dy.data();
        float[] v = y.data();
        float[] d = dx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = v[i] > 0f ? g[i] : 0f;
        }
        return dx;
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
