package org.convlab.nn.optim;

import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Parameter;
import org.convlab.tensor.Tensor;

/**
 * Stochastic gradient descent with PyTorch's update rule ({@code torch.optim.SGD}), for each
 * unfrozen parameter {@code p} with gradient {@code g}:
 * <pre>
 *   d = g + weight_decay * p
 *   if momentum != 0:
 *       b = d                                   (first step of this parameter)
 *       b = momentum * b + (1 - dampening) * d  (later steps)
 *       d = nesterov ? d + momentum * b : b
 *   p = p - lr * d
 * </pre>
 * Arithmetic in float32 with the coefficients rounded to float, as PyTorch's kernels.
 *
 * <pre>{@code
 * SGD sgd = new SGD(model.parameters(), 0.01).momentum(0.9).nesterov(true).weightDecay(5e-4);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private final Tensor[] buffers;

    /** Plain SGD with learning rate {@code lr}. */
    public SGD(List<Parameter> params, double lr) {
        super(params, lr);
        this.buffers = new Tensor[params.size()];
    }

    /** Momentum factor (default 0). */
    public SGD momentum(double momentum) {
        check("momentum", momentum, 0, Double.MAX_VALUE, true);
        this.momentum = momentum;
        return validated();
    }

    /** Dampening of the momentum (default 0). */
    public SGD dampening(double dampening) {
        check("dampening", dampening, 0, Double.MAX_VALUE, true);
        this.dampening = dampening;
        return validated();
    }

    /** Nesterov momentum (default off; needs momentum > 0 and dampening 0, as PyTorch). */
    public SGD nesterov(boolean on) {
        this.nesterov = on;
        return validated();
    }

    /** L2 penalty added to the gradient (default 0). */
    public SGD weightDecay(double weightDecay) {
        check("weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
        this.weightDecay = weightDecay;
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    private SGD validated() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new BadParameterException("nesterov", "Nesterov momentum requires a momentum and zero dampening");
        }
        return this;
    }

    @Override
    public void step() {
        validated();
        float wd = (float) weightDecay;
        float m = (float) momentum;
        float damp = (float) (1 - dampening);
        float alpha = (float) -lr;
        for (int i = 0; i < params.size(); i++) {
            Parameter param = params.get(i);
            if (param.frozen()) {
                continue;
            }
            float[] p = param.value().data();
            float[] g = param.grad().data();
            float[] b = null;
            if (m != 0f) {
                if (buffers[i] == null) {
                    buffers[i] = Tensor.zeros(param.shape());
                }
                b = buffers[i].data();
            }
            boolean first = steps[i] == 0;
            for (int j = 0; j < p.length; j++) {
                float d = g[j];
                if (wd != 0f) {
                    d = d + wd * p[j];
                }
                if (b != null) {
                    b[j] = first ? d : m * b[j] + damp * d;
                    d = nesterov ? d + m * b[j] : b[j];
                }
                p[j] = p[j] + alpha * d;
            }
            steps[i]++;
        }
    }

    @Override
    protected Map<String, Tensor> liveState() {
        Map<String, Tensor> s = super.liveState();
        if (momentum != 0) {
            for (int i = 0; i < params.size(); i++) {
                if (buffers[i] == null) {
                    buffers[i] = Tensor.zeros(params.get(i).shape());
                }
                s.put(i + ".momentum_buffer", buffers[i]);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ", momentum=" + momentum + ", dampening=" + dampening + ", weight_decay="
                + weightDecay + ", nesterov=" + nesterov + ")";
    }
}
