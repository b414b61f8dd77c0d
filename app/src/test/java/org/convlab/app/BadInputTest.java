package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value gives exit code 2, nothing on stdout and one line on stderr that names the culprit. */
class BadInputTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // shape: sizes, strides, dilations, groups, padding, modes, DIMS
                bad("--input", "shape", "--input", "0", "--kernel", "3"),
                bad("--kernel", "shape", "--input", "9", "--kernel", "0"),
                bad("stride", "shape", "--input", "9", "--kernel", "3", "--stride", "0"),
                bad("stride", "shape", "--input", "9", "--kernel", "3", "--stride", "-1"),
                bad("dilation", "shape", "--input", "9", "--kernel", "3", "--dilation", "0"),
                bad("padding", "shape", "--input", "9", "--kernel", "3", "--padding", "-1"),
                bad("kernel", "shape", "--input", "9", "--kernel", "10"),
                bad("groups", "shape", "--input", "3x9x9", "--kernel", "3", "--groups", "2"),
                bad("groups", "shape", "--input", "9", "--kernel", "3", "--filters", "3", "--groups", "3"),
                bad("padding", "shape", "--input", "9", "--kernel", "3", "--stride", "2", "--padding", "same"),
                bad("--input", "shape", "--input", "28y28", "--kernel", "3"),
                bad("--input", "shape", "--input", "1x2x3x4", "--kernel", "1"),
                bad("padding-mode", "shape", "--input", "9", "--kernel", "3", "--padding-mode", "mirror"),
                bad("same-mode", "shape", "--input", "9", "--kernel", "3", "--same-mode", "jax"),
                bad("padding", "shape", "--input", "9x9", "--kernel", "3", "--padding", "1,2,3"),
                bad("padding", "shape", "--input", "4", "--kernel", "3", "--padding", "4", "--padding-mode", "reflect"),
                bad("padding", "shape", "--input", "4", "--kernel", "3", "--padding", "5", "--padding-mode", "circular"),
                bad("groups", "shape", "--input", "9", "--kernel", "3", "--groups", "0"),
                bad("filters", "shape", "--input", "9", "--kernel", "3", "--filters", "0"),
                bad("--input", "shape", "--kernel", "3"),
                bad("--kernel", "shape", "--input", "9"),
                bad("--kernel", "shape", "--input", "9", "--kernel", "3x3"),
                bad("--kernel", "shape", "--input", "9", "--kernel", "abc"),
                bad("--groups", "shape", "--input", "9", "--kernel", "3", "--groups", "x"),
                bad("--frobnicate", "shape", "--input", "9", "--kernel", "3", "--frobnicate"),
                // elements
                bad("--at", "elements", "--input", "9", "--kernel", "3", "--at", "8"),
                bad("--at", "elements", "--input", "9", "--kernel", "3", "--at", "middle"),
                bad("--at", "elements", "--input", "9", "--kernel", "3", "--at", "0"),
                bad("--at", "elements", "--input", "3x5x5", "--kernel", "3", "--at", "1,2,3,4"),
                bad("--at", "elements", "--input", "3x5x5", "--kernel", "3", "--at", "first,2"),
                bad("--at", "elements", "--input", "1000000", "--kernel", "1", "--at", "all"),
                bad("filters", "elements", "--input", "2000000000x2000000000x2000000000", "--kernel", "1",
                        "--filters", "2000000000"),
                bad("padding", "elements", "--input", "2", "--kernel", "3", "--padding", "2", "--padding-mode",
                        "reflect"),
                // matrix
                bad("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,2"),
                bad("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,a,3"),
                bad("--weights", "matrix", "--input", "9", "--kernel", "3", "--weights", "1,NaN,3"),
                bad("--weights", "matrix", "--input", "9", "--kernel", "3", "--unshared", "--weights", "1,2,3"),
                bad("--format", "matrix", "--input", "9", "--kernel", "3", "--format", "xml"),
                bad("--dense", "matrix", "--input", "9", "--kernel", "3", "--dense"),
                bad("--format", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2"),
                bad("--format", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--format",
                        "csv"),
                bad("--dense", "matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--format",
                        "json", "--dense"),
                // cost
                bad("--stack", "cost", "--stack", "k3,x"),
                bad("--stack", "cost", "--stack", "s2"),
                bad("--stack", "cost", "--stack", "k3k3"),
                bad("--stride", "cost", "--stack", "k3", "--stride", "2"),
                bad("--stack", "cost", "--input", "8", "--stack", "k3,k9"),
                bad("--stack", "cost", "--input", "8", "--stack", "k3s2psame"),
                bad("--input", "cost"),
                bad("kernel", "cost", "--input", "3x4x4", "--kernel", "5", "--filters", "8"),
                // worksheet
                bad("--generate", "worksheet", "--generate", "0"),
                bad("--generate", "worksheet", "--generate", "1001"),
                bad("--generate", "worksheet", "--generate", "abc"),
                bad("--seed", "worksheet", "--seed", "3"),
                bad("--format", "worksheet", "--format", "pdf"),
                bad("--format", "worksheet", "--generate", "2", "--format", "text"),
                bad("--json", "worksheet", "--json", "--format", "md"));
    }

    private static Arguments bad(String culprit, String... args) {
        return Arguments.of(culprit, args);
    }

    @ParameterizedTest(name = "{index}: {1} -> {0}")
    @MethodSource("cases")
    void exitsTwoWithOneLineNamingTheCulprit(String culprit, String[] args) {
        Cli r = Cli.run(args);
        assertThat(r.exit()).as("exit code of %s (stderr: %s)", String.join(" ", args), r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.err().strip()).as("stderr").isNotEmpty().doesNotContain("\n").contains(culprit)
                .doesNotContain("Exception").doesNotContain("internal error");
    }
}
