package org.convlab.lab.reporting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.convlab.core.SafeFiles;

/**
 * The report as one self-contained HTML page: inline CSS, system fonts, no scripts, images by
 * relative links to files beside it — it opens offline from the folder. Pictures of tensors are
 * enlarged with {@code image-rendering: pixelated}; charts are shown as drawn.
 */
public final class HtmlPage {
    private static final String CSS = """
            :root { --ink: #1f2430; --muted: #5b6474; --line: #e3e6ec; --accent: #0072b2; --bg: #f6f7f9; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink);
                   font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            header { background: linear-gradient(120deg, #14213d, #0b4f7c); color: #fff; padding: 36px 0 28px; }
            header h1 { margin: 0 0 6px; font-size: 30px; letter-spacing: -0.5px; }
            header p { margin: 0; color: #d5e3f0; }
            .wrap { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
            .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px;
                     margin: 22px 0 0; }
            .fact { background: rgba(255,255,255,0.1); border-radius: 8px; padding: 10px 14px; }
            .fact b { display: block; font-size: 12px; text-transform: uppercase; letter-spacing: 0.6px;
                      color: #a9c7e2; font-weight: 600; }
            nav { margin: 22px 0 0; display: flex; flex-wrap: wrap; gap: 8px; }
            nav a { color: #fff; text-decoration: none; background: rgba(255,255,255,0.14); padding: 5px 12px;
                    border-radius: 999px; font-size: 14px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 12px; margin: 26px 0;
                      padding: 26px 30px; }
            h2 { margin: 0 0 12px; font-size: 23px; }
            h3 { font-size: 16px; margin: 22px 0 8px; color: var(--muted); }
            .question { color: var(--muted); font-style: italic; border-left: 3px solid var(--line);
                        margin: 0 0 14px; padding: 2px 0 2px 14px; }
            .answer { background: #eef6fc; border-left: 4px solid var(--accent); padding: 12px 16px;
                      border-radius: 6px; margin: 0 0 14px; }
            .answer b { color: var(--accent); }
            ul.findings { margin: 0 0 8px; padding-left: 20px; }
            ul.findings li { margin: 4px 0; }
            .figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 18px;
                    margin-top: 16px; }
            figure { margin: 0; }
            figure.wide { grid-column: 1 / -1; }
            figure img { width: 100%; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px;
                         background: #fff; }
            figure img.pixels { image-rendering: pixelated; image-rendering: crisp-edges; }
            figcaption { font-size: 14px; color: var(--muted); margin-top: 6px; }
            figcaption b { color: var(--ink); }
            table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 4px;
                    font-variant-numeric: tabular-nums; }
            th, td { text-align: right; padding: 6px 10px; border-bottom: 1px solid var(--line); }
            th:first-child, td:first-child { text-align: left; }
            th { color: var(--muted); font-weight: 600; background: #fafbfc; }
            .scroll { overflow-x: auto; }
            .note { font-size: 13px; color: var(--muted); }
            footer { color: var(--muted); font-size: 13px; padding: 10px 0 40px; }
            """;

    /** Pictures wider than this (CSS pixels) get a row of their own. */
    static final int WIDE = 580;

    private HtmlPage() {
    }

    /**
     * One section of the page.
     *
     * @param id       the anchor
     * @param title    the heading
     * @param question the question it answers (may be empty)
     * @param answer   the answer (may be empty)
     * @param findings findings in numbers
     * @param figures  figures, files beside the page
     * @param tables   tables
     * @param note     a small print line (may be empty)
     */
    public record Section(String id, String title, String question, String answer, List<String> findings,
                          List<Figure> figures, List<Table> tables, String note) {
    }

    /** The page's text. */
    public static String render(String title, String subtitle, List<String[]> facts, List<Section> sections,
                                String footer) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><div class=\"wrap\">\n<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(subtitle))
                .append("</p>\n<div class=\"facts\">\n");
        for (String[] f : facts) {
            h.append("<div class=\"fact\"><b>").append(esc(f[0])).append("</b>").append(esc(f[1])).append("</div>\n");
        }
        h.append("</div>\n<nav>");
        for (Section s : sections) {
            h.append("<a href=\"#").append(esc(s.id())).append("\">").append(esc(s.title())).append("</a>");
        }
        h.append("</nav>\n</div></header>\n<main class=\"wrap\">\n");
        for (Section s : sections) {
            section(h, s);
        }
        h.append("</main>\n<footer class=\"wrap\">").append(esc(footer)).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the page to {@code file}. */
    public static void write(Path file, String html) {
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
        SafeFiles.write(file, html.getBytes(StandardCharsets.UTF_8));
    }

    private static void section(StringBuilder h, Section s) {
        h.append("<section id=\"").append(esc(s.id())).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
        if (!s.question().isEmpty()) {
            h.append("<p class=\"question\">").append(esc(s.question())).append("</p>\n");
        }
        if (!s.answer().isEmpty()) {
            h.append("<p class=\"answer\"><b>Answer, measured.</b> ").append(esc(s.answer())).append("</p>\n");
        }
        if (!s.findings().isEmpty()) {
            h.append("<ul class=\"findings\">\n");
            for (String f : s.findings()) {
                h.append("<li>").append(esc(f)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!s.figures().isEmpty()) {
            h.append("<div class=\"figs\">\n");
            for (Figure f : s.figures()) {
                boolean wide = f.displayWidth() < 0 || f.displayWidth() > WIDE;
                h.append("<figure").append(wide ? " class=\"wide\"" : "").append("><img src=\"")
                        .append(esc(f.file())).append("\" alt=\"").append(esc(f.title())).append('"')
                        .append(f.pixelated() ? " class=\"pixels\"" : "")
                        .append(f.displayWidth() > 0 ? " style=\"width: " + f.displayWidth() + "px\"" : "")
                        .append("><figcaption><b>")
                        .append(esc(f.title())).append(".</b> ").append(esc(f.caption()))
                        .append("</figcaption></figure>\n");
            }
            h.append("</div>\n");
        }
        for (Table t : s.tables()) {
            table(h, t);
        }
        if (!s.note().isEmpty()) {
            h.append("<p class=\"note\">").append(esc(s.note())).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** A table as HTML. */
    static void table(StringBuilder h, Table t) {
        h.append("<h3>").append(esc(t.title())).append("</h3>\n<div class=\"scroll\"><table>\n<tr>");
        for (String c : t.header()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> r : t.rows()) {
            h.append("<tr>");
            for (String c : r) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    /** HTML-escapes text. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
