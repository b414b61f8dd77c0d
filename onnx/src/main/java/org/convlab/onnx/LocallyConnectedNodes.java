package org.convlab.onnx;

import static org.convlab.onnx.GraphWriter.ints;

import java.util.List;
import org.convlab.algebra.ConvGeometry;
import org.convlab.nn.layers.LocallyConnected;

/**
 * A locally connected layer as a graph of standard ONNX operators, exactly (up to the order of
 * float additions):
 * <pre>
 *   x (N, C, S...)
 *   -> Conv with one-hot kernels, C groups       patches (N, C*K, O...)   K = prod(kernel), O... the output sizes
 *   -> Reshape (0, C*K, P)                       P = prod(O...)
 *   -> Transpose (2, 0, 1)                       (P, N, C*K)
 *   -> MatMul with W' (P, C*K, F)                (P, N, F), one filter bank per position
 *   -> Transpose (1, 2, 0)                       (N, F, P)
 *   -> Reshape (0, F, O...)
 *   -> Add bias (F, O...)                        when the layer has one
 * </pre>
 * The patch convolution has the layer's strides, dilations and padding; its output channel
 * {@code c*K + t} copies input channel {@code c} at kernel tap {@code t}, the order of convlab's
 * weight {@code (O..., F, C, k...)}, so {@code W'} is that weight with its last two axes swapped.
 */
final class LocallyConnectedNodes {
    private LocallyConnectedNodes() {
    }

    static String emit(GraphWriter w, LocallyConnected lc, String name, String x) {
        ConvGeometry g = lc.geometry();
        int c = lc.inChannels();
        int f = lc.outChannels();
        int[] kernel = g.kernel();
        int taps = 1;
        for (int k : kernel) {
            taps *= k;
        }
        int ck = c * taps;
        int[] outSize = g.outputSpatial();
        int positions = 1;
        for (int o : outSize) {
            positions *= o;
        }
        // One-hot patch kernels (C*K, 1, k...): output channel c*K + t is tap t of channel c.
        int[] pshape = new int[kernel.length + 2];
        pshape[0] = ck;
        pshape[1] = 1;
        System.arraycopy(kernel, 0, pshape, 2, kernel.length);
        float[] onehot = new float[ck * taps];
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps; t++) {
                onehot[(ch * taps + t) * taps + t] = 1f;
            }
        }
        String pw = w.floats(name + ".patches", onehot, pshape);
        String patches = WindowNodes.conv(w, name + ".patch", x, pw, null, g, c, lc.label());
        String flat = w.node("Reshape", name + ".flat", List.of(patches, w.longs(name + ".flat_shape", 0, ck, positions)));
        String byPos = w.node("Transpose", name + ".by_position", List.of(flat), ints("perm", 2, 0, 1));
        // convlab's weight (P, F, C*K) -> (P, C*K, F)
        float[] weight = lc.weight().value().data();
        float[] wt = new float[weight.length];
        for (int p = 0; p < positions; p++) {
            int base = p * f * ck;
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < ck; j++) {
                    wt[base + j * f + i] = weight[base + i * ck + j];
                }
            }
        }
        String mw = w.floats(name + ".weight_by_position", wt, positions, ck, f);
        String y = w.node("MatMul", name + ".matmul", List.of(byPos, mw));
        String back = w.node("Transpose", name + ".by_channel", List.of(y), ints("perm", 1, 2, 0));
        long[] shape = new long[outSize.length + 2];
        shape[1] = f;
        for (int a = 0; a < outSize.length; a++) {
            shape[2 + a] = outSize[a];
        }
        String out = w.node("Reshape", lc.bias() == null ? name : name + ".unflat",
                List.of(back, w.longs(name + ".out_shape", shape)));
        if (lc.bias() == null) {
            return out;
        }
        int[] bshape = new int[outSize.length + 1];
        bshape[0] = f;
        System.arraycopy(outSize, 0, bshape, 1, outSize.length);
        return w.node("Add", name, List.of(out, w.floats(name + ".bias", lc.bias().value().data(), bshape)));
    }
}
