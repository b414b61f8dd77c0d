package org.convlab.nn.optim;

import java.util.List;
import java.util.Map;
import org.convlab.nn.Parameter;
import org.convlab.tensor.Tensor;

/**
 * Adam with PyTorch's update rule ({@code torch.optim.Adam}, L2 weight decay added to the
 * gradient, not decoupled; no AMSGrad), for each unfrozen parameter {@code p} at its step
 * {@code t = 1, 2, ...}:
 * <pre>
 *   d = g + weight_decay * p
 *   m = beta1 * m + (1 - beta1) * d
 *   v = beta2 * v + (1 - beta2) * d * d
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Bias corrections in double, element arithmetic in float32. Defaults: lr 1e-3, betas
 * (0.9, 0.999), eps 1e-8, weight decay 0.
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private final Tensor[] m;
    private final Tensor[] v;

    /** Adam with learning rate {@code lr} and PyTorch's defaults otherwise. */
    public Adam(List<Parameter> params, double lr) {
        super(params, lr);
        this.m = new Tensor[params.size()];
        this.v = new Tensor[params.size()];
        for (int i = 0; i < params.size(); i++) {
            m[i] = Tensor.zeros(params.get(i).shape());
            v[i] = Tensor.zeros(params.get(i).shape());
        }
    }

    /** Adam with lr 1e-3. */
    public Adam(List<Parameter> params) {
        this(params, 1e-3);
    }

    /** Decay rates of the first and second moment estimates (default 0.9, 0.999). */
    public Adam betas(double beta1, double beta2) {
        check("beta1", beta1, 0, 1, false);
        check("beta2", beta2, 0, 1, false);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Added to the denominator (default 1e-8). */
    public Adam eps(double eps) {
        check("eps", eps, 0, Double.MAX_VALUE, true);
        this.eps = eps;
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public Adam weightDecay(double weightDecay) {
        check("weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
        this.weightDecay = weightDecay;
        return this;
    }

    @Override
    public void step() {
        float wd = (float) weightDecay;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float e = (float) eps;
        for (int i = 0; i < params.size(); i++) {
            Parameter param = params.get(i);
            if (param.frozen()) {
                continue;
            }
            long t = ++steps[i];
            double bc1 = 1 - StrictMath.pow(beta1, t);
            double bc2 = 1 - StrictMath.pow(beta2, t);
            float stepSize = (float) (lr / bc1);
            float bc2Sqrt = (float) Math.sqrt(bc2);
            float[] p = param.value().data();
            float[] g = param.grad().data();
            float[] mi = m[i].data();
            float[] vi = v[i].data();
            for (int j = 0; j < p.length; j++) {
                float d = g[j];
                if (wd != 0f) {
                    d = d + wd * p[j];
                }
                mi[j] = mi[j] * b1 + c1 * d;
                vi[j] = vi[j] * b2 + c2 * d * d;
                float denom = (float) Math.sqrt(vi[j]) / bc2Sqrt + e;
                p[j] = p[j] - stepSize * (mi[j] / denom);
            }
        }
    }

    @Override
    protected Map<String, Tensor> liveState() {
        Map<String, Tensor> s = super.liveState();
        for (int i = 0; i < params.size(); i++) {
            s.put(i + ".exp_avg", m[i]);
            s.put(i + ".exp_avg_sq", v[i]);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay="
                + weightDecay + ")";
    }
}
