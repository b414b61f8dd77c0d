package org.convlab.algebra.worksheet;

import java.io.PrintWriter;
import java.util.List;

/** Writes exercises or the worksheet's answers as Markdown: headings, bullet lists, matrices in code blocks. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    /** Generated exercises under a title. */
    public static void exercises(String title, String intro, List<Exercise> exercises, PrintWriter out) {
        out.println("# " + title);
        out.println();
        out.println(intro);
        for (Exercise e : exercises) {
            out.println();
            out.println("## Exercise " + e.number());
            out.println();
            out.println(e.setting());
            for (Section s : e.sections()) {
                section(s, out);
            }
        }
        out.flush();
    }

    /** Answered sections (the worksheet) under a title, with closing lines. */
    public static void sections(String title, List<String> intro, List<Section> sections, List<String> outro,
                                PrintWriter out) {
        out.println("# " + title);
        out.println();
        out.println(String.join(" ", intro));
        for (Section s : sections) {
            section(s, out);
        }
        out.println();
        for (String line : outro) {
            out.println(line.startsWith("  ") ? "- " + line.strip() : line);
        }
        out.flush();
    }

    private static void section(Section s, PrintWriter out) {
        out.println();
        out.println("**(" + s.id() + ")** " + s.question());
        out.println();
        for (Block b : s.blocks()) {
            if (b instanceof Block.Prose p) {
                out.println();
                out.println(p.text());
                out.println();
            } else if (b instanceof Block.Figure f) {
                StringBuilder line = new StringBuilder("- " + f.label() + ": **" + f.value() + "**");
                if (!f.arithmetic().isEmpty()) {
                    line.append(" — `").append(f.arithmetic()).append('`');
                }
                if (f.verdict() != Verdict.COMPUTED) {
                    line.append(" — worksheet: `").append(f.worksheet().replace("\n", " / ")).append("` ")
                            .append(f.verdict() == Verdict.AGREES ? "(agrees)" : "(**differs**)");
                }
                if (!f.note().isEmpty()) {
                    line.append(" — ").append(f.note());
                }
                out.println(line);
            } else if (b instanceof Block.Matrix m) {
                out.println(m.caption() + ":");
                out.println();
                out.println("```");
                m.lines().forEach(out::println);
                out.println("```");
                out.println();
            }
        }
    }
}
