package org.convlab.algebra.worksheet;

import java.io.PrintWriter;
import java.util.List;

/**
 * Writes sections as plain text for a terminal: one block per question, each figure with its
 * arithmetic underneath (a clause per line) and, when the worksheet prints the figure too, the
 * quote and a verdict.
 */
public final class TextRenderer {
    private static final String INDENT = "    ";
    private static final int LABEL = 20;

    private TextRenderer() {
    }

    /** Writes the sections under a title; {@code intro} lines come first, {@code outro} lines last. */
    public static void render(String title, List<String> intro, List<Section> sections, List<String> outro,
                              PrintWriter out) {
        out.println(title);
        out.println("=".repeat(title.length()));
        for (String line : intro) {
            out.println(line);
        }
        for (Section s : sections) {
            out.println();
            section(s, out);
        }
        if (!outro.isEmpty()) {
            out.println();
            for (String line : outro) {
                out.println(line);
            }
        }
        out.flush();
    }

    /** One question and its answer. */
    public static void section(Section s, PrintWriter out) {
        out.println("(" + s.id() + ") " + s.question());
        for (Block b : s.blocks()) {
            if (b instanceof Block.Prose p) {
                out.println(INDENT + p.text());
            } else if (b instanceof Block.Figure f) {
                figure(f, out);
            } else if (b instanceof Block.Matrix m) {
                out.println();
                out.println(INDENT + m.caption() + ":");
                out.println();
                for (String line : m.lines()) {
                    out.println(INDENT + "    " + line);
                }
                out.println();
            }
        }
    }

    private static void figure(Block.Figure f, PrintWriter out) {
        String under = INDENT + " ".repeat(LABEL);
        if (f.label().length() >= LABEL) {
            out.println(INDENT + f.label());
            out.println(under + f.value());
        } else {
            out.println(INDENT + pad(f.label(), LABEL) + f.value());
        }
        if (!f.arithmetic().isEmpty()) {
            String[] clauses = f.arithmetic().split("; ");
            for (int i = 0; i < clauses.length; i++) {
                out.println(under + (i == 0 ? "= " : "  ") + clauses[i]);
            }
        }
        if (f.verdict() == Verdict.COMPUTED) {
            if (!f.note().isEmpty()) {
                out.println(under + "(" + f.note() + ")");
            }
            return;
        }
        String verdict = f.verdict() == Verdict.AGREES ? "[agrees]" : "[DIFFERS]";
        String[] quote = f.worksheet().split("\n");
        for (int i = 0; i < quote.length; i++) {
            String prefix = i == 0 ? "worksheet: " : "           ";
            out.println(under + prefix + quote[i] + (i == quote.length - 1 ? "   " + verdict : ""));
        }
        if (!f.note().isEmpty()) {
            String[] clauses = f.note().split("; ");
            for (int i = 0; i < clauses.length; i++) {
                out.println(under + (i == 0 ? "why: " : "     ") + clauses[i]);
            }
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
