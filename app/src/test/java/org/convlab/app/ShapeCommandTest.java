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

    @Test
    void inChannelsMakeA1dInputPyTorchsConv1dShape() throws Exception {
        Cli r = Cli.run("shape", "--in-channels", "3", "--input", "21", "--kernel", "8", "--filters", "9",
                "--stride", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("input").toString()).isEqualTo("[3,21]");
        assertThat(n.get("output").toString()).isEqualTo("[9,7]");
        assertThat(n.get("weight").toString()).isEqualTo("[9,3,8]");
        Cli image = Cli.run("shape", "--in-channels", "3", "--input", "28x28", "--kernel", "5", "--json");
        assertThat(Json.mapper().readTree(image.out()).get("output").toString()).isEqualTo("[1,24,24]");
    }

    @Test
    void twoNumbersSayTheyWereReadAsAnImage() {
        Cli r = Cli.run("shape", "--input", "3x21", "--kernel", "2");
        assertThat(r.out()).contains("output   2 x 20")
                .contains("note     --input 3x21 was read as a 2-D image of 3 x 21 (H x W); for 3 channels of "
                        + "length 21 give --in-channels 3 --input 21");
        Cli refused = Cli.run("shape", "--input", "3x21", "--kernel", "8");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("convlab shape: --kernel:").contains("give --in-channels 3 --input 21");
        assertThat(Cli.run("shape", "--input", "28x28", "--kernel", "3").out()).doesNotContain("read as");
    }

    @Test
    void inChannelsThatContradictTheInputAreRefused() {
        Cli r = Cli.run("shape", "--in-channels", "4", "--input", "3x5x5", "--kernel", "3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("convlab shape: --in-channels: expected the channels --input 3x5x5 "
                + "already gives (3), or an --input without channels (L or HxW), got 4");
        assertThat(Cli.run("shape", "--in-channels", "3", "--input", "3x5x5", "--kernel", "3").exit()).isZero();
        assertThat(Cli.run("shape", "--in-channels", "0", "--input", "5", "--kernel", "3").exit()).isEqualTo(2);
    }
}
