package org.convlab.algebra.worksheet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.Padding;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.symbolic.Elements;

/**
 * Question 1 of the worksheet (EECS 182 Spring 2023, Discussion 4, "Weight sharing in CNN"),
 * parts (a) to (h), answered by the algebra: every figure is computed from the question's own
 * data (a 9-input 1-D signal and a 3-tap kernel; a 3 x 256 x 256 image and 32 filters of 5 x 5),
 * then compared with the answer the worksheet prints ({@link PrintedAnswers}).
 */
public final class Worksheet {
    /** The question's data: x1..x9, k1..k3. */
    static final int SIGNAL = 9;
    static final int TAPS = 3;
    /** The question's image: RGB 256 x 256, 32 filters of size 5, stride 2 in (h). */
    static final String IMAGE = "3x256x256";
    static final int FILTERS = 32;
    static final int IMAGE_KERNEL = 5;
    static final int IMAGE_STRIDE = 2;

    private final List<Section> sections;

    public Worksheet() {
        ConvGeometry valid = ConvGeometry.builder().size(SIGNAL).kernel(TAPS).build();
        ConvGeometry same = ConvGeometry.builder().size(SIGNAL).kernel(TAPS).padding(new Padding.Same()).build();
        Dims image = Dims.parse("image", IMAGE);
        ConvGeometry conv = ConvGeometry.builder().inChannels(image.channels()).outChannels(FILTERS)
                .size(image.spatial()).kernel(IMAGE_KERNEL).stride(IMAGE_STRIDE).build();
        sections = List.of(a(valid), b(same), c(valid), d(valid, same), e(valid), f(), g(conv), h(conv));
    }

    /** The title of the worksheet's answers. */
    public static final String TITLE =
            "convlab worksheet: EECS 182 (Spring 2023), Discussion 4, question 1 - weight sharing in CNN";

    /** What the reader should know before the answers. */
    public List<String> intro() {
        return List.of(
                "Every figure below is computed by convlab's algebra - the code behind the shape, elements,",
                "matrix and cost commands - from the question's data alone. Where the worksheet prints an",
                "answer, it is quoted underneath (in ASCII) and marked [agrees] or [DIFFERS]; a difference",
                "comes with its arithmetic. Indices are 1-based, as the worksheet writes them.");
    }

    /** The tally of the comparison and one line per difference. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        List<Block.Figure> checked = checked();
        List<Block.Figure> differ = discrepancies();
        lines.add("Summary: " + checked.size() + " printed answers checked, " + (checked.size() - differ.size())
                + " agree, " + differ.size() + " differ" + (differ.isEmpty() ? "." : ":"));
        for (Section s : sections) {
            for (Block.Figure f : s.discrepancies()) {
                lines.add("  (" + s.id() + ") " + f.label() + ": computed " + f.value());
                lines.add("      the worksheet prints " + f.worksheet().replace("\n", " "));
            }
        }
        return lines;
    }

    /** Sections (a) to (h). */
    public List<Section> sections() {
        return sections;
    }

    /** The figures where the worksheet prints something other than the computed figure. */
    public List<Block.Figure> discrepancies() {
        return sections.stream().flatMap(s -> s.discrepancies().stream()).toList();
    }

