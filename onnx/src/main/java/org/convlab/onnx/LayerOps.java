package org.convlab.onnx;

import java.util.Arrays;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Convolution;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.Pool2d;
import org.convlab.nn.layers.Reshape;
import org.convlab.onnx.proto.Onnx.NodeProto;
import org.convlab.onnx.proto.Onnx.TensorProto;

/**
 * One ONNX node as a convlab layer, for an input sample of a known shape: attributes checked
 * against the weights and the input, weights copied in.
 */
final class LayerOps {
    /** A Pad to merge into the next Conv: the amounts per spatial side and how the border is filled. */
    record PendingPad(int[] before, int[] after, PaddingMode mode) {
    }

    private final GraphReader graph;
    private final NodeProto node;
    private final Attributes attrs;
    private final int[] shape;
    private String weightName;

    LayerOps(GraphReader graph, NodeProto node, int[] shape) {
        this.graph = graph;
        this.node = node;
        this.attrs = new Attributes(node);
        this.shape = shape;
    }

    /** The name of the layer's weight initializer, or {@code null}. */
    String weightName() {
        return weightName;
    }

    /** The per-sample output shape of {@code m} for this node's input. */
    int[] outputShape(Module m) {
        if (m instanceof Convolution c) {
            return c.geometry(Arrays.copyOfRange(shape, 1, shape.length)).outputShape();
        }
        if (m instanceof Pool2d p) {
            return p.geometry(shape[0], shape[1], shape[2]).outputShape();
        }
        if (m instanceof Linear l) {
            int[] out = shape.clone();
            out[out.length - 1] = l.outFeatures();
            return out;
        }
        if (m instanceof Flatten) {
            return new int[] {(int) TensorData.count(shape)};
        }
        if (m instanceof Reshape) {
            return reshaped;
        }
        return shape;
    }

    private int[] reshaped;

    Module conv(PendingPad pad) {
        weightName = GraphReader.input(node, 1);
        TensorProto wt = graph.weight(weightName);
        float[] w = TensorData.floats(wt);
        int[] wd = TensorData.dims(wt, TensorData.MAX_ELEMENTS);
        int d = wd.length - 2;
        if (d != 1 && d != 2 || shape.length != d + 1) {
            throw new OnnxProblem("a " + (wd.length - 2) + "-D convolution (weight " + Arrays.toString(wd)
                    + ") of an input sample " + Arrays.toString(shape) + ": convlab reads 1-D and 2-D convolutions");
        }
        int cout = wd[0];
        int[] kernel = Arrays.copyOfRange(wd, 2, wd.length);
        long group = attrs.integer("group", 1);
        if (group < 1 || group > cout || (long) wd[1] * group != shape[0]) {
            throw new OnnxProblem("group " + group + " with weight " + Arrays.toString(wd) + " does not fit "
                    + shape[0] + " input channels");
        }
        long[] ks = attrs.longs("kernel_shape");
        if (ks != null && !Arrays.equals(ks, Arrays.stream(kernel).asLongStream().toArray())) {
            throw new OnnxProblem("kernel_shape " + Arrays.toString(ks) + " disagrees with weight " + Arrays.toString(wd));
        }
        for (int k : kernel) {
            if (k < 1 || k > Attributes.MAX_WINDOW) {
                throw new OnnxProblem("weight " + Arrays.toString(wd) + " has an empty or absurd kernel");
            }
        }
        int[] strides = attrs.window("strides", d, 1, 1);
        int[] dilations = attrs.window("dilations", d, 1, 1);
        int[][] pads = pads(d, kernel, strides, dilations);
        PaddingMode mode = PaddingMode.ZEROS;
        if (pad != null) {
            if (pad.mode() != PaddingMode.ZEROS && (sum(pads[0]) + sum(pads[1]) > 0)) {
                throw new OnnxProblem("pads both in the Pad before it (" + pad.mode().torchName() + ") and its own");
            }
            mode = pad.mode();
            for (int a = 0; a < d; a++) {
                pads[0][a] += pad.before()[a];
                pads[1][a] += pad.after()[a];
            }
        }
        String bias = GraphReader.input(node, 2);
        float[] b = bias.isEmpty() ? null : TensorData.floats(graph.weight(bias));
        if (b != null && b.length != cout) {
            throw new OnnxProblem("bias '" + bias + "' has " + b.length + " values, expected " + cout);
        }
        Padding padding = new Padding.Explicit(pads[0], pads[1]);
        Convolution c = d == 2
                ? Conv2d.builder(shape[0], cout, kernel).stride(strides).dilation(dilations).padding(padding)
                        .paddingMode(mode).groups((int) group).bias(b != null).build(new Rng(0))
                : Conv1d.builder(shape[0], cout, kernel[0]).stride(strides).dilation(dilations).padding(padding)
                        .paddingMode(mode).groups((int) group).bias(b != null).build(new Rng(0));
        System.arraycopy(w, 0, c.weight().value().data(), 0, w.length);
        if (b != null) {
            System.arraycopy(b, 0, c.bias().value().data(), 0, b.length);
        }
        return c;
    }

