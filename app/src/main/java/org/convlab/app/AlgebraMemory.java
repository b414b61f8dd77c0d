package org.convlab.app;

import java.util.List;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Elision;
import org.convlab.algebra.matrix.MatrixFormat;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.core.MemoryBudget;

/**
 * The memory {@code elements} and {@code matrix} will hold, estimated from their arguments
 * before anything is computed, and refused over {@link MemoryBudget#available()}.
 *
 * <p>The per-object figures are conservative (64-bit JVM, compressed pointers, Latin-1
 * strings, a copy for every buffer that grows): one tap of a row costs its two {@code long}s,
 * an id, a boxed position and an {@code Entry} with its array; one symbolic term costs the
 * {@code Term}, two {@code Name}s and their text; one JSON term adds its map and its text.
 */
final class AlgebraMemory {
    /** Bytes per tap of one computed row of K ({@link ConvMatrix#row}): arrays, boxes, entries. */
    static final long BYTES_PER_TAP = 120;
    /** Bytes per term of one output element: the Term, two Names with their arrays, the list slot. */
    static final long BYTES_PER_TERM = 200;
    /** Bytes per term of an element held for JSON: the term's map, its strings and its JSON text. */
    static final long BYTES_PER_JSON_TERM = 900;
    /** Bytes per character of text built in a StringBuilder (it doubles, then copies to a String). */
    static final long BYTES_PER_CHAR = 4;
    /** Characters of the longest number {@code NumberText.decimal} writes. */
    static final long NUMBER_CHARS = 24;
    /** Bytes per held cell of an elided matrix: the String and its slot. */
    static final long BYTES_PER_CELL = 64;

    private AlgebraMemory() {
    }

    /**
     * Refuses {@code elements} whose selected outputs ({@code rows}) would not fit: one element's
     * terms and text at a time, or all of them at once for JSON.
     */
    static void checkElements(Elements elements, List<Long> rows, boolean json) {
        long taps = elements.taps().taps();
        long chars = textPerTerm(elements.taps().rows(), elements.taps().cols(), elements.taps().taps());
        // text, combined text (and LaTeX for JSON): about three renderings of every term
        long one = MemoryBudget.sum(MemoryBudget.product(taps, BYTES_PER_TERM),
                MemoryBudget.product(taps, 3 * chars, BYTES_PER_CHAR));
        MemoryBudget.require("--kernel", one, "the " + NumberText.grouped(taps)
                + " terms of one output element and their text");
        if (json) {
            long all = MemoryBudget.product(rows.size(), taps, BYTES_PER_JSON_TERM + 6 * chars * BYTES_PER_CHAR);
            MemoryBudget.require("--at", all, "the JSON of " + NumberText.grouped(rows.size()) + " output elements of "
                    + NumberText.grouped(taps)
                    + " terms each, held until it is written");
        }
    }

    /**
     * Refuses {@code matrix} arguments whose rows would not fit: the taps of one row (every format
     * computes K row by row), one dense line of text, or the cells an elided matrix keeps.
     *
     * @param numeric whether the entries are numbers (given weights) rather than weight names
     */
    static void checkMatrix(ConvMatrix k, MatrixFormat format, boolean dense, Elision elision, boolean numeric) {
        long taps = k.taps().taps();
        MemoryBudget.require("--kernel", MemoryBudget.product(taps, BYTES_PER_TAP), "the " + NumberText.grouped(taps)
                + " taps of one row of K, computed row by row");
        long cell = numeric ? NUMBER_CHARS : nameChars(k);
        if (elision != null) {
            long rows = Math.min(k.rows(), 2L * elision.rows()) + 1;
            long cols = Math.min(k.cols(), 2L * elision.cols()) + 1;
            MemoryBudget.require("--elide", MemoryBudget.product(rows, cols, BYTES_PER_CELL + cell * BYTES_PER_CHAR),
                    "the " + NumberText.grouped(rows) + " x " + NumberText.grouped(cols)
                            + " cells of the elided K, held to align them");
        } else if ((format.dense() || dense)
                && k.denseEntries().compareTo(java.math.BigInteger.valueOf(ConvMatrix.DENSE_LIMIT)) <= 0) {
            // larger dense forms are refused by ConvMatrix.checkDense, with the sparse advice
            // text pads every cell to the widest; the others write "0" and a separator for a zero
            long chars = format == MatrixFormat.TEXT ? MemoryBudget.product(k.cols(), cell + 1)
                    : MemoryBudget.sum(MemoryBudget.product(k.cols(), 4), MemoryBudget.product(taps, cell + 3));
            MemoryBudget.require("--input", MemoryBudget.product(chars, BYTES_PER_CHAR),
                    "one dense line of " + NumberText.grouped(k.cols()) + " entries");
        }
    }

    /** A bound on the characters of one symbolic entry: a weight name, twice for a sum. */
    private static long nameChars(ConvMatrix k) {
        int digits = Long.toString(Math.max(k.weightCount(), 1)).length();
        long name = k.naming().plain() || k.isUnshared() ? 1 + digits
                : 3 + (k.geometry().spatialDims() + 2L) * (digits + 1);
        return k.geometry().paddingMode() == org.convlab.algebra.PaddingMode.ZEROS ? name : 2 * name + 1;
    }

    /** A bound on the characters of one term or cell: the longest weight and input names, and separators. */
    private static long textPerTerm(long rows, long cols, long weights) {
        return 2L * (Long.toString(rows).length() + Long.toString(cols).length()
                + Long.toString(Math.max(weights, rows)).length()) + 12;
    }
}
