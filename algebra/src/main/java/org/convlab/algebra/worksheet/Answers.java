package org.convlab.algebra.worksheet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.ShapeExplanation;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.MatrixFormat;
import org.convlab.algebra.matrix.MatrixWriter;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.algebra.symbolic.OutputElement;

/** The computed answers a worksheet question is made of, shared by the worksheet and the exercise generator. */
final class Answers {
    private Answers() {
    }

    /** {@code 3 x 256 x 256}. */
    static String shape(int... dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) {
            s.append(s.length() > 0 ? " x " : "").append(d);
        }
        return s.toString();
    }

    /** The output size with the formula of every axis filled in. */
    static Block.Figure outputSize(ConvGeometry g, String label, boolean channels) {
        String value = shape(channels ? g.outputShape() : g.outputSpatial());
        return Block.Figure.computed(label, value, null, formulas(g));
    }

    /** The formulas of every axis, joined; one axis without its name. */
    static String formulas(ConvGeometry g) {
        if (g.spatialDims() == 1) {
            return g.axis(0).formula();
        }
        boolean same = g.axes().stream().distinct().count() == 1;
        if (same) {
            return "each of " + String.join(", ", axisNames(g)) + ": " + g.axis(0).formula();
        }
        return String.join("; ", ShapeExplanation.formulas(g));
    }

    private static List<String> axisNames(ConvGeometry g) {
        List<String> names = new ArrayList<>();
        for (int a = 0; a < g.spatialDims(); a++) {
            names.add(ShapeExplanation.axisName(a, g.spatialDims()));
        }
        return names;
    }

    /** The padding {@code same} or {@code full} resolved to, e.g. {@code 1 before, 1 after}. */
    static String resolvedPadding(ConvGeometry g) {
        Axis a = g.axis(0);
        return a.padBefore() + " before, " + a.padAfter() + " after";
    }

    /** {@code y1 = k1x1 + k2x2 + k3x3}, with the padded zeros it dropped named. */
    static Block.Figure element(Elements e, long row, String label) {
        OutputElement y = e.at(row);
        String value = y.name().text() + " = " + y.text();
        String latex = y.name().latex() + " = " + y.latex();
        return Block.Figure.computed(label, value, latex, "", droppedPadding(e, row));
    }

    /** Which taps of a 1-D element read padded zeros, e.g. {@code k1 x0 with x0 = 0 (padding) is dropped}. */
    static String droppedPadding(Elements e, long row) {
        ConvTaps taps = e.taps();
        ConvGeometry g = taps.geometry();
        long[] w = new long[taps.taps()];
        long[] in = new long[taps.taps()];
        taps.row(row, w, in);
        List<String> dropped = new ArrayList<>();
        int zeros = 0;
        for (int t = 0; t < in.length; t++) {
            if (in[t] < 0) {
                zeros++;
                if (e.naming().plain() && !e.unshared()) {
                    int position = g.axis(0).inputIndex(taps.outputIndex(row)[1], t) + 1;
                    dropped.add(e.naming().weight(w[t]).text() + "x" + position);
                }
            }
        }
        if (zeros == 0) {
            return "";
        }
        if (!dropped.isEmpty()) {
            return String.join(" and ", dropped) + (zeros > 1 ? " read" : " reads") + " the zero padding and "
                    + (zeros > 1 ? "are" : "is") + " dropped";
        }
        return zeros + " tap" + (zeros > 1 ? "s read" : " reads") + " the zero padding and "
                + (zeros > 1 ? "are" : "is") + " dropped";
    }

    /** K as aligned text and LaTeX. */
    static Block.Matrix matrix(ConvMatrix k, String caption) {
        MatrixWriter w = new MatrixWriter(k, null, !k.naming().plain());
        List<String> lines = w.toString(MatrixFormat.TEXT).lines().toList();
        String latex = new MatrixWriter(k, null, false).toString(MatrixFormat.LATEX);
        return new Block.Matrix(caption, k.rows(), k.cols(), lines, latex);
    }

    /** The rows of K as space-separated cells, for matching a printed matrix. */
    static List<String> cells(ConvMatrix k) {
        MatrixWriter w = new MatrixWriter(k, null, false);
        return w.toString(MatrixFormat.TEXT).lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
    }

    /** {@code a / b} rounded to a whole number, with thousands separators. */
    static String ratio(BigInteger a, BigInteger b) {
        return NumberText.grouped(new BigDecimal(a).divide(new BigDecimal(b), 0, RoundingMode.HALF_UP).toBigInteger());
    }

    /** Why two printed numbers differ when they use the same digits, e.g. {@code the digits 0 and 3 are swapped}. */
    static String digitSlip(String printed, String computed) {
        if (printed.length() == computed.length()) {
            List<Integer> diff = new ArrayList<>();
            for (int i = 0; i < printed.length(); i++) {
                if (printed.charAt(i) != computed.charAt(i)) {
                    diff.add(i);
                }
            }
            if (diff.size() == 2 && diff.get(1) == diff.get(0) + 1
                    && printed.charAt(diff.get(0)) == computed.charAt(diff.get(1))
                    && printed.charAt(diff.get(1)) == computed.charAt(diff.get(0))) {
                return "two neighbouring digits are swapped (" + computed.charAt(diff.get(0)) + computed.charAt(diff.get(1))
                        + " printed as " + printed.charAt(diff.get(0)) + printed.charAt(diff.get(1)) + ")";
            }
        }
        return "";
    }
}