    /** Padding before (index 0) and after (index 1) per axis, from {@code pads} or {@code auto_pad}. */
    private int[][] pads(int d, int[] kernel, int[] strides, int[] dilations) {
        String auto = attrs.string("auto_pad", "NOTSET");
        int[] p = attrs.window("pads", 2 * d, 0, 0);
        int[][] out = {Arrays.copyOfRange(p, 0, d), Arrays.copyOfRange(p, d, 2 * d)};
        switch (auto) {
            case "NOTSET":
                return out;
            case "VALID":
                return new int[][] {new int[d], new int[d]};
            case "SAME_UPPER", "SAME_LOWER":
                for (int a = 0; a < d; a++) {
                    long in = shape[1 + a];
                    long o = (in + strides[a] - 1) / strides[a];
                    long span = (long) (kernel[a] - 1) * dilations[a] + 1;
                    long total = Math.max(0, (o - 1) * strides[a] + span - in);
                    int small = (int) (total / 2);
                    int large = (int) (total - small);
                    out[0][a] = auto.equals("SAME_UPPER") ? small : large;
                    out[1][a] = auto.equals("SAME_UPPER") ? large : small;
                }
                return out;
            default:
                throw new OnnxProblem("auto_pad '" + auto + "' is not an ONNX value");
        }
    }

    Module gemm() {
        if (shape.length != 1) {
            throw new OnnxProblem("reads an input sample " + Arrays.toString(shape) + ", expected (features)");
        }
        if (attrs.integer("transA", 0) != 0 || attrs.real("alpha", 1f) != 1f
                || !GraphReader.input(node, 2).isEmpty() && attrs.real("beta", 1f) != 1f) {
            throw new OnnxProblem("only transA = 0, alpha = 1 and beta = 1 are supported");
        }
        boolean transB = attrs.integer("transB", 0) != 0;
        weightName = GraphReader.input(node, 1);
        Linear l = linear(graph.weight(weightName), transB, GraphReader.input(node, 2));
        return l;
    }

    Module matmul() {
        weightName = GraphReader.input(node, 1);
        return linear(graph.weight(weightName), false, "");
    }

