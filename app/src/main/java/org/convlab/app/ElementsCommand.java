package org.convlab.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.symbolic.ElementSelection;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.algebra.symbolic.OutputElement;
import org.convlab.algebra.symbolic.Term;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab elements}: output elements as expressions in kernel and input names. */
@Command(name = "elements", mixinStandardHelpOptions = true,
        description = {"Output elements as expressions: y1 = k1x1 + k2x2 + k3x3.",
            "Indices are 1-based, like the worksheet's.",
            "Padded zeros are dropped; a reflected, replicated or circular position is named by the input it copies."},
        footer = {"%nWHICH (--at, repeatable; ';' separates several in one value):",
            "  first, last, all         keywords, also comma-listed: first,last (the default)",
            "  N                        1-D position (1-D with one filter: a comma list like first,5,last)",
            "  I,J                      2-D position row I, column J (every filter)",
            "  F,I,J  /  F,N            filter F at that position",
            "%nExamples:",
            "  ./convlab elements --input 9 --kernel 3",
            "  ./convlab elements --input 9 --kernel 3 --padding same --padding-mode reflect --at 1",
            "  ./convlab elements --input 3x4x4 --kernel 2 --filters 2 --at 2,3,3",
            "  ./convlab elements --checkpoint OUT/runs/cnn-seed1.ckpt --layer conv1 --at 1,1,1"})
final class ElementsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeometryOptions conv;

    @Option(names = "--at", paramLabel = "WHICH", defaultValue = "first,last",
            description = "Which elements: first, last, all, or an index (see below); default ${DEFAULT-VALUE}.")
    List<String> at = new ArrayList<>();

    @Mixin
    LayerOptions trained;

    @Option(names = "--unshared", description = "No weight sharing: a fresh weight per (output, tap), numbered k1, k2, ...")
    boolean unshared;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        TrainedLayer layer = trained.given() ? trained.read(spec, conv) : null;
        ConvGeometry g = layer == null ? conv.geometry() : layer.geometry();
        boolean unshared = layer == null ? this.unshared : layer.unshared();
        Elements elements = new Elements(g, unshared);
        List<Long> rows = ElementSelection.parse(at, elements.taps());
        AlgebraMemory.checkElements(elements, rows, json);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(g, elements, rows, layer)));
            return 0;
        }
        out.println("y = conv(x)" + (unshared ? " without weight sharing" : "") + ": input "
                + Shapes.text(Shapes.input(g, conv.showsChannels())) + " -> output "
                + Shapes.text(conv.showsChannels() ? g.outputShape() : g.outputSpatial()) + ", "
                + elements.taps().taps() + " taps per output, bias not included");
        out.println(elements.naming().legend(unshared));
        if (layer != null) {
            out.println("layer " + layer.name() + " of " + trained.checkpoint.getFileName() + ": " + layer.module()
                    + ", the second line of each element with its trained weights");
        }
        if (layer == null && conv.printedImageNote() != null) {
            out.println("note: " + conv.printedImageNote());
        }
        out.println();
        for (long r : rows) {
            OutputElement y = elements.at(r);
            out.println(y.name().text() + " = " + y.text());
            if (y.hasRepeatedInputs()) {
                out.println(" ".repeat(y.name().text().length()) + " = " + y.combinedText());
            }
            if (layer != null) {
                out.println(" ".repeat(y.name().text().length()) + " = " + numeric(y, layer.weights()));
            }
        }
        return 0;
    }

    /** {@code 0.25*x1 - 0.5*x2}: the element with the trained weights in place of their names. */
    static String numeric(OutputElement y, double[] w) {
        StringBuilder s = new StringBuilder();
        for (Term t : y.terms()) {
            double v = w[Math.toIntExact(t.weightId())];
            if (s.length() > 0) {
                s.append(v < 0 ? " - " : " + ");
            } else if (v < 0) {
                s.append("-");
            }
            s.append(NumberText.decimal(Math.abs(v))).append('*').append(t.input().text());
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    private Map<String, Object> toJson(ConvGeometry g, Elements elements, List<Long> rows, TrainedLayer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (layer != null) {
            m.put("checkpoint", trained.checkpoint.toString());
            m.put("layer", layer.name());
            m.put("module", layer.module().toString());
        }
        m.put("input", Shapes.input(g, conv.showsChannels()));
        m.put("output", conv.showsChannels() ? g.outputShape() : g.outputSpatial());
        boolean unshared = layer == null ? this.unshared : layer.unshared();
        m.put("unshared", unshared);
        m.put("names", elements.naming().legend(unshared));
        List<Map<String, Object>> list = new ArrayList<>();
        for (long r : rows) {
            OutputElement y = elements.at(r);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", y.name().text());
            e.put("index", outputIndex1(elements, r));
            e.put("row", r);
            e.put("expression", y.text());
            e.put("combined", y.combinedText());
            e.put("latex", y.latex());
            if (layer != null) {
                e.put("numeric", numeric(y, layer.weights()));
            }
            List<Map<String, Object>> terms = new ArrayList<>();
            for (Term t : y.terms()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("weight", t.weight().text());
                tm.put("input", t.input().text());
                tm.put("weight_id", t.weightId());
                if (layer != null) {
                    tm.put("value", layer.weights()[Math.toIntExact(t.weightId())]);
                }
                tm.put("input_col", t.inputCol());
                terms.add(tm);
            }
            e.put("terms", terms);
            list.add(e);
        }
        m.put("index_base", "names and index are 1-based; row, weight_id and input_col are 0-based flat indices");
        m.put("elements", list);
        return m;
    }

    private static int[] outputIndex1(Elements elements, long r) {
        int[] idx = elements.taps().outputIndex(r);
        for (int i = 0; i < idx.length; i++) {
            idx[i]++;
        }
        return idx;
    }
}
