package org.convlab.algebra.worksheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;
import org.convlab.algebra.NumberText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorksheetTest {
    private static final Worksheet SHEET = new Worksheet();

    private static Block.Figure figure(String section, String label) {
        return SHEET.sections().stream().filter(s -> s.id().equals(section)).flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Block.Figure f && f.label().equals(label)).map(b -> (Block.Figure) b)
                .findFirst().orElseThrow(() -> new AssertionError("no figure " + label + " in (" + section + ")"));
    }

    @Test
    void everyPartIsAnswered() {
        assertThat(SHEET.sections()).extracting(Section::id).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(figure("a", "output size").value()).isEqualTo("7");
        assertThat(figure("a", "first element").value()).isEqualTo("y1 = k1x1 + k2x2 + k3x3");
        assertThat(figure("b", "last element").value()).isEqualTo("y9 = k1x8 + k2x9");
        assertThat(figure("b", "first element").note()).isEqualTo("k1x0 reads the zero padding and is dropped");
        assertThat(figure("c", "shape of K").value()).isEqualTo("7 x 9");
        assertThat(figure("d", "compared with (c)").value()).startsWith("rows 2..8 are K of (c)");
        assertThat(figure("e", "weights, all windows x taps").value()).isEqualTo("21");
        assertThat(figure("e", "weights touching real inputs").value()).isEqualTo("21");
        assertThat(figure("g", "each kernel filter").value()).isEqualTo("3 x 5 x 5");
        assertThat(figure("h", "output tensor").value()).isEqualTo("32 x 126 x 126");
        assertThat(figure("h", "weights").value()).isEqualTo("2400");
    }

    /** The worksheet's two slips in (h), and nothing else. */
    @Test
    void exactlyTheTwoSlipsOfPartHDiffer() {
        assertThat(SHEET.discrepancies()).extracting(Block.Figure::label)
                .containsExactly("flattened output", "MLP weights");
        Block.Figure out = figure("h", "flattened output");
        assertThat(out.value()).isEqualTo("508032");
        assertThat(out.worksheet()).contains("508302");
        assertThat(out.note()).contains("two neighbouring digits are swapped (03 printed as 30)");
        Block.Figure dense = figure("h", "MLP weights");
        assertThat(dense.value()).isEqualTo("99,883,155,456 ~ 9.9883 * 10^10");
        assertThat(dense.note()).contains("196,608 * 508,302 = 99,936,239,616 ~ 9.9936 * 10^10");
        assertThat(SHEET.checked()).hasSizeGreaterThanOrEqualTo(18)
                .filteredOn(f -> f.verdict() == Verdict.AGREES).hasSize(SHEET.checked().size() - 2);
        assertThat(SHEET.summary().get(0)).contains(SHEET.checked().size() + " printed answers checked")
                .contains("2 differ");
    }

    @Test
    void printedRowsWithEllipsesMatch() {
        List<String> rows = List.of("k1 k2 k3 0 0", "0 k1 k2 k3 0", "0 0 k1 k2 k3");
        assertThat(RowPattern.matches(List.of("k1 k2 k3 0 ... 0", "...", "0 ... 0 k1 k2 k3"), rows)).isTrue();
        assertThat(RowPattern.matches(List.of("k1 k2 k3 ...", "...", "0 ... k1 k2 k3 0"), rows)).isFalse();
        assertThat(RowPattern.matches(List.of("k1 k2 k3 0 0", "0 k1 k2 k3 0"), rows)).isFalse();
        assertThat(RowPattern.rowMatches("... k3", "k1 k2 k3")).isTrue();
        assertThat(RowPattern.rowMatches("k1 ... k2 k3 k4", "k1 k2 k3")).isFalse();
    }

    @Test
    void scientificRoundsLikeTheWorksheet() {
        assertThat(NumberText.scientific(java.math.BigInteger.valueOf(99_883_155_456L), 5)).isEqualTo("9.9883 * 10^10");
        assertThat(NumberText.scientific(java.math.BigInteger.valueOf(99_936_239_616L), 5)).isEqualTo("9.9936 * 10^10");
        assertThat(NumberText.scientific(java.math.BigInteger.valueOf(99_999_500_000L), 5)).isEqualTo("1.0000 * 10^11");
    }

    @Test
    void textReadsLikeTheWorksheet() {
        StringWriter s = new StringWriter();
        TextRenderer.render(Worksheet.TITLE, SHEET.intro(), SHEET.sections(), SHEET.summary(), new PrintWriter(s));
        assertThat(s.toString()).contains("        k1 k2 k3  0  0  0  0  0  0\n")
                .contains("worksheet: a 508302 vector   [DIFFERS]");
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    /** Generated exercises are answered consistently with the closed forms, and a seed fixes them. */
    @ParameterizedTest
    @MethodSource("seeds")
    void generatedExercisesAreConsistent(int seed) {
        List<Exercise> a = ExerciseGenerator.generate(3, seed);
        List<Exercise> b = ExerciseGenerator.generate(3, seed);
        assertThat(a).isEqualTo(b);
        for (Exercise e : a) {
            assertThat(e.sections()).extracting(Section::id).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
            String setting = e.setting();
            int n = Integer.parseInt(setting.replaceAll(".*\\[x1 \\.\\.\\. x(\\d+)].*", "$1"));
            int k = setting.replaceAll(".*k = \\[([^]]*)].*", "$1").split(" ").length;
            Section sa = e.sections().get(0);
            assertThat(((Block.Figure) sa.blocks().get(0)).value()).isEqualTo(Integer.toString(n - k + 1));
            Section se = e.sections().get(4);
            Block.Figure weights = (Block.Figure) se.blocks().get(1);
            assertThat(weights.value()).isEqualTo(Integer.toString((n - k + 1) * k));
            Section sb = e.sections().get(1);
            assertThat(((Block.Figure) sb.blocks().get(0)).value()).isEqualTo(Integer.toString(n));
        }
        assertThat(ExerciseGenerator.generate(3, seed + 1000)).isNotEqualTo(a);
    }
}