    /** A Linear from a 2-D weight, {@code (out, in)} when {@code transposed} else {@code (in, out)}. */
    private Linear linear(TensorProto wt, boolean transposed, String bias) {
        float[] w = TensorData.floats(wt);
        int[] wd = TensorData.dims(wt, TensorData.MAX_ELEMENTS);
        if (wd.length != 2) {
            throw new OnnxProblem("weight '" + wt.getName() + "' has dimensions " + Arrays.toString(wd) + ", expected 2");
        }
        int in = transposed ? wd[1] : wd[0];
        int out = transposed ? wd[0] : wd[1];
        if (in != shape[shape.length - 1]) {
            throw new OnnxProblem("weight " + Arrays.toString(wd) + " takes " + in + " features, the input sample "
                    + Arrays.toString(shape) + " has " + shape[shape.length - 1]);
        }
        float[] b = bias.isEmpty() ? null : TensorData.floats(graph.weight(bias));
        if (b != null && b.length != out) {
            throw new OnnxProblem("bias '" + bias + "' has " + b.length + " values, expected " + out);
        }
        Linear l = new Linear(in, out, b != null, new Rng(0));
        float[] dst = l.weight().value().data();
        if (transposed) {
            System.arraycopy(w, 0, dst, 0, w.length);
        } else {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    dst[j * in + i] = w[i * out + j];
                }
            }
        }
        if (b != null) {
            System.arraycopy(b, 0, l.bias().value().data(), 0, b.length);
        }
        return l;
    }

    /** {@code linear} (made by a MatMul, without bias) with the bias {@code bias} added. */
    static Module withBias(Module linear, TensorProto bias) {
        Linear l = (Linear) linear;
        float[] b = TensorData.floats(bias);
        if (b.length != l.outFeatures()) {
            throw new OnnxProblem("bias '" + bias.getName() + "' has " + b.length + " values, expected "
                    + l.outFeatures() + " (one per output of the MatMul before)");
        }
        Linear out = new Linear(l.inFeatures(), l.outFeatures(), true, new Rng(0));
        out.weight().value().copyFrom(l.weight().value());
        System.arraycopy(b, 0, out.bias().value().data(), 0, b.length);
        return out;
    }

    Module pool(boolean max) {
        if (shape.length != 3) {
            throw new OnnxProblem("pools an input sample " + Arrays.toString(shape) + ": convlab reads 2-D pooling only");
        }
        if (attrs.integer("ceil_mode", 0) != 0) {
            throw new OnnxProblem("ceil_mode = 1 is not supported (convlab pools in floor mode)");
        }
        String auto = attrs.string("auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
            throw new OnnxProblem("auto_pad " + auto + " is not supported for pooling");
        }
        if (!attrs.has("kernel_shape")) {
            throw new OnnxProblem("has no kernel_shape");
        }
        int[] k = attrs.window("kernel_shape", 2, 1, 1);
        int[] s = attrs.window("strides", 2, 1, 1);
        int[] p = auto.equals("VALID") ? new int[4] : attrs.window("pads", 4, 0, 0);
        if (p[0] != p[2] || p[1] != p[3]) {
            throw new OnnxProblem("asymmetric pads " + Arrays.toString(p) + " are not supported for pooling");
        }
        if (max) {
            int[] dl = attrs.window("dilations", 2, 1, 1);
            return MaxPool2d.builder(k).stride(s).padding(p[0], p[1]).dilation(dl).build();
        }
        return AvgPool2d.builder(k).stride(s).padding(p[0], p[1])
                .countIncludePad(attrs.integer("count_include_pad", 0) != 0).build();
    }

    Module flatten() {
        long axis = attrs.integer("axis", 1);
        if (axis < 0) {
            axis += shape.length + 1;
        }
        if (axis != 1) {
            throw new OnnxProblem("axis " + attrs.integer("axis", 1) + " is not supported: only axis 1 keeps the batch");
        }
        return new Flatten();
    }

    /** A Reshape to {@code target} ({@code (N, ...)} with 0 = copy, -1 = infer), keeping the batch first. */
    Module reshape(ShapeValue target) {
        if (attrs.integer("allowzero", 0) != 0) {
            throw new OnnxProblem("allowzero = 1 is not supported");
        }
        int n = target.length();
        if (target.scalar() || n < 2) {
            throw new OnnxProblem("reshapes to " + target + ": convlab keeps (N, ...) with the batch first");
        }
        long first = target.get(0);
        long sample = TensorData.count(shape);
        long[] dims = new long[n - 1];
        int infer = -1;
        long known = 1;
        for (int i = 1; i < n; i++) {
            long v = target.get(i);
            if (v == ShapeValue.BATCH) {
                throw new OnnxProblem("reshapes to " + target + ": the batch size may only come first");
            }
            if (v == 0) {
                if (i > shape.length) {
                    throw new OnnxProblem("reshapes to " + target + ": a 0 copies a dimension the input lacks");
                }
                v = shape[i - 1];
            }
            if (v == -1) {
                if (infer >= 0) {
                    throw new OnnxProblem("reshapes to " + target + " with two -1");
                }
                infer = i - 1;
            } else if (v < 1) {
                throw new OnnxProblem("reshapes to " + target + ": dimension " + v);
            } else {
                known = Math.multiplyExact(known, v);
            }
            dims[i - 1] = v;
        }
        boolean batchFirst = first == ShapeValue.BATCH || first == 0 || first == -1 && infer < 0;
        if (!batchFirst) {
            throw new OnnxProblem("reshapes to " + target + ": the batch dimension must come first (N, 0 or -1)");
        }
        if (infer >= 0) {
            if (sample % known != 0) {
                throw new OnnxProblem("reshapes a sample of " + sample + " values to " + target);
            }
            dims[infer] = sample / known;
        } else if (known != sample) {
            throw new OnnxProblem("reshapes a sample " + Arrays.toString(shape) + " of " + sample + " values to "
                    + target);
        }
        reshaped = Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
        if (reshaped.length == 1) {
            return new Flatten();
        }
        return new Reshape(reshaped);
    }

    /** A Pad of the spatial axes to merge into the next Conv, or {@code null} when it pads nothing. */
    PendingPad pad(long opset) {
        String mode = attrs.string("mode", "constant");
        long[] p = graph.integer(GraphReader.input(node, 1)).values();
        int rank = shape.length + 1;
        if (p.length != 2 * rank) {
            throw new OnnxProblem("pads " + Arrays.toString(p) + " for an input of rank " + rank);
        }
        String value = GraphReader.input(node, 2);
        if (!value.isEmpty()) {
            float[] v = TensorData.floats(graph.weight(value));
            if (v.length != 1 || v[0] != 0f) {
                throw new OnnxProblem("only zero is supported as the constant padding value");
            }
        }
        int d = rank - 2;
        int[] before = new int[d];
        int[] after = new int[d];
        boolean any = false;
        for (int i = 0; i < rank; i++) {
            long b = p[i];
            long a = p[rank + i];
            if (b < 0 || a < 0 || b > Attributes.MAX_WINDOW || a > Attributes.MAX_WINDOW) {
                throw new OnnxProblem("pads " + Arrays.toString(p) + ": only amounts from 0 to " + Attributes.MAX_WINDOW);
            }
            if (i < 2 && (a != 0 || b != 0)) {
                throw new OnnxProblem("pads the batch or channel axis: " + Arrays.toString(p));
            }
            if (i >= 2) {
                before[i - 2] = (int) b;
                after[i - 2] = (int) a;
                any |= a != 0 || b != 0;
            }
        }
        if (!any) {
            return null;
        }
        PaddingMode m = switch (mode) {
            case "constant" -> PaddingMode.ZEROS;
            case "reflect" -> PaddingMode.REFLECT;
            case "edge" -> PaddingMode.REPLICATE;
            default -> throw new OnnxProblem("mode '" + mode + "' is not supported");
        };
        return new PendingPad(before, after, m);
    }

    private static int sum(int[] v) {
        int s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }
}