    /** Every figure compared with a printed one. */
    public List<Block.Figure> checked() {
        return sections.stream().flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Block.Figure f && f.verdict() != Verdict.COMPUTED)
                .map(b -> (Block.Figure) b).toList();
    }

    private static Block.Figure compare(Block.Figure computed, String printed, boolean agrees, String note) {
        return new Block.Figure(computed.label(), computed.value(), computed.latex(), computed.arithmetic(), printed,
                agrees ? Verdict.AGREES : Verdict.DIFFERS, note.isEmpty() ? computed.note() : note);
    }

    private static Block.Figure compareNumber(Block.Figure computed, String printed, long printedValue) {
        long value = Long.parseLong(computed.value().replace(",", ""));
        return compare(computed, printed, value == printedValue, value == printedValue ? ""
                : "the worksheet's " + printedValue + " is not " + value);
    }

    private static Block.Figure compareElement(Block.Figure computed, String printed) {
        String expression = computed.value().substring(computed.value().indexOf(" = ") + 3);
        return compare(computed, printed, expression.equals(printed), "");
    }

    private static Section a(ConvGeometry g) {
        Elements e = new Elements(g, false);
        Block.Figure size = Answers.outputSize(g, "output size", false);
        return new Section("a", "x = [x1 ... x9], k = [k1 k2 k3], no padding, stride 1: output size, first and last "
                + "element", List.of(
                compareNumber(size, PrintedAnswers.A_SIZE, PrintedAnswers.A_SIZE_VALUE),
                compareElement(Answers.element(e, 0, "first element"), PrintedAnswers.A_FIRST),
                compareElement(Answers.element(e, e.taps().rows() - 1, "last element"), PrintedAnswers.A_LAST)));
    }

    private static Section b(ConvGeometry g) {
        Elements e = new Elements(g, false);
        Block.Figure size = Answers.outputSize(g, "output size", false);
        size = Block.Figure.computed(size.label(), size.value(), null,
                "'same' pads " + Answers.resolvedPadding(g) + " (total d(k-1) = " + (TAPS - 1)
                        + ", any odd one after); " + size.arithmetic());
        return new Section("b", "the same with 'same' padding: output size, first and last element", List.of(
                compareNumber(size, PrintedAnswers.B_SIZE, PrintedAnswers.B_SIZE_VALUE),
                compareElement(Answers.element(e, 0, "first element"), PrintedAnswers.B_FIRST),
                compareElement(Answers.element(e, e.taps().rows() - 1, "last element"), PrintedAnswers.B_LAST)));
    }

    private static Block.Figure matrixShape(ConvMatrix k, String printed, long[] printedValue) {
        Block.Figure shape = Block.Figure.computed("shape of K", k.rows() + " x " + k.cols(), null,
                "rows = outputs (" + k.rows() + "), columns = inputs (" + k.cols() + ")");
        boolean agrees = printedValue[0] == k.rows() && printedValue[1] == k.cols();
        return compare(shape, printed, agrees, "");
    }

    private static Block.Figure matrixRows(ConvMatrix k, List<String> printed) {
        boolean agrees = RowPattern.matches(printed, Answers.cells(k));
        Block.Figure rows = Block.Figure.computed("rows of K", k.rows() + " rows, printed above", null, "");
        return compare(rows, String.join("\n", printed), agrees,
                agrees ? "" : "the printed rows do not match the computed matrix");
    }

    private static Section c(ConvGeometry g) {
        ConvMatrix k = ConvMatrix.shared(g);
        long nonZeros = k.nonZeros();
        return new Section("c", "the matrix K with x' = Kx for (a)", List.of(
                Answers.matrix(k, "K (" + k.rows() + " x " + k.cols() + "), a Toeplitz matrix: row i is the kernel "
                        + "shifted by i - 1"),
                matrixShape(k, PrintedAnswers.C_SHAPE, PrintedAnswers.C_SHAPE_VALUE),
                matrixRows(k, PrintedAnswers.C_ROWS),
                Block.Figure.computed("weight sharing", nonZeros + " non-zeros, " + k.weightCount() + " distinct weights",
                        null, k.rows() + " rows * " + k.taps().taps() + " taps = " + nonZeros + "; each weight appears "
                                + nonZeros / k.weightCount() + " times")));
    }

    private static Section d(ConvGeometry valid, ConvGeometry same) {
        ConvMatrix k = ConvMatrix.shared(same);
        List<String> sameRows = Answers.cells(k);
        List<String> validRows = Answers.cells(ConvMatrix.shared(valid));
        int extra = (sameRows.size() - validRows.size()) / 2;
        boolean onlyRowsAdded = sameRows.subList(extra, extra + validRows.size()).equals(validRows);
        return new Section("d", "the matrix K for (b), 'same' padding", List.of(
                Answers.matrix(k, "K (" + k.rows() + " x " + k.cols() + "): the padded zeros drop k1 from the first "
                        + "row and k3 from the last"),
                matrixShape(k, PrintedAnswers.D_SHAPE, PrintedAnswers.D_SHAPE_VALUE),
                matrixRows(k, PrintedAnswers.D_ROWS),
                Block.Figure.computed("compared with (c)", onlyRowsAdded
                                ? "rows " + (extra + 1) + ".." + (extra + validRows.size()) + " are K of (c): "
                                + extra + " row added at each end"
                                : "K of (c) is not a block of this K", null,
                        "the hint 'you should only be adding rows' checked row by row")));
    }

    private static Section e(ConvGeometry g) {
        ConvMatrix k = ConvMatrix.unshared(g);
        ConvCost cost = ConvCost.of(g, false);
        Block.Figure count = Block.Figure.computed(WeightWords.ALL, NumberText.grouped(cost.localWeights()), null,
                k.rows() + " outputs * " + k.taps().taps() + " taps = " + NumberText.grouped(cost.localWeights())
                        + ", against " + ConvMatrix.shared(g).weightCount() + " shared");
        Block.Figure real = Block.Figure.computed(WeightWords.REAL, NumberText.grouped(cost.localWeightsOnInput()),
                null, WeightWords.rest(cost) + "; the weights k1..k" + k.weightCount() + " of K");
        return new Section("e", "no weight sharing: a fresh kernel at every position (locally connected)", List.of(
                Answers.matrix(k, "K (" + k.rows() + " x " + k.cols() + "), unshared: the same sparsity, a new "
                        + "weight in every non-zero"),
                compareNumber(count, PrintedAnswers.E_COUNT, PrintedAnswers.E_COUNT_VALUE),
                real,
                matrixRows(k, PrintedAnswers.E_ROWS)));
    }

    private static Section f() {
        // convlab's one output-size formula (Axis) against the worksheet's two, on every small case
        long validCases = 0;
        long validAgree = 0;
        long generalCases = 0;
        long generalAgree = 0;
        for (int w = 1; w <= 64; w++) {
            for (int p = 0; p <= 5; p++) {
                for (int k = 1; k <= w + 2 * p; k++) {
                    for (int s = 1; s <= 6; s++) {
                        long ours = Axis.of(w, k, s, 1, p).output();
                        generalCases++;
                        generalAgree += ours == PrintedAnswers.fGeneral(w, k, s, p) ? 1 : 0;
                        if (p == 0 && s == 1) {
                            validCases++;
                            validAgree += ours == PrintedAnswers.fValid(w, k) ? 1 : 0;
                        }
                    }
                }
            }
        }
        Block.Figure valid = Block.Figure.computed("stride 1, no padding", "W' = W - K + 1", "W' = W - K + 1",
                "convlab's formula (s = 1, p = 0, d = 1) gives it in " + validAgree + " of " + validCases
                        + " cases; W = 1..64, K = 1..W");
        Block.Figure general = Block.Figure.computed("stride s, padding p", "W' = floor((W + 2p - K) / s) + 1",
                "W' = \\left\\lfloor \\frac{W + 2p - K}{s} \\right\\rfloor + 1",
                "convlab's formula (d = 1) gives it in " + generalAgree + " of " + generalCases
                        + " cases; W = 1..64, p = 0..5, K = 1..W+2p, s = 1..6");
        return new Section("f", "the output size of a W x W input and a K x K kernel, in general", List.of(
                compare(valid, PrintedAnswers.F_VALID, validAgree == validCases, ""),
                compare(general, PrintedAnswers.F_GENERAL, generalAgree == generalCases, ""),
                new Block.Prose("In general (PyTorch, per axis, with dilation d and padding pl before and pr after): "
                        + "W' = floor((W + pl + pr - d(K-1) - 1) / s) + 1; the floor drops the inputs a stride "
                        + "cannot reach.")));
    }

    private static Section g(ConvGeometry conv) {
        int[] input = new int[] {conv.inChannels(), conv.axis(0).size(), conv.axis(1).size()};
        int[] weight = conv.weightShape();
        int[] kernel = Arrays.copyOfRange(weight, 1, weight.length);
        Block.Figure in = Block.Figure.computed("input tensor", Answers.shape(input), null, "[channels, height, width]");
        Block.Figure k = Block.Figure.computed("each kernel filter", Answers.shape(kernel), null,
                "[input channels, kernel height, kernel width]; all " + FILTERS + " filters: PyTorch's weight "
                        + Answers.shape(weight));
        return new Section("g", "a 256 x 256 RGB image and 32 filters of size 5: the input's and each kernel's shape",
                List.of(compare(in, PrintedAnswers.G_INPUT, Arrays.equals(input, PrintedAnswers.G_INPUT_VALUE), ""),
                        compare(k, PrintedAnswers.G_KERNEL, Arrays.equals(kernel, PrintedAnswers.G_KERNEL_VALUE),
                                "")));
    }

    private static Section h(ConvGeometry g) {
        ConvCost cost = ConvCost.of(g, true);
        List<Block> blocks = new ArrayList<>();
        Axis w = g.axis(1);
        Block.Figure size = Block.Figure.computed("output width", Integer.toString(w.output()), null, w.formula());
        blocks.add(compareNumber(size, PrintedAnswers.H_SIZE, PrintedAnswers.H_SIZE_VALUE));
        Block.Figure out = Block.Figure.computed("output tensor", Answers.shape(g.outputShape()), null,
                "[filters, height, width]; the stride never reaches row and column " + w.size()
                        + " (the last window ends " + w.droppedTail() + " before the edge)");
        blocks.add(compare(out, PrintedAnswers.H_OUTPUT, Arrays.equals(g.outputShape(), PrintedAnswers.H_OUTPUT_VALUE),
                ""));
        Block.Figure weights = Block.Figure.computed("weights", cost.weights().toString(), null,
                FILTERS + " * (" + Answers.shape(Arrays.copyOfRange(g.weightShape(), 1, 4)).replace(" x ", " * ")
                        + ") = " + NumberText.grouped(cost.weights()) + "; with PyTorch's default bias, + "
                        + cost.biases() + " biases = " + NumberText.grouped(cost.parameters()) + " parameters");
        blocks.add(compareNumber(weights, PrintedAnswers.H_WEIGHTS, PrintedAnswers.H_WEIGHTS_VALUE));
        Block.Figure inFlat = Block.Figure.computed("flattened input", cost.inputElements().toString(), null,
                Answers.shape(g.inChannels(), g.axis(0).size(), g.axis(1).size()).replace(" x ", " * ") + " = "
                        + NumberText.grouped(cost.inputElements()));
        blocks.add(compareNumber(inFlat, PrintedAnswers.H_INPUT_FLAT, PrintedAnswers.H_INPUT_FLAT_VALUE));
        String computedOut = cost.outputElements().toString();
        Block.Figure outFlat = Block.Figure.computed("flattened output", computedOut, null,
                Answers.shape(g.outputShape()).replace(" x ", " * ") + " = " + NumberText.grouped(cost.outputElements()));
        boolean outAgrees = cost.outputElements().equals(BigInteger.valueOf(PrintedAnswers.H_OUTPUT_FLAT_VALUE));
        String printedOut = Long.toString(PrintedAnswers.H_OUTPUT_FLAT_VALUE);
        blocks.add(compare(outFlat, PrintedAnswers.H_OUTPUT_FLAT, outAgrees, outAgrees ? ""
                : "the worksheet prints " + printedOut + ", but " + outFlat.arithmetic() + "; "
                        + Answers.digitSlip(printedOut, computedOut)));
        BigInteger dense = cost.denseWeights();
        String rounded = NumberText.scientific(dense, PrintedAnswers.H_DENSE_DIGITS);
        BigInteger printedProduct = cost.inputElements().multiply(BigInteger.valueOf(PrintedAnswers.H_OUTPUT_FLAT_VALUE));
        Block.Figure denseFigure = Block.Figure.computed("MLP weights",
                NumberText.grouped(dense) + " ~ " + rounded, null,
                NumberText.grouped(cost.inputElements()) + " * " + NumberText.grouped(cost.outputElements()) + " = "
                        + NumberText.grouped(dense));
        boolean denseAgrees = rounded.equals(PrintedAnswers.H_DENSE_VALUE);
        blocks.add(compare(denseFigure, PrintedAnswers.H_DENSE, denseAgrees, denseAgrees ? ""
                : "the worksheet multiplies its mistyped " + printedOut + ": " + NumberText.grouped(cost.inputElements())
                        + " * " + NumberText.grouped(PrintedAnswers.H_OUTPUT_FLAT_VALUE) + " = "
                        + NumberText.grouped(printedProduct) + " ~ "
                        + NumberText.scientific(printedProduct, PrintedAnswers.H_DENSE_DIGITS)
                        + "; with the right " + NumberText.grouped(cost.outputElements()) + " it is " + rounded));
        blocks.add(Block.Figure.computed("MLP with biases", NumberText.grouped(cost.denseParameters())
                + " parameters", null, NumberText.grouped(dense) + " weights + " + NumberText.grouped(cost.denseBiases())
                + " biases"));
        blocks.add(Block.Figure.computed(WeightWords.WEIGHT_RATIO, Answers.ratio(dense, cost.weights()) + " x",
                null, "MLP weights / convolution weights = " + NumberText.grouped(dense) + " / "
                        + NumberText.grouped(cost.weights()) + ": what weight sharing and sparsity save"));
        blocks.add(Block.Figure.computed(WeightWords.ALL, NumberText.grouped(cost.localWeights()), null,
                NumberText.grouped(cost.outputElements()) + " outputs * " + cost.tapsPerOutput()
                        + " taps: locally connected, as in (e): no sharing, still sparse"));
        blocks.add(Block.Figure.computed(WeightWords.REAL, NumberText.grouped(cost.localWeightsOnInput()), null,
                WeightWords.rest(cost) + " (no padding)"));
        blocks.add(Block.Figure.computed("multiply-adds", NumberText.grouped(cost.macs()), null,
                NumberText.grouped(cost.outputElements()) + " outputs * " + cost.tapsPerOutput() + " taps; "
                        + NumberText.grouped(cost.macsWithBias()) + " counting the bias adds, as torchinfo does"));
        return new Section("h", "no padding, stride 2: output tensor, weights, and the weights of an MLP instead",
                blocks);
    }
}
