package org.convlab.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Elision;
import org.convlab.algebra.matrix.Entry;
import org.convlab.algebra.matrix.MatrixFormat;
import org.convlab.algebra.matrix.MatrixWriter;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab matrix}: the matrix K with vec(y) = K vec(x). */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"The matrix K with vec(y) = K vec(x), symbolic or numeric.",
            "Bias not included. Rows are the outputs (C_out, i, j), columns the inputs (C_in, h, w), both row-major.",
            "Symbolic (kernel names) or numeric (--weights); Toeplitz in 1-D, doubly-block Toeplitz in 2-D."},
        footer = {"%nFormats: text (aligned, like the worksheet), latex (bmatrix), csv (dense, one row per line, "
                + "no header), coo (row,col,value triplets, 0-based, with a header), json (sparse COO; --dense for "
                + "the full matrix).",
            "Dense forms (text, latex, csv, json --dense) are refused above 10,000,000 entries.",
            "--unshared: the locally connected layer with the same windows - a fresh weight k1, k2, ... for every "
                + "(row, tap) that reads a real input, numbered row by row in tap order; a tap on a padded zero "
                + "gets no weight, a tap on a reflected/replicated/circular copy gets its own.",
            "%nExamples:",
            "  ./convlab matrix --input 9 --kernel 3",
            "  ./convlab matrix --input 9 --kernel 3 --unshared",
            "  ./convlab matrix --input 3x256x256 --kernel 5 --filters 32 --stride 2 --elide",
            "  ./convlab matrix --input 4x4 --kernel 3 --weights 1,2,3,4,5,6,7,8,9 --format csv",
            "  ./convlab matrix --checkpoint OUT/runs/cnn-seed1.ckpt --layer conv1 --elide"})
