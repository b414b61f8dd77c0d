package org.convlab.nn.layers;

import java.util.Map;
import org.convlab.algebra.ConvGeometry;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.Workspace;

/**
 * A convolution layer (PyTorch's {@code Conv1d}/{@code Conv2d}: cross-correlation), the common
 * part of {@link Conv1d} and {@link Conv2d}.
 * <pre>  y[i, f, o] = bias[f] + sum_{c in group(f), t} weight[f, c', t] * xpad[i, c, o*s + t*d - pBefore]</pre>
 * Shapes (2-D): input {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)}, weight
 * {@code (C_out, C_in/groups, kH, kW)}, bias {@code (C_out)}, output {@code (N, C_out, OH, OW)}.
 * The output size and padding come from the algebra module's {@link ConvGeometry} for the
 * input's size (computed once per input size); the work from {@link Kernels#conv()}.
 */
public abstract class Convolution extends Module {
    private final WindowSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private final Workspace workspace = new Workspace();
    private final Buffer out = new Buffer();
    private final Buffer inGrad = new Buffer();
    private int[] planSize;
    private ConvPlan plan;
    private Tensor x;
    /**
     * Set by {@link #prepareForInference}: a following rectifier's output is written over this
     * layer's own (the pre-activation is not needed again), one output array instead of two.
     */
    private boolean inference;
    private Tensor y;
    private int batch;

    Convolution(WindowBuilder<?> builder, Rng rng) {
        this.spec = builder.spec();
        int[] shape = new int[spec.dims() + 2];
        shape[0] = spec.outChannels();
        shape[1] = spec.inChannels() / spec.groups();
        System.arraycopy(spec.kernel(), 0, shape, 2, spec.dims());
        this.weight = new Parameter("weight", shape);
        this.bias = spec.bias() ? new Parameter("bias", spec.outChannels()) : null;
        resetParameters(rng);
    }

    /** The checked hyper-parameters (for {@link Layers}). */
    WindowSpec spec() {
        return spec;
    }

    /** Number of spatial dimensions: 1 or 2. */
    public int spatialDims() {
        return spec.dims();
    }

    public int inChannels() {
        return spec.inChannels();
    }

    public int outChannels() {
        return spec.outChannels();
    }

    /** The weight, {@code (C_out, C_in/groups, k...)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code (C_out)}, or {@code null} when built without one. */
    public Parameter bias() {
        return bias;
    }

    /** {@code fan_in = (C_in / groups) * prod(kernel)}, which sets the initial bound. */
    public long fanIn() {
        return spec.fanIn();
    }

    /** The geometry of this layer for an input of these spatial sizes (output size, padding per side). */
    public ConvGeometry geometry(int... spatialSize) {
        return spec.geometry(spatialSize);
    }

    @Override
    public void resetParameters(Rng rng) {
        WeightAndBias.reset(weight, bias, fanIn(), rng);
    }

    @Override
    protected Map<String, Parameter> collectParameters() {
        return WeightAndBias.named(weight, bias);
    }

