package org.convlab.nn.layers;

import java.util.Arrays;
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
 * A locally connected layer: the windows of a convolution, but a separate filter bank at every
 * output position (no parameter sharing). The common part of {@link LocallyConnected1d} and
 * {@link LocallyConnected2d}; PyTorch has no such layer (Keras' {@code LocallyConnected2D} and
 * Torch7's {@code SpatialConvolutionLocal} do).
 * <pre>  y[i, f, o] = bias[f, o] + sum_{c, t} weight[o, f, c, t] * xpad[i, c, o*s + t*d - pBefore]</pre>
 * Shapes (2-D): input {@code (N, C_in, H, W)} or {@code (C_in, H, W)} with the H and W fixed at
 * construction; weight {@code (OH, OW, C_out, C_in, kH, kW)} (Torch7's layout: position-major,
 * so each position's {@code (C_out, C_in*kH*kW)} filter bank is contiguous); bias
 * {@code (C_out, OH, OW)}, one per output element; output {@code (N, C_out, OH, OW)}.
 * Initial values {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} with {@code fan_in = C_in * kH * kW},
 * the inputs of one output unit, as for the convolution it unshares. No groups.
 */
public abstract class LocallyConnected extends Module {
    private final WindowSpec spec;
    private final int[] size;
    private final ConvGeometry geometry;
    private final ConvPlan plan;
    private final Parameter weight;
    private final Parameter bias;
    private final Workspace workspace = new Workspace();
    private final Buffer out = new Buffer();
    private final Buffer inGrad = new Buffer();
    private Tensor x;
    private Tensor y;
    private int batch;

    LocallyConnected(WindowBuilder<?> builder, int[] size, Rng rng) {
        this.spec = builder.spec();
        if (spec.groups() != 1) {
            throw new BadParameterException("groups", "1 (a locally connected layer has no groups)", spec.groups());
        }
        if (size == null || size.length != spec.dims()) {
            throw new BadParameterException("size", spec.dims() + " input sizes (the layer's weights depend on them)",
                    size == null ? "none" : Arrays.toString(size));
        }
        this.size = size.clone();
        this.geometry = spec.geometry(this.size);
        this.plan = ConvPlan.of(geometry);
        int[] wshape = new int[2 * spec.dims() + 2];
        int[] osz = geometry.outputSpatial();
        System.arraycopy(osz, 0, wshape, 0, spec.dims());
        wshape[spec.dims()] = spec.outChannels();
        wshape[spec.dims() + 1] = spec.inChannels();
        System.arraycopy(spec.kernel(), 0, wshape, spec.dims() + 2, spec.dims());
        this.weight = new Parameter("weight", wshape);
        this.bias = spec.bias() ? new Parameter("bias", geometry.outputShape()) : null;
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

    /** The input's spatial sizes, fixed at construction. */
    public int[] inputSize() {
        return size.clone();
    }

    /** The geometry: the windows this layer reads, as the convolution it unshares. */
    public ConvGeometry geometry() {
        return geometry;
    }

    /** The weight, {@code (OH, OW, C_out, C_in, kH, kW)} (1-D: {@code (OL, C_out, C_in, k)}). */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code (C_out, OH, OW)}, or {@code null} when built without one. */
    public Parameter bias() {
        return bias;
    }

    /** {@code fan_in = C_in * prod(kernel)}. */
    public long fanIn() {
        return spec.fanIn();
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
        StringBuilder sp = new StringBuilder();
        for (int s : size) {
            sp.append(", ").append(s);
        }
        return "(N, " + spec.inChannels() + sp + ") or (" + spec.inChannels() + sp + ")";
    }

    @Override
    public Tensor forward(Tensor input) {
        int rank = input.rank();
        boolean batched = rank == spec.dims() + 2;
        if (!batched && rank != spec.dims() + 1) {
            throw badInput(expectedInput(), input.shape());
        }
        int lead = batched ? 1 : 0;
        boolean fits = input.dim(lead) == spec.inChannels();
        for (int a = 0; a < spec.dims(); a++) {
            fits &= input.dim(lead + 1 + a) == size[a];
        }
        if (!fits) {
            throw badInput(expectedInput(), input.shape());
        }
        int n = batched ? input.dim(0) : 1;
        int[] os = geometry.outputShape();
        int[] dims = new int[rank];
        if (batched) {
            dims[0] = n;
        }
        System.arraycopy(os, 0, dims, lead, os.length);
        Tensor output = out.shaped(dims);
        Kernels.local().forward(plan, n, input.data(), weight.value().data(),
                bias == null ? null : bias.value().data(), output.data(), workspace);
        this.x = input;
        this.y = output;
        this.batch = n;
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        checkGradient(y, dy);
        Tensor dx = inputGradient() ? inGrad.shaped(x.shape()) : null;
        float[] dw = weight.gradOrNull();
        float[] db = bias == null ? null : bias.gradOrNull();
        if (dx != null || dw != null || db != null) {
            Kernels.local().backward(plan, batch, x.data(), weight.value().data(), dy.data(),
                    dx == null ? null : dx.data(), dw, db, workspace);
        }
        return dx;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + spec.inChannels() + ", " + spec.outChannels() + ", input_size="
                + WindowSpec.perAxis(size) + ", " + spec.describe() + ")";
    }
}
