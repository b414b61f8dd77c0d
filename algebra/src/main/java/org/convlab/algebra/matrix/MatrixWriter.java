package org.convlab.algebra.matrix;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.convlab.algebra.NumberText;
import org.convlab.core.BadParameterException;

/**
 * Writes K as aligned text, a LaTeX {@code bmatrix}, dense CSV or sparse COO triplets, streaming
 * one row at a time. Entries are symbolic ({@code k1}, {@code k1+k3}) unless numeric weights are
 * given. Dense forms are refused above {@link ConvMatrix#DENSE_LIMIT} entries.
 */
public final class MatrixWriter {
    /** The advice given when a dense form is refused. */
    public static final String SPARSE_ADVICE = "use format coo or format json for the sparse (COO) form";

    private final ConvMatrix k;
    private final double[] weights;
    private final boolean rowLabels;

    /**
     * @param k         the matrix
     * @param weights   numeric weights in K's weight order, or null for symbolic entries
     * @param rowLabels whether text output starts each row with the output's name ({@code y[1,2] |})
     */
    public MatrixWriter(ConvMatrix k, double[] weights, boolean rowLabels) {
        this.k = k;
        this.weights = weights;
        this.rowLabels = rowLabels;
        if (weights != null) {
            k.checkWeights(weights);
        }
    }

    /** Writes K in {@code format} (not JSON) to {@code out}. */
    public void write(MatrixFormat format, PrintWriter out) {
        if (format.dense()) {
            k.checkDense("format", SPARSE_ADVICE, "format");
        }
        switch (format) {
            case TEXT -> text(out);
            case LATEX -> latex(out);
            case CSV -> csv(out);
            case COO -> coo(out);
            default -> throw new IllegalArgumentException("JSON is written by the app, not " + format);
        }
        out.flush();
    }

    /**
     * Writes K in {@code format} (text or LaTeX) with only the rows and columns {@code elision}
     * keeps, dots standing for the rest: a row of {@code :} (text) or {@code \vdots} (LaTeX), a
     * column of {@code ...} or {@code \cdots}. Only the kept rows are computed, so any size works.
     */
    public void writeElided(MatrixFormat format, Elision elision, PrintWriter out) {
        long[] rows = Elision.kept(k.rows(), elision.rows());
        long[] cols = Elision.kept(k.cols(), elision.cols());
        List<String[]> cells = new java.util.ArrayList<>();
        boolean latex = switch (format) {
            case TEXT -> false;
            case LATEX -> true;
            default -> throw new BadParameterException("format", "text or latex for an elided matrix", format.toString());
        };
        String rowDots = latex ? "\\vdots" : ":";
        String colDots = latex ? "\\cdots" : "...";
        for (long r : rows) {
            String[] line = new String[cols.length];
            if (r < 0) {
                for (int c = 0; c < cols.length; c++) {
                    line[c] = cols[c] < 0 ? (latex ? "\\ddots" : "") : rowDots;
                }
            } else {
                List<Entry> entries = k.row(r);
                for (int c = 0; c < cols.length; c++) {
                    line[c] = cols[c] < 0 ? colDots : "0";
                }
                for (Entry e : entries) {
                    for (int c = 0; c < cols.length; c++) {
                        if (cols[c] == e.col()) {
                            line[c] = latex ? latexCell(e) : cell(e);
                        }
                    }
                }
            }
            cells.add(line);
        }
        if (latex) {
            if (cols.length > 10) {
                out.println("\\setcounter{MaxMatrixCols}{" + cols.length + "}");
            }
            out.println("\\begin{bmatrix}");
            for (int i = 0; i < cells.size(); i++) {
                out.println(String.join(" & ", cells.get(i)) + (i < cells.size() - 1 ? " \\\\" : ""));
            }
            out.println("\\end{bmatrix}");
        } else {
            int width = 1;
            int labelWidth = 0;
            for (int i = 0; i < rows.length; i++) {
                for (String cell : cells.get(i)) {
                    width = Math.max(width, cell.length());
                }
                if (rowLabels && rows[i] >= 0) {
                    labelWidth = Math.max(labelWidth, k.naming().output(rows[i]).text().length());
                }
            }
            for (int i = 0; i < rows.length; i++) {
                StringBuilder line = new StringBuilder();
                if (rowLabels) {
                    line.append(pad(rows[i] < 0 ? "" : k.naming().output(rows[i]).text(), labelWidth, false))
                            .append(rows[i] < 0 ? "   " : " | ");
                }
                String[] row = cells.get(i);
                for (int c = 0; c < row.length; c++) {
                    line.append(c > 0 ? " " : "").append(pad(row[c], cols[c] < 0 ? 3 : width, true));
                }
                out.println(stripTrailing(line));
            }
        }
        out.flush();
    }

