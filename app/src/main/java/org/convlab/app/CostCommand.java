package org.convlab.app;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.SameMode;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.cost.LayerSpec;
import org.convlab.algebra.cost.LayerStack;
import org.convlab.algebra.cost.ReceptiveField;
import org.convlab.core.BadParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab cost}: parameters, multiply-adds, dense and locally connected equivalents, receptive field. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Weights, multiply-adds, dense/local equivalents, receptive field.",
            "What a convolution costs: weights and biases, multiply-adds with and without the bias, output "
                + "elements; the dense (fully connected) and the locally connected layer with the same sizes; and "
                + "the receptive field of a stack of layers.",
            "Multiply-adds are printed both ways: without bias (outputs * taps) and with bias (outputs * taps + "
                + "outputs, torchinfo's \"Mult-Adds\" convention). Counts are exact."},
        footer = {"%nSTACK (--stack, repeatable): comma-separated layers, each letters and values:",
            "  k kernel (required), s stride, d dilation, p padding (valid, same, full, N or NxM), f filters "
                + "(default: keep the channels), g groups; per-axis values as 3x5.",
            "  e.g. --stack k5s1,k3s1   --stack k7s2p3f64,k3s2p1   --stack k3x1,k1x3",
            "With --input the stack's shapes and costs are computed layer by layer (a layer given by --kernel "
                + "and the other geometry options comes first); without --input only the receptive field.",
            "%nExamples:",
            "  ./convlab cost --input 3x256x256 --kernel 5 --filters 32 --stride 2",
            "  ./convlab cost --input 3x32x32 --stack k5p2f32,k3p1f16",
            "  ./convlab cost --stack k3,k3,k3",
            "  ./convlab cost --checkpoint OUT/runs/cnn-seed1.ckpt --layer conv1"})
final class CostCommand implements Callable<Integer> {
    private static final String CONVENTION = "multiply-adds: without bias = outputs * taps; with bias = outputs * "
            + "taps + outputs (torchinfo's Mult-Adds)";

    /** A cell that is a number and is right-aligned: {@code 2,432}, {@code 41,070,585.3}. */
    private static final String NUMBER = "\\d[\\d,]*(\\.\\d+)?";

    @Spec
    CommandSpec spec;

    @Mixin
    GeometryOptions conv;

    @Mixin
    LayerOptions trained;

    @Option(names = "--stack", paramLabel = "LAYERS", description = "Layers after (or instead of) --kernel, e.g. "
            + "k5s1,k3s1; see below.")
    List<String> stack = new ArrayList<>();

    @Option(names = "--no-bias", description = "Layers without bias (PyTorch's bias=False).")
    boolean noBias;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        List<LayerSpec> specs = new ArrayList<>();
        for (String s : stack) {
            specs.addAll(LayerSpec.parseStack("--stack", s));
        }
        TrainedLayer layer = trained.given() ? trained.read(spec, conv) : null;
        ConvGeometry first = null;
        if (layer != null) {
            first = layer.geometry();
        } else if (conv.hasKernel() || specs.isEmpty()) {
            first = conv.geometry();
        } else {
            refuseLayerOptions();
        }
        Dims input = layer != null ? new Dims(first.inChannels(), first.inputSpatial(), true)
                : conv.hasInput() ? conv.dims() : null;
        boolean bias = layer != null ? layer.bias() : !noBias;
        List<LayerStack.Layer> layers = LayerStack.analyse(first, specs, input, bias, SameMode.parse(conv.sameMode));
        PrintWriter out0 = spec.commandLine().getOut();
        if (layer != null && !json) {
            out0.println("layer " + layer.name() + " of " + trained.checkpoint.getFileName() + ": " + layer.module()
                    + (layer.unshared() ? " (locally connected: its own weights are the locally connected rows)"
                    : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = toJson(layers);
            if (layer != null) {
                Map<String, Object> withLayer = new LinkedHashMap<>();
                withLayer.put("checkpoint", trained.checkpoint.toString());
                withLayer.put("layer", layer.name());
                withLayer.put("module", layer.module().toString());
                withLayer.putAll(m);
                m = withLayer;
            }
            out.println(Json.write(m));
        } else if (layers.size() == 1 && layers.get(0).cost() != null) {
            single(layers.get(0), out);
        } else {
            table(layers, out);
        }
        if (!json && conv.printedImageNote() != null) {
            out.println("note: " + conv.printedImageNote());
        }
        return 0;
    }

    /** Geometry options other than --input describe the --kernel layer; without it they would be ignored. */
    private void refuseLayerOptions() {
        for (String option : List.of("--filters", "--stride", "--padding", "--dilation", "--groups", "--padding-mode")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new BadParameterException(option, "describes the layer given by --kernel; with --stack alone "
                        + "write it into the stack (e.g. k3s2p1f16), or add --kernel");
            }
        }
    }

    private static String n(BigInteger v) {
        return NumberText.grouped(v);
    }

