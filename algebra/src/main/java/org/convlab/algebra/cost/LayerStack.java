package org.convlab.algebra.cost;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.Padding;
import org.convlab.algebra.SameMode;
import org.convlab.core.BadParameterException;

/**
 * A stack of convolutions analysed layer by layer: shapes and costs when the input size is
 * known, and the receptive field (per axis) always.
 *
 * <p>With an input, each layer's input is the previous layer's output (channels included); a
 * layer without {@code f} keeps the channel count. Without an input only the receptive field is
 * computed, and a padding is known only when it does not depend on the size (every form except
 * TensorFlow's 'same').
 */
public final class LayerStack {

    /**
     * One analysed layer.
     *
     * @param label    how the layer was written
     * @param geometry the layer's geometry, or null without an input size
     * @param cost     its costs, or null without an input size
     * @param field    the receptive field after this layer, per axis
     */
    public record Layer(String label, ConvGeometry geometry, ConvCost cost, List<ReceptiveField> field) {
        public Layer {
            field = List.copyOf(field);
        }
    }

    private LayerStack() {
    }

    /**
     * Analyses a stack.
     *
     * @param first    a first layer given as a full geometry (the geometry options), or null
     * @param stack    the layers after it
     * @param input    the input dimensions, or null (then {@code first} must be null)
     * @param bias     whether layers have biases
     * @param sameMode the meaning of 'same' for the stack's layers
     */
    public static List<Layer> analyse(ConvGeometry first, List<LayerSpec> stack, Dims input, boolean bias,
                                      SameMode sameMode) {
        List<Layer> layers = new ArrayList<>();
        int dims = first != null ? first.spatialDims() : input != null ? input.spatial().length : axesOf(stack);
        List<ReceptiveField> field = new ArrayList<>();
        for (int a = 0; a < dims; a++) {
            field.add(ReceptiveField.INPUT);
        }
        ConvGeometry previous = null;
        if (first != null) {
            field = advance(field, first);
            layers.add(new Layer(describe(first), first, ConvCost.of(first, bias), field));
            previous = first;
        }
        for (int i = 0; i < stack.size(); i++) {
            LayerSpec spec = stack.get(i);
            int number = layers.size() + 1;
            try {
                if (input == null) {
                    field = advance(field, spec, dims, sameMode);
                    layers.add(new Layer(spec.text(), null, null, field));
                    continue;
                }
                int channels = previous == null ? input.channels() : previous.outChannels();
                int[] size = previous == null ? input.spatial() : previous.outputSpatial();
                ConvGeometry g = ConvGeometry.builder()
                        .inChannels(channels)
                        .outChannels(spec.filters() == 0 ? channels : spec.filters())
                        .groups(spec.groups())
                        .size(size)
                        .kernel(LayerSpec.perAxis("kernel", spec.kernel(), dims, spec.text()))
                        .stride(LayerSpec.perAxis("stride", spec.stride(), dims, spec.text()))
                        .dilation(LayerSpec.perAxis("dilation", spec.dilation(), dims, spec.text()))
                        .padding(Padding.parse(spec.padding(), dims))
                        .sameMode(sameMode)
                        .build();
                field = advance(field, g);
                layers.add(new Layer(spec.text(), g, ConvCost.of(g, bias), field));
                previous = g;
            } catch (BadParameterException e) {
                throw new BadParameterException("stack", "layer " + number + " '" + spec.text() + "': "
                        + e.getMessage());
            }
        }
        return layers;
    }

    /** The number of spatial axes a stack writes (1 when every value is a single number). */
    private static int axesOf(List<LayerSpec> stack) {
        int dims = 1;
        for (LayerSpec s : stack) {
            dims = Math.max(dims, s.axesWritten());
        }
        return dims;
    }

    private static List<ReceptiveField> advance(List<ReceptiveField> field, ConvGeometry g) {
        List<ReceptiveField> next = new ArrayList<>();
        for (int a = 0; a < field.size(); a++) {
            Axis axis = g.axis(a);
            next.add(field.get(a).then(axis.kernel(), axis.stride(), axis.dilation(), axis.padBefore()));
        }
        return next;
    }

    private static List<ReceptiveField> advance(List<ReceptiveField> field, LayerSpec spec, int dims,
                                                SameMode sameMode) {
        int[] k = LayerSpec.perAxis("kernel", spec.kernel(), dims, spec.text());
        int[] s = LayerSpec.perAxis("stride", spec.stride(), dims, spec.text());
        int[] d = LayerSpec.perAxis("dilation", spec.dilation(), dims, spec.text());
        Padding padding = Padding.parse(spec.padding(), dims);
        List<ReceptiveField> next = new ArrayList<>();
        for (int a = 0; a < dims; a++) {
            long span = (long) d[a] * (k[a] - 1);
            Integer before;
            if (padding instanceof Padding.Valid) {
                before = 0;
            } else if (padding instanceof Padding.Full) {
                before = Math.toIntExact(span);
            } else if (padding instanceof Padding.Explicit e) {
                before = e.before()[a];
            } else if (sameMode == SameMode.TORCH) {
                if (s[a] != 1) {
                    throw new BadParameterException("padding",
                            "padding='same' is not supported for strided convolutions (stride " + s[a] + ")");
                }
                before = Math.toIntExact(span / 2);
            } else {
                before = null; // TensorFlow's 'same' depends on the input size
            }
            next.add(field.get(a).then(k[a], s[a], d[a], before));
        }
        return next;
    }

    /** A geometry in the stack's own syntax, e.g. {@code k5s2f32} (defaults left out). */
    public static String describe(ConvGeometry g) {
        StringBuilder s = new StringBuilder("k").append(perAxis(g.kernel()));
        int[] stride = g.axes().stream().mapToInt(Axis::stride).toArray();
        int[] dilation = g.axes().stream().mapToInt(Axis::dilation).toArray();
        if (java.util.Arrays.stream(stride).anyMatch(v -> v != 1)) {
            s.append('s').append(perAxis(stride));
        }
        if (java.util.Arrays.stream(dilation).anyMatch(v -> v != 1)) {
            s.append('d').append(perAxis(dilation));
        }
        s.append('f').append(g.outChannels());
        if (g.groups() != 1) {
            s.append('g').append(g.groups());
        }
        if (!(g.padding() instanceof Padding.Valid)) {
            s.append('p').append(g.padding().toString().replace(',', 'x'));
        }
        return s.toString();
    }

    private static String perAxis(int[] v) {
        boolean same = java.util.Arrays.stream(v).allMatch(x -> x == v[0]);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < (same ? 1 : v.length); i++) {
            s.append(i > 0 ? "x" : "").append(v[i]);
        }
        return s.toString();
    }
}