    private String expectedInput() {
        String sp = spec.dims() == 1 ? "L" : "H, W";
        return "(N, " + spec.inChannels() + ", " + sp + ") or (" + spec.inChannels() + ", " + sp + ")";
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** In an {@link org.convlab.nn.Inference}'s copy: the rectifier's output replaces this layer's own. */
    @Override
    protected void prepareForInference() {
        inference = true;
    }

    /** A rectifier after a convolution: computed in the convolution's epilogue. */
    @Override
    public boolean fusesForward(Module next) {
        return next instanceof ReLU;
    }

    @Override
    public Tensor forwardThrough(Module next, Tensor input) {
        return fusesForward(next) ? forward(input, (ReLU) next) : forward(input);
    }

    /** The forward pass; {@code relu}'s output too unless it is {@code null}. */
    private Tensor forward(Tensor input, ReLU relu) {
        int rank = input.rank();
        boolean batched = rank == spec.dims() + 2;
        if (!batched && rank != spec.dims() + 1 || input.dim(batched ? 1 : 0) != spec.inChannels()) {
            throw badInput(expectedInput(), input.shape());
        }
        int n = batched ? input.dim(0) : 1;
        int[] size = new int[spec.dims()];
        for (int a = 0; a < spec.dims(); a++) {
            size[a] = input.dim(rank - spec.dims() + a);
        }
        ConvPlan p = plan(size, input);
        int[] dims = new int[rank];
        int at = 0;
        if (batched) {
            dims[at++] = n;
        }
        dims[at++] = spec.outChannels();
        if (spec.dims() == 2) {
            dims[at++] = p.outH;
        }
        dims[at] = p.outW;
        Tensor output = out.shaped(dims);
        if (output.data() == input.data()) {
            // This layer applied to its own last output (through an in-place rectifier): read a copy
            // (the plain-Java kernels compute a 1x1 layer from the input straight into the output).
            input = input.copy();
        }
        float[] b = bias == null ? null : bias.value().data();
        // In an Inference, or before an in-place rectifier, only the rectified values are written.
        Tensor rectified = relu == null ? null : inference ? output : relu.outputBuffer(output);
        if (rectified != null && rectified.data() == input.data()) {
            rectified = null; // one ReLU module used twice, its output is this input: its own pass
        }
        Kernels.conv().forwardRectified(p, n, input.data(), weight.value().data(), b, output.data(),
                rectified == null ? null : rectified.data(), workspace);
        if (rectified != null) {
            relu.fused(output, rectified);
        }
        this.x = input;
        this.y = output;
        this.batch = n;
        return output;
    }

    private ConvPlan plan(int[] size, Tensor input) {
        if (plan == null || !java.util.Arrays.equals(size, planSize)) {
            try {
                plan = ConvPlan.of(spec.geometry(size));
            } catch (BadParameterException e) {
                throw new BadParameterException(label(), "input " + input.shape() + " does not fit: " + e.getMessage());
            }
            planSize = size;
        }
        return plan;
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        Tensor dx = inputGradient() ? inGrad.shaped(x.shape()) : null;
        float[] dw = weight.gradOrNull();
        float[] db = bias == null ? null : bias.gradOrNull();
        if (dx != null || dw != null || db != null) {
            Kernels.conv().backward(plan, batch, x.data(), weight.value().data(), dy.data(),
                    dx == null ? null : dx.data(), dw, db, workspace);
        }
        return dx;
    }

    /** A rectifier that took this convolution's last output: its backward pass is fused into this one's. */
    @Override
    public boolean fusesBackward(Module next) {
        return next instanceof ReLU relu && y != null && relu.lastInput() == y;
    }

    /**
     * {@code backward(relu.backward(dyRelu))} in one pass: the kernels mask the gradient by the
     * rectifier's output image by image ({@link org.convlab.tensor.kernels.ConvKernels#backwardRectified}).
     */
    @Override
    public Tensor backwardThrough(Module next, Tensor dyNext) {
        if (!fusesBackward(next)) {
            return super.backwardThrough(next, dyNext);
        }
        ReLU relu = (ReLU) next;
        relu.checkOutputGradient(dyNext);
        Tensor dx = inputGradient() ? inGrad.shaped(x.shape()) : null;
        float[] dw = weight.gradOrNull();
        float[] db = bias == null ? null : bias.gradOrNull();
        if (dx != null || dw != null || db != null) {
            Kernels.conv().backwardRectified(plan, batch, x.data(), weight.value().data(), dyNext.data(),
                    relu.lastOutput().data(), dx == null ? null : dx.data(), dw, db, workspace);
        }
        return dx;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + spec.inChannels() + ", " + spec.outChannels() + ", "
                + spec.describe() + ")";
    }
}