    /** K in {@code format} as one string (for small matrices, e.g. the worksheet's). */
    public String toString(MatrixFormat format) {
        StringWriter s = new StringWriter();
        write(format, new PrintWriter(s));
        return s.toString();
    }

    /** The text of one entry: {@code k1}, {@code k1+k3}, or a number. */
    public String cell(Entry e) {
        if (weights != null) {
            return NumberText.decimal(e.value(weights));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < e.size(); i++) {
            s.append(i > 0 ? "+" : "").append(k.weightName(e.weight(i)).text());
        }
        return s.toString();
    }

    private String latexCell(Entry e) {
        if (weights != null) {
            return NumberText.decimal(e.value(weights));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < e.size(); i++) {
            s.append(i > 0 ? " + " : "").append(k.weightName(e.weight(i)).latex());
        }
        return s.toString();
    }

    private void text(PrintWriter out) {
        int[] width = {1};
        int[] labelWidth = {0};
        k.forEachRow((r, entries) -> {
            for (Entry e : entries) {
                width[0] = Math.max(width[0], cell(e).length());
            }
            if (rowLabels) {
                labelWidth[0] = Math.max(labelWidth[0], k.naming().output(r).text().length());
            }
        });
        k.forEachRow((r, entries) -> {
            StringBuilder line = new StringBuilder();
            if (rowLabels) {
                line.append(pad(k.naming().output(r).text(), labelWidth[0], false)).append(" | ");
            }
            appendDense(line, entries, " ", width[0], false);
            out.println(stripTrailing(line));
        });
    }

    private void csv(PrintWriter out) {
        k.forEachRow((r, entries) -> {
            StringBuilder line = new StringBuilder();
            appendDense(line, entries, ",", 0, false);
            out.println(line);
        });
    }

    private void latex(PrintWriter out) {
        if (k.cols() > 10) {
            out.println("\\setcounter{MaxMatrixCols}{" + k.cols() + "}");
        }
        out.println("\\begin{bmatrix}");
        k.forEachRow((r, entries) -> {
            StringBuilder line = new StringBuilder();
            appendDense(line, entries, " & ", 0, true);
            if (r < k.rows() - 1) {
                line.append(" \\\\");
            }
            out.println(line);
        });
        out.println("\\end{bmatrix}");
    }

    private void coo(PrintWriter out) {
        out.println("row,col,value");
        k.forEachRow((r, entries) -> {
            for (Entry e : entries) {
                out.println(r + "," + e.col() + "," + cell(e));
            }
        });
    }

    private void appendDense(StringBuilder line, List<Entry> entries, String sep, int width, boolean latex) {
        int next = 0;
        for (long c = 0; c < k.cols(); c++) {
            if (c > 0) {
                line.append(sep);
            }
            String cell = "0";
            if (next < entries.size() && entries.get(next).col() == c) {
                Entry e = entries.get(next++);
                cell = latex ? latexCell(e) : cell(e);
            }
            line.append(width > 0 ? pad(cell, width, true) : cell);
        }
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String stripTrailing(StringBuilder s) {
        return s.toString().stripTrailing();
    }
}
