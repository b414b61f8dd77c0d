package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ShapeCommandTest {
    @Test
    void worksheetImageCaseAsJson() throws Exception {
        Cli r = Cli.run("shape", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("output").toString()).isEqualTo("[32,126,126]");
    }

    @Test
    void textShowsFormulaAndTheUnreadColumn() {
        Cli r = Cli.run("shape", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2");
        assertThat(r.out()).contains("output   32 x 126 x 126")
                .contains("W: floor((256 + 0 + 0 - 1*(5-1) - 1) / 2) + 1 = floor(251 / 2) + 1 = 126")
                .contains("W: column 256 of 256 is never read (1-based)");
    }

    @Test
    void badValuesGiveOneLineAndExitTwo() {
        Cli r = Cli.run("shape", "--input", "9", "--kernel", "3", "--stride", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("stride").contains("got '0'");
        Cli same = Cli.run("shape", "--input", "9", "--kernel", "3", "--stride", "2", "--padding", "same");
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("not supported for strided convolutions");
        Cli unknown = Cli.run("shape", "--input", "9", "--kernel", "3", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--frobnicate");
    }

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("shape");
    }
}
