package org.convlab.onnx;

import static org.convlab.onnx.GraphWriter.integer;
import static org.convlab.onnx.GraphWriter.ints;
import static org.convlab.onnx.GraphWriter.string;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.PaddingMode;
import org.convlab.core.BadParameterException;
import org.convlab.onnx.proto.Onnx.AttributeProto;

/**
 * ONNX's {@code Conv} for a convlab window geometry: kernel, strides, dilations, group and the
 * padding per side; reflect and replicate padding go into a {@code Pad} node before it
 * (ONNX's {@code reflect} and {@code edge}).
 */
final class WindowNodes {
    private WindowNodes() {
    }

    /**
     * Emits (Pad and) Conv of {@code x} with {@code weight} (and {@code bias}, or {@code null}) for the
     * windows of {@code g} in {@code groups} groups; returns the output's name. {@code who} names the layer in errors.
     */
    static String conv(GraphWriter w, String name, String x, String weight, String bias, ConvGeometry g, int groups,
                       String who) {
        String in = padded(w, name, x, g, who);
        boolean zeros = g.paddingMode() == PaddingMode.ZEROS;
        int d = g.spatialDims();
        int[] strides = new int[d];
        int[] dilations = new int[d];
        int[] pads = new int[2 * d];
        for (int a = 0; a < d; a++) {
            Axis ax = g.axis(a);
            strides[a] = ax.stride();
            dilations[a] = ax.dilation();
            pads[a] = zeros ? ax.padBefore() : 0;
            pads[d + a] = zeros ? ax.padAfter() : 0;
        }
        List<String> inputs = new ArrayList<>(List.of(in, weight));
        if (bias != null) {
            inputs.add(bias);
        }
        AttributeProto[] attributes = {ints("kernel_shape", g.kernel()), ints("strides", strides),
            ints("dilations", dilations), ints("pads", pads), integer("group", groups)};
        return w.node("Conv", name, inputs, attributes);
    }

    /** {@code x} itself for zero padding, else the output of a Pad node that fills the border as {@code g} says. */
    private static String padded(GraphWriter w, String name, String x, ConvGeometry g, String who) {
        PaddingMode mode = g.paddingMode();
        if (mode == PaddingMode.ZEROS) {
            return x;
        }
        if (mode == PaddingMode.CIRCULAR) {
            throw new BadParameterException(who, "padding_mode=circular has no ONNX equivalent at opset "
                    + OnnxExport.OPSET + " (Pad's wrap mode needs opset 19)");
        }
        int d = g.spatialDims();
        long[] pads = new long[2 * (d + 2)];
        for (int a = 0; a < d; a++) {
            pads[2 + a] = g.axis(a).padBefore();
            pads[d + 2 + 2 + a] = g.axis(a).padAfter();
        }
        String p = w.longs(name + ".pads", pads);
        return w.node("Pad", name + ".pad", List.of(x, p), string("mode", mode == PaddingMode.REFLECT ? "reflect" : "edge"));
    }
}
