package org.convlab.algebra.worksheet;

import java.io.PrintWriter;
import java.util.List;

/** Writes exercises or the worksheet's answers as a complete LaTeX document (article, amsmath). */
public final class LatexRenderer {
    private LatexRenderer() {
    }

    /** Generated exercises as a document. */
    public static void exercises(String title, String intro, List<Exercise> exercises, PrintWriter out) {
        preamble(title, maxCols(exercises.stream().flatMap(e -> e.sections().stream()).toList()), out);
        out.println(escape(intro));
        for (Exercise e : exercises) {
            out.println();
            out.println("\\subsection*{Exercise " + e.number() + "}");
            out.println(escape(e.setting()));
            out.println("\\begin{enumerate}");
            for (Section s : e.sections()) {
                section(s, out);
            }
            out.println("\\end{enumerate}");
        }
        out.println("\\end{document}");
        out.flush();
    }

    /** Answered sections (the worksheet) as a document. */
    public static void sections(String title, List<String> intro, List<Section> sections, List<String> outro,
                                PrintWriter out) {
        preamble(title, maxCols(sections), out);
        out.println(escape(String.join(" ", intro)));
        out.println("\\begin{enumerate}");
        for (Section s : sections) {
            section(s, out);
        }
        out.println("\\end{enumerate}");
        for (String line : outro) {
            out.println(escape(line.strip()) + "\\\\");
        }
        out.println("\\end{document}");
        out.flush();
    }

    private static long maxCols(List<Section> sections) {
        return sections.stream().flatMap(s -> s.blocks().stream()).filter(b -> b instanceof Block.Matrix)
                .mapToLong(b -> ((Block.Matrix) b).cols()).max().orElse(10);
    }

    private static void preamble(String title, long cols, PrintWriter out) {
        out.println("\\documentclass{article}");
        out.println("\\usepackage{amsmath}");
        out.println("\\usepackage[margin=2cm]{geometry}");
        out.println("\\setcounter{MaxMatrixCols}{" + Math.max(10, cols) + "}");
        out.println("\\sloppy");
        out.println("\\begin{document}");
        out.println("\\section*{" + escape(title) + "}");
    }

    private static void section(Section s, PrintWriter out) {
        out.println("\\item[(" + s.id() + ")] " + escape(s.question()));
        out.println();
        out.println("\\textbf{Answer.}");
        out.println("\\begin{itemize}");
        for (Block b : s.blocks()) {
            if (b instanceof Block.Prose p) {
                out.println("\\item[] " + escape(p.text()));
            } else if (b instanceof Block.Figure f) {
                StringBuilder line = new StringBuilder("\\item " + escape(f.label()) + ": ");
                line.append(f.latex() != null ? "$" + f.latex() + "$" : "\\textbf{" + escape(f.value()) + "}");
                if (!f.arithmetic().isEmpty()) {
                    line.append(" \\quad {\\small\\texttt{").append(escape(f.arithmetic())).append("}}");
                }
                if (f.verdict() != Verdict.COMPUTED) {
                    line.append(" \\\\ worksheet: \\texttt{").append(escape(f.worksheet().replace("\n", " / ")))
                            .append("} ").append(f.verdict() == Verdict.AGREES ? "(agrees)" : "\\textbf{(differs)}");
                }
                if (!f.note().isEmpty()) {
                    line.append(" \\\\ ").append(escape(f.note()));
                }
                out.println(line);
            } else if (b instanceof Block.Matrix m) {
                out.println("\\item[] " + escape(m.caption()) + ":");
                out.println("\\[");
                out.print(m.latex().lines().filter(l -> !l.startsWith("\\setcounter")).map(l -> l + "\n")
                        .reduce("", String::concat));
                out.println("\\]");
            }
        }
        out.println("\\end{itemize}");
    }

    /** Escapes LaTeX's special characters in plain text. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> s.append('\\').append(c);
                case '^' -> s.append("\\^{}");
                case '~' -> s.append("\\textasciitilde{}");
                case '—' -> s.append("---");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
