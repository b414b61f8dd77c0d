package org.convlab.nn.layers;

import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.PackedWeights;

/**
 * A fully connected layer, PyTorch's {@code nn.Linear}:
 * <pre>  y = x weight^T + bias</pre>
 * input {@code (*, in_features)} (any leading dimensions, including none), weight
 * {@code (out_features, in_features)}, bias {@code (out_features)}, output
 * {@code (*, out_features)}. Initial values {@code U(-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffer output = new Buffer();
    private final Buffer inGrad = new Buffer();
    private Tensor x;
    private Tensor y;
    private int rows;
    /** The weight packed once for inference ({@link #prepareForInference}), or {@code null}. */
    private PackedWeights packed;

    /** {@code in -> out} with a bias, initialised from {@code rng}. */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    /** {@code in -> out}, with or without a bias, initialised from {@code rng} (weight, then bias). */
    public Linear(int in, int out, boolean bias, Rng rng) {
        if (in < 1) {
            throw new BadParameterException("in_features", "a positive integer", in);
        }
        if (out < 1) {
            throw new BadParameterException("out_features", "a positive integer", out);
        }
        this.in = in;
        this.out = out;
        this.weight = new Parameter("weight", out, in);
        this.bias = bias ? new Parameter("bias", out) : null;
        resetParameters(rng);
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** The weight {@code (out, in)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code (out)}, or {@code null}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public void resetParameters(Rng rng) {
        WeightAndBias.reset(weight, bias, in, rng);
    }

    @Override
    protected Map<String, Parameter> collectParameters() {
        return WeightAndBias.named(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * In an {@link org.convlab.nn.Inference}'s copy (packed weights), a rectifier after this layer
     * is applied in the product's epilogue, and only the rectified values are written.
     */
    @Override
    public boolean fusesForward(Module next) {
        return packed != null && next instanceof ReLU;
    }

    @Override
    public Tensor forwardThrough(Module next, Tensor input) {
        return fusesForward(next) ? forward(input, (ReLU) next) : forward(input);
    }

    /** The forward pass; {@code relu}'s output too (written over this layer's) unless it is {@code null}. */
    private Tensor forward(Tensor input, ReLU relu) {
        if (input.rank() < 1 || input.dim(-1) != in) {
            throw badInput("(*, " + in + ")", input.shape());
        }
        int[] dims = input.shape().dims();
        dims[dims.length - 1] = out;
        Tensor result = output.shaped(dims);
        int n = input.size() / in;
        float[] b = bias == null ? null : bias.value().data();
        if (relu != null && result.data() != input.data()) {
            Kernels.dense().forwardRectified(n, input.data(), packed, b, result.data());
            relu.fused(result, result);
        } else if (packed != null) {
            Kernels.dense().forward(n, input.data(), packed, b, result.data());
        } else {
            Kernels.dense().forward(n, in, out, input.data(), weight.value().data(), b, result.data());
        }
        this.x = input;
        this.y = result;
        this.rows = n;
        return result;
    }

    /** Packs the weight once: the inference copy's forward passes skip packing it (same bits). */
    @Override
    protected void prepareForInference() {
        packed = Kernels.dense().pack(in, out, weight.value().data());
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        Tensor dx = inputGradient() ? inGrad.shaped(x.shape()) : null;
        float[] dw = weight.gradOrNull();
        float[] db = bias == null ? null : bias.gradOrNull();
        if (dx != null || dw != null || db != null) {
            Kernels.dense().backward(rows, in, out, x.data(), weight.value().data(), dy.data(),
                    dx == null ? null : dx.data(), dw, db);
        }
        return dx;
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + in + ", out_features=" + out + ", bias=" + (bias != null ? "True" : "False")
                + ")";
    }
}
