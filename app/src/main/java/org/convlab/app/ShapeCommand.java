package org.convlab.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.SameMode;
import org.convlab.algebra.ShapeExplanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab shape}: the output size of a convolution, with the formula filled in. */
@Command(name = "shape", mixinStandardHelpOptions = true,
        description = {"Output size of a convolution, with the formula filled in.",
            "Also the padding 'same' or 'full' implies and the inputs a stride never reads."})
final class ShapeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeometryOptions conv;

    @Option(names = "--json", description = "Print one JSON object; \"output\" is the output shape.")
    boolean json;

    @Override
    public Integer call() {
        ConvGeometry g = conv.geometry();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(g)));
        } else {
            printText(g, out);
        }
        return 0;
    }

    private int[] outputShape(ConvGeometry g) {
        return conv.showsChannels() ? g.outputShape() : g.outputSpatial();
    }

    private Map<String, Object> toJson(ConvGeometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", conv.showsChannels() ? prepend(g.inChannels(), g.inputSpatial()) : g.inputSpatial());
        m.put("output", outputShape(g));
        m.put("weight", g.weightShape());
        List<Map<String, Object>> axes = new ArrayList<>();
        for (int a = 0; a < g.spatialDims(); a++) {
            Axis axis = g.axis(a);
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("name", ShapeExplanation.axisName(a, g.spatialDims()));
            am.put("size", axis.size());
            am.put("kernel", axis.kernel());
            am.put("stride", axis.stride());
            am.put("dilation", axis.dilation());
            am.put("pad_before", axis.padBefore());
            am.put("pad_after", axis.padAfter());
            am.put("output", axis.output());
            am.put("unread_0based", axis.unreadRanges());
            axes.add(am);
        }
        m.put("axes", axes);
        m.put("padding", g.padding().toString());
        m.put("padding_mode", g.paddingMode().torchName());
        m.put("groups", g.groups());
        return m;
    }

    private void printText(ConvGeometry g, PrintWriter out) {
        boolean channels = conv.showsChannels();
        out.printf("input    %s%n", dims(channels ? prepend(g.inChannels(), g.inputSpatial()) : g.inputSpatial()));
        StringBuilder kernel = new StringBuilder();
        if (channels) {
            kernel.append(g.outChannels()).append(g.outChannels() == 1 ? " filter of " : " filters of ")
                    .append(dims(prepend(g.inChannelsPerGroup(), g.kernel())));
        } else {
            kernel.append(dims(g.kernel()));
        }
        kernel.append(", stride ").append(joined(g, Axis::stride));
        if (g.axes().stream().anyMatch(a -> a.dilation() != 1)) {
            kernel.append(", dilation ").append(joined(g, Axis::dilation));
        }
        if (g.groups() != 1) {
            kernel.append(", groups ").append(g.groups()).append(" (each filter sees ").append(g.inChannelsPerGroup())
                    .append(" of ").append(g.inChannels()).append(" channels)");
        }
        out.println("kernel   " + kernel);
        String rule = g.padding() instanceof Padding.Same
                ? (g.sameMode() == SameMode.TF ? " (TensorFlow's rule: out = ceil(n / stride))"
                : " (PyTorch's rule: total d(k-1), the odd one after)") : "";
        boolean resolved = !(g.padding() instanceof Padding.Explicit) && !(g.padding() instanceof Padding.Valid);
        if (resolved && g.spatialDims() == 1) {
            Axis a = g.axis(0);
            out.printf("padding  %s, %s: %d before, %d after%s%n", g.padding(), g.paddingMode().torchName(),
                    a.padBefore(), a.padAfter(), rule);
        } else {
            out.printf("padding  %s, %s%s%n", g.padding(), g.paddingMode().torchName(), rule);
            if (resolved) {
                for (String line : ShapeExplanation.resolvedPadding(g)) {
                    out.println("         " + line);
                }
            }
        }
        out.printf("output   %s%n", dims(outputShape(g)));
        for (String line : ShapeExplanation.formulas(g)) {
            out.println("         " + line);
        }
        for (String note : ShapeExplanation.unreadNotes(g)) {
            out.println("note     " + note);
        }
        if (conv.printedImageNote() != null) {
            out.println("note     " + conv.printedImageNote());
        }
    }

    private static String joined(ConvGeometry g, java.util.function.ToIntFunction<Axis> f) {
        int[] v = g.axes().stream().mapToInt(f).toArray();
        return Arrays.stream(v).allMatch(x -> x == v[0]) ? Integer.toString(v[0]) : dims(v);
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String dims(int[] d) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            s.append(i > 0 ? " x " : "").append(d[i]);
        }
        return s.toString();
    }
}
