package org.convlab.algebra.worksheet;

import java.util.List;

/**
 * One piece of an answer: a sentence, a computed figure (with the worksheet's own figure when
 * there is one), or a matrix. Renderers turn blocks into text, Markdown or LaTeX.
 */
public sealed interface Block permits Block.Prose, Block.Figure, Block.Matrix {

    /**
     * A sentence in plain text (no markup; renderers escape it).
     *
     * @param text the sentence
     */
    record Prose(String text) implements Block {
    }

    /**
     * A computed figure.
     *
     * @param label      what it is, e.g. {@code output size}
     * @param value      the computed value as text, e.g. {@code 7} or {@code y1 = k1x1 + k2x2 + k3x3}
     * @param latex      the value in LaTeX math, or null when the text needs no math
     * @param arithmetic how it was computed, with the numbers filled in; clauses separated by {@code "; "} (may be empty)
     * @param worksheet  the worksheet's printed figure, quoted (lines separated by newlines), or null
     * @param verdict    how the two compare
     * @param note       the explanation of a difference, or a remark (may be empty)
     */
    record Figure(String label, String value, String latex, String arithmetic, String worksheet, Verdict verdict,
                  String note) implements Block {

        /** A figure with nothing printed to compare it with. */
        public static Figure computed(String label, String value, String latex, String arithmetic) {
            return new Figure(label, value, latex, arithmetic, null, Verdict.COMPUTED, "");
        }

        /** A figure with a remark and nothing printed to compare it with. */
        public static Figure computed(String label, String value, String latex, String arithmetic, String note) {
            return new Figure(label, value, latex, arithmetic, null, Verdict.COMPUTED, note);
        }
    }

    /**
     * A matrix, as aligned text lines and as a LaTeX bmatrix.
     *
     * @param caption what it is, e.g. {@code K (7 x 9), shared weights}
     * @param rows    rows
     * @param cols    columns
     * @param lines   the aligned text rows
     * @param latex   the bmatrix
     */
    record Matrix(String caption, long rows, long cols, List<String> lines, String latex) implements Block {
        public Matrix {
            lines = List.copyOf(lines);
        }
    }
}
