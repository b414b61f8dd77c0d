package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WorksheetCommandTest {
    @Test
    void textAnswersEveryPartAndFlagsTheTwoSlips() {
        Cli r = Cli.run("worksheet");
        assertThat(r.exit()).as(r.err()).isZero();
        for (String part : new String[] {"(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)"}) {
            assertThat(r.out()).contains("\n" + part + " ");
        }
        assertThat(r.out()).contains("y1 = k1x1 + k2x2 + k3x3").contains("k1 k2 k3  0  0  0  0  0  0")
                .contains("k19 k20 k21").contains("32 x 126 x 126").contains("99,883,155,456 ~ 9.9883 * 10^10")
                .contains("worksheet: a 508302 vector   [DIFFERS]")
                .contains("Summary: ").contains(" 2 differ:");
    }

    @Test
    void jsonListsTheDiscrepancies() throws Exception {
        JsonNode n = Json.mapper().readTree(Cli.run("worksheet", "--json").out());
        assertThat(n.get("questions")).hasSize(8);
        assertThat(n.get("discrepancies")).hasSize(2);
        assertThat(n.get("discrepancies").get(0).get("value").asText()).isEqualTo("508032");
        assertThat(n.get("discrepancies").get(0).get("worksheet").asText()).contains("508302");
    }

    @Test
    void generatedExercisesAreDeterministicPerSeed() {
        Cli a = Cli.run("worksheet", "--generate", "2", "--seed", "7", "--format", "md");
        Cli b = Cli.run("worksheet", "--generate", "2", "--seed", "7");
        Cli c = Cli.run("worksheet", "--generate", "2", "--seed", "8", "--format", "md");
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out()).isNotEqualTo(c.out()).contains("## Exercise 2")
                .contains("**(h)**").contains("```");
        Cli tex = Cli.run("worksheet", "--generate", "1", "--seed", "7", "--format", "latex");
        assertThat(tex.out()).startsWith("\\documentclass{article}").contains("\\begin{bmatrix}")
                .endsWith("\\end{document}\n");
    }

    @Test
    void answersAlsoInMarkdownAndLatex() {
        assertThat(Cli.run("worksheet", "--format", "md").out()).contains("(**differs**)");
        assertThat(Cli.run("worksheet", "--format", "latex").out()).contains("\\textbf{(differs)}");
    }
}
