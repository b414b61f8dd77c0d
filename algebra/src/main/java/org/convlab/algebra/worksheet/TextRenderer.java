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
    private static final int LABEL = 22;
    /** Lines are wrapped at spaces to stay within this many characters where possible. */
    private static final int WIDTH = 100;

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
                wrap(INDENT, INDENT, p.text(), out);
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
        if (f.label().length() >= LABEL - 1) {
            out.println(INDENT + f.label());
            out.println(under + f.value());
        } else {
            out.println(INDENT + pad(f.label(), LABEL) + f.value());
        }
        if (!f.arithmetic().isEmpty()) {
            String[] clauses = f.arithmetic().split("; ");
            for (int i = 0; i < clauses.length; i++) {
                wrap(under + (i == 0 ? "= " : "  "), under + "    ", clauses[i], out);
            }
        }
        if (f.verdict() != Verdict.COMPUTED) {
            String verdict = f.verdict() == Verdict.AGREES ? "[agrees]" : "[DIFFERS]";
            String[] quote = f.worksheet().split("\n");
            for (int i = 0; i < quote.length; i++) {
                String prefix = i == 0 ? "worksheet: " : "           ";
                out.println(under + prefix + quote[i] + (i == quote.length - 1 ? "   " + verdict : ""));
            }
        }
        if (!f.note().isEmpty()) {
            if (f.verdict() == Verdict.DIFFERS) {
                String[] clauses = f.note().split("; ");
                for (int i = 0; i < clauses.length; i++) {
                    wrap(under + (i == 0 ? "why: " : "     "), under + "       ", clauses[i], out);
                }
            } else {
                wrap(under + "(", under + " ", f.note() + ")", out);
            }
        }
    }

    /** Prints {@code text} after {@code first}, breaking at spaces before {@link #WIDTH}; later lines start with {@code rest}. */
    private static void wrap(String first, String rest, String text, PrintWriter out) {
        StringBuilder line = new StringBuilder(first);
        int start = line.length();
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(rest);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
