package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code shape --in-channels C --input L} gives PyTorch's Conv1d output shape {@code [C_out, L_out]},
 * or refuses with the same culprit, on every row of {@code golden/conv1d_channels.csv}
 * ({@code tools/golden/conv_shapes.py conv1d-channels}, torch 1.13).
 */
class GoldenConv1dChannelsTest {

    /** Which parameter the one-line error must name for each of PyTorch's refusal kinds. */
    private static final Map<String, String> CULPRIT = Map.of(
            "kernel", "--kernel",
            "same-stride", "--padding",
            "groups-in", "--groups",
            "groups-out", "--groups",
            "reflect-pad", "--padding",
            "circular-pad", "--padding");

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GoldenConv1dChannelsTest.class.getResourceAsStream("/golden/conv1d_channels.csv"),
                StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("in_channels,out_channels,groups,input,kernel,stride,dilation,"
                    + "padding,padding_mode,output,refusal");
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    @Test
    void everyRowAgreesWithPyTorchsConv1d() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(200);
        List<String> mismatches = new ArrayList<>();
        int computed = 0;
        // one command tree for all rows (picocli resets every option before each parse): building
        // the whole tree per row would make this test take half a minute
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        for (String[] f : rows) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            int exit = cli.execute("shape", "--in-channels", f[0], "--filters", f[1], "--groups", f[2], "--input", f[3],
                    "--kernel", f[4], "--stride", f[5], "--dilation", f[6], "--padding", f[7],
                    "--padding-mode", f[8], "--json");
            Cli r = new Cli(exit, out.toString(), err.toString());
            String where = String.join(",", f);
            if (f[10].isEmpty()) {
                if (r.exit() != 0) {
                    mismatches.add(where + ": PyTorch computed " + f[9] + ", we refused: " + r.err().strip());
                    continue;
                }
                JsonNode output = Json.mapper().readTree(r.out()).get("output");
                String got = StreamSupport.stream(output.spliterator(), false).map(JsonNode::asText)
                        .collect(Collectors.joining("x"));
                computed++;
                if (!got.equals(f[9])) {
                    mismatches.add(where + ": PyTorch " + f[9] + ", we " + got);
                }
            } else if (r.exit() != 2) {
                mismatches.add(where + ": PyTorch refused (" + f[10] + "), we exited " + r.exit() + ": " + r.out());
            } else if (!r.err().startsWith("convlab shape: " + CULPRIT.get(f[10]) + ":")
                    || r.err().strip().contains("\n")) {
                mismatches.add(where + ": PyTorch refused (" + f[10] + "), we said " + r.err().strip());
            }
        }
        assertThat(mismatches).as("rows that disagree with PyTorch").isEmpty();
        assertThat(computed).as("rows with an output shape").isGreaterThan(150);
    }
}