final class MatrixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeometryOptions conv;

    @Mixin
    LayerOptions trained;

    @Option(names = "--unshared", description = "No weight sharing: the locally connected layer with the same windows.")
    boolean unshared;

    @Option(names = "--weights", paramLabel = "w1,w2,...",
            description = "Numeric weights, comma-separated, in PyTorch's order (C_out, C_in/groups, kH, kW); "
                    + "with --unshared one per unshared weight k1, k2, ...")
    String weights;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, latex, csv, coo or json; default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--dense", description = "With --format json: the full matrix as nested arrays instead of COO.")
    boolean dense;

    @Option(names = "--elide", paramLabel = "RxC", arity = "0..1", fallbackValue = "2x3",
            description = "With --format text or latex: print only the first and last R rows and C columns, dots "
                    + "between, as the worksheet prints K (any size; default 2x3 when given without a value).")
    String elide;

    @Override
    public Integer call() {
        TrainedLayer layer = trained.given() ? trained.read(spec, conv) : null;
        ConvGeometry g = layer == null ? conv.geometry() : layer.geometry();
        boolean unshared = layer == null ? this.unshared : layer.unshared();
        MatrixFormat f = MatrixFormat.parse(format);
        if (dense && f != MatrixFormat.JSON) {
            throw new BadParameterException("--dense", "only with --format json (the other dense formats are "
                    + "dense already), got --format " + f);
        }
        Elision elision = elide == null ? null : parseElision(elide);
        if (elision != null && f != MatrixFormat.TEXT && f != MatrixFormat.LATEX) {
            throw new BadParameterException("--elide", "only with --format text or latex (the other formats are for "
                    + "programs and keep every entry), got --format " + f);
        }
        ConvMatrix k = ConvMatrix.of(g, unshared);
        double[] w = layer != null ? layer.weights() : weights == null ? null : parseWeights(weights);
        AlgebraMemory.checkMatrix(k, f, dense, elision, w != null);
        MatrixWriter writer = new MatrixWriter(k, w, !k.naming().plain());
        // buffered without flushing per line: a sparse K can have tens of millions of lines
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        switch (f) {
            case JSON -> json(k, w, writer, out, layer);
            case TEXT -> {
                if (elision == null) {
                    k.checkDense("format", MatrixWriter.SPARSE_ADVICE, "format");
                }
                out.println("K: " + k.rows() + " x " + k.cols() + " (rows: outputs " + range(k, true) + "; columns: "
                        + "inputs " + range(k, false) + "), " + (unshared ? "unshared"
                        : k.weightCount() + " weight" + (k.weightCount() == 1 ? "" : "s"))
                        + (w == null ? "" : ", numeric"));
                if (unshared) {
                    ConvCost c = ConvCost.of(g, false);
                    out.println(WeightWords.ALL + " " + NumberText.grouped(c.localWeights()) + "; "
                            + WeightWords.REAL + " " + NumberText.grouped(c.localWeightsOnInput()) + ", named k1.."
                            + "k" + k.weightCount() + (c.localWeights().equals(c.localWeightsOnInput()) ? ""
                            : " (" + WeightWords.rest(c) + " and get no name)"));
                }
                out.println(k.naming().legend(unshared));
                if (layer != null) {
                    out.println("layer " + layer.name() + " of " + trained.checkpoint.getFileName() + ": "
                            + layer.module() + ", input " + Shapes.text(Shapes.input(g, true))
                            + ", trained weights" + (layer.bias() ? " (its bias not included)" : ""));
                }
                if (layer == null && conv.printedImageNote() != null) {
                    out.println("note: " + conv.printedImageNote());
                }
                out.println();
                write(writer, f, elision, out);
            }
            default -> write(writer, f, elision, out);
        }
        out.flush();
        return 0;
    }

    private static void write(MatrixWriter writer, MatrixFormat f, Elision elision, PrintWriter out) {
        if (elision == null) {
            writer.write(f, out);
        } else {
            writer.writeElided(f, elision, out);
        }
    }

    /** Parses {@code R} or {@code RxC}: rows (and columns) kept at each end. */
    static Elision parseElision(String text) {
        String expected = "rows and columns kept at each end, like 2x3 or 2 (positive integers)";
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        if (parts.length > 2) {
            throw new BadParameterException("--elide", expected, text);
        }
        try {
            int rows = Integer.parseInt(parts[0].trim());
            int cols = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : rows;
            if (rows < 1 || cols < 1) {
                throw new BadParameterException("--elide", expected, text);
            }
            return new Elision(rows, cols);
        } catch (NumberFormatException e) {
            throw new BadParameterException("--elide", expected, text);
        }
    }

    private static String range(ConvMatrix k, boolean rows) {
        long last = rows ? k.rows() - 1 : k.cols() - 1;
        String first = rows ? k.naming().output(0).text() : k.naming().input(0).text();
        String end = rows ? k.naming().output(last).text() : k.naming().input(last).text();
        return first + ".." + end;
    }

    /** Parses {@code w1,w2,...}: finite numbers, comma-separated. */
    static double[] parseWeights(String text) {
        String[] parts = text.split(",", -1);
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                w[i] = StrictNumbers.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new BadParameterException("--weights", "comma-separated numbers (number " + (i + 1)
                        + " is not one)", text.length() > 60 ? p : text);
            }
            if (!Double.isFinite(w[i]) || p.isEmpty()) {
                throw new BadParameterException("--weights", "finite numbers (number " + (i + 1) + ")", p);
            }
        }
        return w;
    }

    private void json(ConvMatrix k, double[] w, MatrixWriter writer, PrintWriter out, TrainedLayer layer) {
        if (dense) {
            k.checkDense("--dense", "leave out --dense for the sparse (COO) form");
        }
        ConvGeometry g = k.geometry();
        try (JsonGenerator j = Json.mapper().getFactory().createGenerator(out)) {
            j.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeNumberField("rows", k.rows());
            j.writeNumberField("cols", k.cols());
            j.writeStringField("row_order", "outputs (C_out" + spatial(g.spatialDims(), "out") + "), row-major");
            j.writeStringField("col_order", "inputs (C_in" + spatial(g.spatialDims(), "n") + "), row-major");
            j.writeBooleanField("unshared", k.isUnshared());
            j.writeBooleanField("numeric", w != null);
            if (layer != null) {
                j.writeStringField("checkpoint", trained.checkpoint.toString());
                j.writeStringField("layer", layer.name());
                j.writeStringField("module", layer.module().toString());
            }
            j.writeNumberField("weight_count", k.weightCount());
            if (k.isUnshared()) {
                ConvCost c = ConvCost.of(g, false);
                j.writeNumberField(WeightWords.ALL_KEY, c.localWeights());
                j.writeNumberField(WeightWords.REAL_KEY, c.localWeightsOnInput());
                int[] shape = WeightWords.unsharedWeightShape(g);
                j.writeFieldName("weight_shape");
                j.writeArray(shape, 0, shape.length);
                j.writeStringField("weight_shape_order", "(" + spatial(g.spatialDims(), "out").substring(2)
                        + ", C_out, C_in/groups" + spatial(g.spatialDims(), "k") + "), convlab's LocallyConnected "
                        + "weight; weight_count (the named k1..) counts those touching real inputs");
            } else {
                j.writeFieldName("weight_shape");
                j.writeArray(g.weightShape(), 0, g.weightShape().length);
            }
            j.writeStringField("names", k.naming().legend(k.isUnshared()).replaceFirst("^names: ", ""));
            j.writeNumberField("index_base", 0);
            if (dense) {
                j.writeArrayFieldStart("dense");
                k.forEachRow((r, entries) -> denseRow(j, k, entries, w, writer));
                j.writeEndArray();
            } else {
                long[] nnz = {0};
                j.writeFieldName("entry_fields");
                j.writeArray(new String[] {"row", "col", "value"}, 0, 3);
                j.writeArrayFieldStart("entries");
                k.forEachRow((r, entries) -> {
                    for (Entry e : entries) {
                        entry(j, r, e, w, writer);
                        nnz[0]++;
                    }
                });
                j.writeEndArray();
                j.writeNumberField("nnz", nnz[0]);
            }
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static String spatial(int dims, String base) {
        StringBuilder s = new StringBuilder();
        for (int a = 1; a <= dims; a++) {
            s.append(", ").append(base).append(dims == 1 ? "" : Integer.toString(a));
        }
        return s.toString();
    }

    private static void entry(JsonGenerator j, long r, Entry e, double[] w, MatrixWriter writer) {
        try {
            j.writeStartArray();
            j.writeNumber(r);
            j.writeNumber(e.col());
            if (w != null) {
                j.writeNumber(e.value(w));
            } else {
                j.writeString(writer.cell(e));
            }
            j.writeEndArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void denseRow(JsonGenerator j, ConvMatrix k, java.util.List<Entry> entries, double[] w,
                                 MatrixWriter writer) {
        try {
            j.writeStartArray();
            int next = 0;
            for (long c = 0; c < k.cols(); c++) {
                Entry e = next < entries.size() && entries.get(next).col() == c ? entries.get(next++) : null;
                if (w != null) {
                    j.writeNumber(e == null ? 0.0 : e.value(w));
                } else {
                    j.writeString(e == null ? "0" : writer.cell(e));
                }
            }
            j.writeEndArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