    private void single(LayerStack.Layer layer, PrintWriter out) {
        ConvGeometry g = layer.geometry();
        ConvCost c = layer.cost();
        boolean channels = conv.showsChannels();
        int[] in = Shapes.input(g, channels);
        int[] outShape = channels ? g.outputShape() : g.outputSpatial();
        out.println("layer   " + Shapes.text(in) + " -> " + Shapes.text(outShape) + "   (" + g.outChannels() + " filter"
                + (g.outChannels() == 1 ? "" : "s") + " of "
                + Shapes.text(java.util.Arrays.copyOfRange(g.weightShape(), 1, g.weightShape().length)) + ", stride "
                + Shapes.text(g.axes().stream().mapToInt(a -> a.stride()).distinct().toArray()) + ", padding "
                + g.padding() + ", " + (c.hasBias() ? "with" : "without") + " bias)");
        out.println();
        String taps = " taps";
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"weights", n(c.weights()), Shapes.text(g.weightShape()).replace(" x ", " * ")});
        rows.add(new String[] {"biases", n(c.biases()), c.hasBias() ? "one per filter" : "--no-bias"});
        rows.add(new String[] {"parameters", n(c.parameters()), "weights + biases"});
        rows.add(new String[] {"output elements", n(c.outputElements()),
                Shapes.text(g.outputShape()).replace(" x ", " * ")});
        rows.add(new String[] {"multiply-adds, no bias", n(c.macs()),
                n(c.outputElements()) + " outputs * " + n(c.tapsPerOutput()) + taps});
        rows.add(new String[] {"multiply-adds, with bias", n(c.macsWithBias()), c.hasBias()
                ? "+ " + n(c.outputElements()) + " bias adds (torchinfo's convention)" : "no bias: as above"});
        if (!c.macsOnInput().equals(c.macs())) {
            rows.add(new String[] {"  of which on real inputs", n(c.macsOnInput()),
                    "the rest multiply padded zeros"});
        }
        rows.add(new String[] {"dense layer, same sizes", "", ""});
        rows.add(new String[] {"  weights", n(c.denseWeights()),
                n(c.inputElements()) + " inputs * " + n(c.outputElements()) + " outputs"});
        rows.add(new String[] {"  parameters", n(c.denseParameters()), "+ " + n(c.denseBiases()) + " biases"});
        rows.add(new String[] {"  " + WeightWords.WEIGHT_RATIO, NumberText.ratio(c.denseWeights(), c.weights()) + " x",
                "dense weights / convolution weights"});
        rows.add(new String[] {"  " + WeightWords.PARAMETER_RATIO, NumberText.ratio(c.denseParameters(), c.parameters()) + " x",
                "dense parameters / convolution parameters"});
        rows.add(new String[] {"locally connected, same windows", "", ""});
        rows.add(new String[] {"  " + WeightWords.ALL, n(c.localWeights()),
                n(c.outputElements()) + " outputs * " + n(c.tapsPerOutput()) + taps});
        rows.add(new String[] {"  " + WeightWords.REAL, n(c.localWeightsOnInput()), WeightWords.rest(c)});
        rows.add(new String[] {"  parameters", n(c.localParameters()), "+ " + n(c.localBiases())
                + " biases (one per output element)"});
        rows.add(new String[] {"receptive field", field(layer.field()), "input positions one output sees"});
        printTable(rows, out);
        out.println();
        out.println(CONVENTION + ".");
    }

    /** {@code a / b} to 6 significant digits for JSON, or null when {@code b} is 0. */
    private static Double ratioNumber(BigInteger a, BigInteger b) {
        return b.signum() == 0 ? null : new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b),
                new java.math.MathContext(6)).doubleValue();
    }

    private static String field(List<ReceptiveField> f) {
        StringBuilder s = new StringBuilder();
        for (ReceptiveField r : f) {
            s.append(s.length() > 0 ? " x " : "").append(r.size());
        }
        return s.toString();
    }

    private static String jump(List<ReceptiveField> f) {
        StringBuilder s = new StringBuilder();
        for (ReceptiveField r : f) {
            s.append(s.length() > 0 ? " x " : "").append(r.jump());
        }
        return s.toString();
    }

    /** The inputs the first output sees, 1-based, per axis: {@code -2..4 x -2..4}. */
    private static String window(List<ReceptiveField> f) {
        StringBuilder s = new StringBuilder();
        for (ReceptiveField r : f) {
            s.append(s.length() > 0 ? " x " : "");
            if (r.left() == null) {
                s.append('?');
            } else {
                s.append(r.left() + 1).append("..").append(r.left() + r.size());
            }
        }
        return s.toString();
    }

    private void table(List<LayerStack.Layer> layers, PrintWriter out) {
        boolean sizes = layers.get(0).cost() != null;
        List<String[]> rows = new ArrayList<>();
        if (sizes) {
            rows.add(new String[] {"layer", "spec", "input", "output", "parameters", "mult-adds", "RF", "jump",
                "first output sees"});
        } else {
            rows.add(new String[] {"layer", "spec", "RF", "jump", "first output sees"});
        }
        BigInteger params = BigInteger.ZERO;
        BigInteger macs = BigInteger.ZERO;
        int i = 0;
        for (LayerStack.Layer l : layers) {
            i++;
            if (sizes) {
                ConvGeometry g = l.geometry();
                params = params.add(l.cost().parameters());
                macs = macs.add(l.cost().macsWithBias());
                rows.add(new String[] {Integer.toString(i), l.label(),
                    Shapes.text(Shapes.prepend(g.inChannels(), g.inputSpatial())), Shapes.text(g.outputShape()),
                    n(l.cost().parameters()), n(l.cost().macsWithBias()), field(l.field()), jump(l.field()),
                    window(l.field())});
            } else {
                rows.add(new String[] {Integer.toString(i), l.label(), field(l.field()), jump(l.field()),
                    window(l.field())});
            }
        }
        if (sizes) {
            rows.add(new String[] {"total", "", "", "", n(params), n(macs), "", "", ""});
        }
        printTable(rows, out);
        out.println();
        LayerStack.Layer last = layers.get(layers.size() - 1);
        String jump = jump(last.field());
        out.println("receptive field of the last layer: " + field(last.field()) + " inputs; neighbouring outputs are "
                + jump + (jump.equals("1") ? " input" : " inputs") + " apart.");
        out.println("RF r_l = r_(l-1) + (k_l - 1) * d_l * j_(l-1) and jump j_l = j_(l-1) * s_l, from r_0 = j_0 = 1.");
        out.println("\"first output sees\" is 1-based; positions below 1 or past the input are padding.");
        out.println(sizes ? (noBias ? "No bias: mult-adds = outputs * taps."
                : "mult-adds count the bias: outputs * taps + outputs (torchinfo's convention).")
                : "Give --input for the shapes and costs of the layers.");
    }

    private static void printTable(List<String[]> rows, PrintWriter out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                boolean number = c > 0 && r[c].matches(NUMBER + "( x " + NUMBER + ")*( x)?");
                String cell = number ? " ".repeat(width[c] - r[c].length()) + r[c]
                        : r[c] + " ".repeat(width[c] - r[c].length());
                line.append(c > 0 ? "   " : "").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private Map<String, Object> toJson(List<LayerStack.Layer> layers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bias", !noBias);
        m.put("macs_convention", CONVENTION);
        List<Map<String, Object>> list = new ArrayList<>();
        BigInteger params = BigInteger.ZERO;
        BigInteger macs = BigInteger.ZERO;
        BigInteger macsNoBias = BigInteger.ZERO;
        for (LayerStack.Layer l : layers) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("spec", l.label());
            if (l.cost() != null) {
                ConvGeometry g = l.geometry();
                ConvCost c = l.cost();
                lm.put("input", Shapes.prepend(g.inChannels(), g.inputSpatial()));
                lm.put("output", g.outputShape());
                lm.put("weight_shape", g.weightShape());
                lm.put("weights", c.weights());
                lm.put("biases", c.biases());
                lm.put("parameters", c.parameters());
                lm.put("output_elements", c.outputElements());
                lm.put("input_elements", c.inputElements());
                lm.put("taps_per_output", c.tapsPerOutput());
                lm.put("macs_without_bias", c.macs());
                lm.put("macs_with_bias", c.macsWithBias());
                lm.put("macs_on_real_inputs", c.macsOnInput());
                Map<String, Object> dense = ordered("weights", c.denseWeights(), "biases", c.denseBiases(),
                        "parameters", c.denseParameters(), "macs", c.denseMacs());
                dense.put(WeightWords.WEIGHT_RATIO_KEY, ratioNumber(c.denseWeights(), c.weights()));
                dense.put(WeightWords.PARAMETER_RATIO_KEY, ratioNumber(c.denseParameters(), c.parameters()));
                lm.put("dense", dense);
                Map<String, Object> local = ordered(WeightWords.ALL_KEY, c.localWeights(), WeightWords.REAL_KEY,
                        c.localWeightsOnInput(), "biases", c.localBiases(), "parameters", c.localParameters());
                local.put("weight_shape", WeightWords.unsharedWeightShape(g));
                lm.put("locally_connected", local);
                params = params.add(c.parameters());
                macs = macs.add(c.macsWithBias());
                macsNoBias = macsNoBias.add(c.macs());
            }
            List<Map<String, Object>> rf = new ArrayList<>();
            for (ReceptiveField f : l.field()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("size", f.size());
                fm.put("jump", f.jump());
                fm.put("first_input_0based", f.left());
                rf.add(fm);
            }
            lm.put("receptive_field", rf);
            list.add(lm);
        }
        m.put("layers", list);
        if (layers.get(0).cost() != null) {
            m.put("total", ordered("parameters", params, "macs_with_bias", macs, "macs_without_bias", macsNoBias));
        }
        return m;
    }

    /** A map that keeps the order of its keys: {@code ordered("a", 1, "b", 2)}. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
