package org.convlab.app;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.algebra.worksheet.Exercise;
import org.convlab.algebra.worksheet.ExerciseGenerator;
import org.convlab.algebra.worksheet.LatexRenderer;
import org.convlab.algebra.worksheet.MarkdownRenderer;
import org.convlab.algebra.worksheet.TextRenderer;
import org.convlab.algebra.worksheet.Worksheet;
import org.convlab.core.BadParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab worksheet}: question 1 of the worksheet answered and checked, or new exercises like it. */
@Command(name = "worksheet", mixinStandardHelpOptions = true,
        description = {"The worksheet's question 1 answered and checked; new exercises.",
            "Answers question 1 (a)-(h) of the worksheet (EECS 182, Discussion 4: weight sharing in CNN), "
                + "every figure computed, and flags the figures the worksheet prints wrong.",
            "With --generate N: N new exercises of the same kinds, with their answers, for teachers."},
        footer = {"%nExamples:",
            "  ./convlab worksheet",
            "  ./convlab worksheet --json",
            "  ./convlab worksheet --generate 3 --seed 7 --format md > exercises.md",
            "  ./convlab worksheet --generate 3 --seed 7 --format latex > exercises.tex"})
final class WorksheetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (same as --format json).")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, md, latex or json; default text for the answers, md for --generate.")
    String format;

    @Option(names = "--generate", paramLabel = "N", description = "Write N new exercises (1.."
            + ExerciseGenerator.MAX_EXERCISES + ") with their answers instead.")
    Integer generate;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generated exercises; default 1.")
    Long seed;

    @Override
    public Integer call() {
        String f = format == null ? (json ? "json" : generate == null ? "text" : "md")
                : format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("text", "md", "markdown", "latex", "tex", "json").contains(f)) {
            throw new BadParameterException("--format", "one of text, md, latex, json", format);
        }
        if (json && !f.equals("json")) {
            throw new BadParameterException("--json", "no --format other than json with --json, got --format " + format);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (generate != null) {
            generated(f, out);
        } else {
            if (seed != null) {
                throw new BadParameterException("--seed", "only with --generate (the worksheet's answers have no "
                        + "randomness), got --seed " + seed);
            }
            answers(f, out);
        }
        out.flush();
        return 0;
    }

    private void answers(String f, PrintWriter out) {
        Worksheet w = new Worksheet();
        switch (f) {
            case "json" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", Worksheet.TITLE);
                m.put("questions", WorksheetJson.sections(w.sections()));
                m.put("checked", w.checked().size());
                m.put("discrepancies", w.discrepancies().stream().map(WorksheetJson::block).toList());
                out.println(Json.write(m));
            }
            case "md", "markdown" -> MarkdownRenderer.sections(Worksheet.TITLE, w.intro(), w.sections(), w.summary(), out);
            case "latex", "tex" -> LatexRenderer.sections(Worksheet.TITLE, w.intro(), w.sections(), w.summary(), out);
            default -> TextRenderer.render(Worksheet.TITLE, w.intro(), w.sections(), w.summary(), out);
        }
    }

    private void generated(String f, PrintWriter out) {
        long s = seed == null ? 1 : seed;
        List<Exercise> exercises = ExerciseGenerator.generate(generate, s);
        String title = "Convolution exercises (convlab, seed " + s + ")";
        String intro = exercises.size() + " exercise" + (exercises.size() == 1 ? "" : "s")
                + " of the kinds of the worksheet's question 1 (a)-(h) and one more kind (i), written by `./convlab worksheet --generate "
                + generate + " --seed " + s + "`; every answer is computed by convlab's algebra. Indices are 1-based.";
        switch (f) {
            case "json" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", title);
                m.put("seed", s);
                m.put("exercises", WorksheetJson.exercises(exercises));
                out.println(Json.write(m));
            }
            case "latex", "tex" -> LatexRenderer.exercises(title, intro.replace("`", ""), exercises, out);
            case "text" -> throw new BadParameterException("--format", "md, latex or json with --generate", format);
            default -> MarkdownRenderer.exercises(title, intro, exercises, out);
        }
    }
}
