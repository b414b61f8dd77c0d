package org.convlab.algebra.matrix;

import java.util.Locale;
import org.convlab.core.BadParameterException;

/** The ways convlab writes K as text (JSON is written by the app). */
public enum MatrixFormat {
    /** Aligned columns, like the worksheet prints it. */
    TEXT,
    /** A LaTeX {@code bmatrix} (amsmath). */
    LATEX,
    /** Dense, one row per line, comma-separated; no header. */
    CSV,
    /** Sparse triplets {@code row,col,value}, 0-based, one per line, with a header line. */
    COO,
    /** JSON, sparse (COO) unless a dense form is asked for. */
    JSON;

    /** Whether this format writes every entry of the matrix, zeros included. */
    public boolean dense() {
        return this == TEXT || this == LATEX || this == CSV;
    }

    /** Parses {@code format}: {@code text|latex|csv|coo|json}. */
    public static MatrixFormat parse(String format) {
        for (MatrixFormat f : values()) {
            if (f.name().equalsIgnoreCase(format == null ? "" : format.trim())) {
                return f;
            }
        }
        throw new BadParameterException("format", "one of text, latex, csv, coo, json", format);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
