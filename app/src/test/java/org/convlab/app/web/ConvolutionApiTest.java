package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.algebra.SameMode;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Entry;
import org.convlab.algebra.matrix.MatrixWriter;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.core.ConvlabException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/conv} through a real HTTP client: the worksheet's answers, agreement with the algebra, bad input. */
class ConvolutionApiTest {
    @TempDir
    static Path reports;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(reports);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode conv(String query) {
        TestServer.Reply r = server.get("/api/conv?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Row r of K written out densely, "0" for zeros, like the worksheet. */
    private static List<String> row(JsonNode k, int r) {
        int cols = k.get("cols").asInt();
        List<String> dense = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            dense.add("0");
        }
        k.get("matrix").get(r).forEach(e -> dense.set(e.get(0).asInt(), e.get(1).asText()));
        return dense;
    }

    @Test
    void worksheetPartAGivesSevenOutputsTheFormulaAndToeplitzRows() {
        JsonNode k = conv("input=9&kernel=3");
        assertThat(k.get("output").get(0).asInt()).isEqualTo(7);
        assertThat(texts(k.get("formulas"))).containsExactly(
                "n: floor((9 + 0 + 0 - 1*(3-1) - 1) / 1) + 1 = floor(6 / 1) + 1 = 7");
        assertThat(k.get("rows").asInt()).isEqualTo(7);
        assertThat(k.get("cols").asInt()).isEqualTo(9);
        assertThat(row(k, 0)).containsExactly("k1", "k2", "k3", "0", "0", "0", "0", "0", "0");
        assertThat(row(k, 6)).containsExactly("0", "0", "0", "0", "0", "0", "k1", "k2", "k3");
        JsonNode first = k.get("elements").get(0);
        assertThat(first.get("name").asText()).isEqualTo("y1");
        assertThat(first.get("expression").asText()).isEqualTo("k1x1 + k2x2 + k3x3");
        assertThat(k.get("elements").get(6).get("expression").asText()).isEqualTo("k1x7 + k2x8 + k3x9");
        assertThat(texts(k.get("col_labels"))).startsWith("x1", "x2").endsWith("x9");
        assertThat(k.get("unread")).isEmpty();
    }

    @Test
    void samePaddingDropsTheTapsOnPaddedZerosAndShowsWhereTheyAre() {
        JsonNode k = conv("input=9&kernel=3&padding=same");
        assertThat(k.get("output").get(0).asInt()).isEqualTo(9);
        assertThat(texts(k.get("resolved_padding"))).containsExactly("n: 1 before, 1 after");
        JsonNode y1 = k.get("elements").get(0);
        assertThat(y1.get("expression").asText()).isEqualTo("k2x1 + k3x2");
        // the window of y1 covers padded position -1 (a zero, read as column -1), then x1 and x2
        assertThat(y1.get("taps").toString()).isEqualTo("[[-1],[0],[1]]");
        assertThat(y1.get("reads").toString()).isEqualTo("[-1,0,1]");
        assertThat(k.get("elements").get(8).get("expression").asText()).isEqualTo("k1x8 + k2x9");
        assertThat(row(k, 0)).containsExactly("k2", "k3", "0", "0", "0", "0", "0", "0", "0");
    }

    @Test
    void unsharedWeightsAreNumberedRowByRowAndCountedAgainstSharedAndDense() {
        JsonNode k = conv("input=9&kernel=3&weights=unshared");
        assertThat(k.get("unshared").asBoolean()).isTrue();
        assertThat(row(k, 1)).containsExactly("0", "k4", "k5", "k6", "0", "0", "0", "0", "0");
        assertThat(k.get("weight_count").asInt()).isEqualTo(21);
        JsonNode cost = k.get("cost");
        assertThat(cost.get("shared").get("weights").asText()).isEqualTo("3");
        assertThat(cost.get("shared").get("parameters").asText()).isEqualTo("4");
        assertThat(cost.get("unshared").get("weights").asText()).isEqualTo("21");
        assertThat(cost.get("unshared").get("parameters").asText()).isEqualTo("28");
        assertThat(cost.get("dense").get("weights").asText()).isEqualTo("63");
        assertThat(cost.get("dense").get("parameters").asText()).isEqualTo("70");
    }

    @Test
    void channelsFiltersAndGroupsGiveKItsBlocks() {
        JsonNode k = conv("input=4&channels=4&filters=2&groups=2&kernel=2");
        assertThat(k.get("channels").asInt()).isEqualTo(4);
        assertThat(k.get("filters").asInt()).isEqualTo(2);
        assertThat(k.get("channels_per_group").asInt()).isEqualTo(2);
        assertThat(k.get("weight_shape").toString()).isEqualTo("[2,2,2]");
        assertThat(k.get("rows").asInt()).isEqualTo(6);
        assertThat(k.get("cols").asInt()).isEqualTo(16);
        assertThat(k.get("block_rows").asInt()).isEqualTo(3);
        assertThat(k.get("block_cols").asInt()).isEqualTo(4);
        // filter 1 reads channels 1-2 only, filter 2 channels 3-4: K is block-diagonal
        assertThat(row(k, 0)).containsExactly("k[1,1,1]", "k[1,1,2]", "0", "0", "k[1,2,1]", "k[1,2,2]", "0", "0",
                "0", "0", "0", "0", "0", "0", "0", "0");
        assertThat(row(k, 3).subList(0, 8)).containsOnly("0");
        JsonNode y = k.get("elements").get(3);
        assertThat(y.get("name").asText()).isEqualTo("y[2,1]");
        assertThat(y.get("filter").asInt()).isEqualTo(1);
        assertThat(y.get("tap_channels").toString()).isEqualTo("[2,2,3,3]");
        assertThat(y.get("taps").toString()).isEqualTo("[[0],[1],[0],[1]]");
        assertThat(y.get("reads").toString()).isEqualTo("[8,9,12,13]");
        assertThat(y.get("expression").asText())
                .isEqualTo("k[2,1,1]x[3,1] + k[2,1,2]x[3,2] + k[2,2,1]x[4,1] + k[2,2,2]x[4,2]");
    }

    @Test
    void channelCountsAreBounded() {
        TestServer.Reply r = server.get("/api/conv?input=4&channels=5");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("channels: expected a whole number from 1 to 4, got '5'");
        TestServer.Reply g = server.get("/api/conv?input=4&channels=3&groups=2");
        assertThat(g.status()).isEqualTo(400);
        assertThat(g.text()).contains("groups");
    }

    /** The same two unshared counts under the same keys as matrix --unshared and cost (WeightVocabularyTest). */
    @Test
    void unsharedCountsUseTheCommandsVocabulary() {
        JsonNode cost = conv("input=9&kernel=3&padding=same&weights=unshared").get("cost");
        assertThat(cost.get("unshared").get("weights_all_windows_x_taps").asText()).isEqualTo("27");
        assertThat(cost.get("unshared").get("weights_touching_real_inputs").asText()).isEqualTo("25");
        assertThat(cost.get("unshared").get("weight_shape").toString()).isEqualTo("[9,1,1,3]");
        assertThat(cost.get("dense").get("weight_ratio_dense_to_conv").asText()).isEqualTo("27");
        assertThat(cost.get("dense").get("parameter_ratio_dense_to_conv").asText()).isEqualTo("22.5");
    }

    @Test
    void reflectPaddingNamesTheCopiedInputsAndCollectsRepeatedTerms() {
        JsonNode k = conv("input=5&kernel=3&padding=1&mode=reflect");
        JsonNode y1 = k.get("elements").get(0);
        assertThat(y1.get("expression").asText()).isEqualTo("k1x2 + k2x1 + k3x2");
        assertThat(y1.get("combined").asText()).isEqualTo("k2x1 + (k1 + k3)x2");
        assertThat(row(k, 0)).containsExactly("k2", "k1+k3", "0", "0", "0");
        // padded positions -1 and 5 copy x2 and x4 (0-based 1 and 3)
        assertThat(k.get("pad_sources").get(0).toString()).isEqualTo("[1,0,1,2,3,4,3]");
    }

    @Test
    void aStrideThatDoesNotFitLeavesTheLastInputUnread() {
        JsonNode k = conv("input=10&kernel=3&stride=2");
        assertThat(k.get("output").get(0).asInt()).isEqualTo(4);
        assertThat(texts(k.get("unread"))).singleElement().asString().startsWith("n: input 10 of 10 is never read");
        assertThat(k.get("unread_ranges").get(0).toString()).isEqualTo("[[9,9]]");
    }

    @Test
    void twoDimensionalInputsGiveDoublyBlockToeplitzRowsAndIndexedNames() {
        JsonNode k = conv("input=3x3&kernel=2");
        assertThat(k.get("output").toString()).isEqualTo("[2,2]");
        assertThat(k.get("rows").asInt()).isEqualTo(4);
        assertThat(k.get("cols").asInt()).isEqualTo(9);
        assertThat(row(k, 3)).containsExactly("0", "0", "0", "0", "k[1,1]", "k[1,2]", "0", "k[2,1]", "k[2,2]");
        JsonNode last = k.get("elements").get(3);
        assertThat(last.get("name").asText()).isEqualTo("y[2,2]");
        assertThat(last.get("position").toString()).isEqualTo("[1,1]");
        assertThat(last.get("expression").asText())
                .isEqualTo("k[1,1]x[2,2] + k[1,2]x[2,3] + k[2,1]x[3,2] + k[2,2]x[3,3]");
        assertThat(last.get("taps").toString()).isEqualTo("[[1,1],[1,2],[2,1],[2,2]]");
    }

    @Test
    void tensorflowSameWithAStrideIsAccepted() {
        JsonNode k = conv("input=10&kernel=3&stride=2&padding=same&same=tf");
        assertThat(k.get("output").get(0).asInt()).isEqualTo(5);
        assertThat(k.get("pad_before").get(0).asInt()).isZero();
        assertThat(k.get("pad_after").get(0).asInt()).isEqualTo(1);
    }

    /** The page's matrix and elements are the algebra's, cell for cell, on random geometries. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void agreesWithTheAlgebraModuleOnRandomGeometries(long seed) {
        Random rnd = new Random(seed);
        boolean twoD = rnd.nextBoolean();
        String[] modes = {"zeros", "reflect", "replicate", "circular"};
        for (int attempt = 0; attempt < 200; attempt++) {
            int h = 1 + rnd.nextInt(twoD ? 7 : 14);
            int w = 1 + rnd.nextInt(7);
            int k = 1 + rnd.nextInt(4);
            int s = 1 + rnd.nextInt(3);
            int d = 1 + rnd.nextInt(2);
            String pad = switch (rnd.nextInt(4)) {
                case 0 -> "valid";
                case 1 -> "full";
                case 2 -> Integer.toString(rnd.nextInt(3));
                default -> twoD ? rnd.nextInt(3) + "," + rnd.nextInt(3) : rnd.nextInt(3) + "," + rnd.nextInt(3);
            };
            String mode = modes[rnd.nextInt(modes.length)];
            boolean unshared = rnd.nextBoolean();
            int[] size = twoD ? new int[] {h, w} : new int[] {h};
            ConvGeometry g;
            try {
                g = ConvGeometry.builder().size(size).kernel(twoD ? new int[] {k, k} : new int[] {k})
                        .stride(twoD ? new int[] {s, s} : new int[] {s}).dilation(twoD ? new int[] {d, d} : new int[] {d})
                        .padding(Padding.parse(pad, size.length)).paddingMode(PaddingMode.parse(mode))
                        .sameMode(SameMode.TORCH).build();
            } catch (ConvlabException e) {
                continue; // a geometry the algebra refuses: drawn again
            }
            String query = "input=" + (twoD ? h + "x" + w : Integer.toString(h)) + "&kernel=" + k + "&stride=" + s
                    + "&dilation=" + d + "&padding=" + pad.replace(",", "%2C") + "&mode=" + mode
                    + (unshared ? "&weights=unshared" : "");
            JsonNode json = conv(query);
            ConvMatrix m = ConvMatrix.of(g, unshared);
            MatrixWriter writer = new MatrixWriter(m, null, false);
            Elements elements = new Elements(g, unshared);
            assertThat(json.get("rows").asLong()).as(query).isEqualTo(m.rows());
            assertThat(json.get("cols").asLong()).as(query).isEqualTo(m.cols());
            for (int r = 0; r < m.rows(); r++) {
                List<Entry> entries = m.row(r);
                JsonNode cells = json.get("matrix").get(r);
                assertThat(cells.size()).as(query + " row " + r).isEqualTo(entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    assertThat(cells.get(i).get(0).asLong()).isEqualTo(entries.get(i).col());
                    assertThat(cells.get(i).get(1).asText()).isEqualTo(writer.cell(entries.get(i)));
                }
                assertThat(json.get("elements").get(r).get("expression").asText()).as(query + " row " + r)
                        .isEqualTo(elements.at(r).text());
            }
            return;
        }
        throw new AssertionError("no valid geometry drawn for seed " + seed);
    }

    /** Bad values: a 400 and one JSON line naming the parameter, what was expected and what was given. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "input=0                          | input: expected N, HxW or CxHxW with positive integers (e.g. 9, 28x28, 3x256x256), got '0'",
        "input=abc                        | input: expected N, HxW or CxHxW",
        "input=65                         | input: expected a length from 1 to 64, got '65'",
        "input=17x4                       | input: expected sides from 1 to 16 (e.g. 5x5), got '17x4'",
        "input=3x5x5                      | input: expected N or HxW (give the input channels as channels=C), got '3x5x5'",
        "input=99999999999999             | input: expected N, HxW or CxHxW",
        "kernel=0                         | kernel: expected a positive integer, got '0'",
        "kernel=17                        | kernel: expected values from 1 to 16, got '17'",
        "kernel=10                        | kernel: the (dilated) kernel spans 10 positions but the padded input has only 9",
        "stride=-1                        | stride: expected a positive integer, got '-1'",
        "stride=1.5                       | stride: expected a positive integer, got '1.5'",
        "dilation=9                       | dilation: expected values from 1 to 8, got '9'",
        "padding=17                       | padding: expected amounts from 0 to 16, got '17'",
        "padding=-1                       | padding: expected non-negative amounts, got '-1'",
        "padding=huge                     | padding: expected valid, same, full, P or L,R, got 'huge'",
        "stride=2&padding=same            | padding: padding='same' is not supported for strided convolutions (stride 2); PyTorch refuses it too. Use TensorFlow's meaning of 'same' (same=tf) for TensorFlow's ceil(n/s) rule, or give the padding explicitly",
        "mode=mirror                      | mode: expected one of zeros, reflect, replicate, circular, got 'mirror'",
        "same=keras                       | same: expected one of torch, tf, got 'keras'",
        "weights=some                     | weights: expected one of shared, unshared, got 'some'",
        "input=16x16&kernel=16&dilation=8&padding=full | input: expected a matrix K of at most 65,536 entries",
        "input=9&input=10                 | input: expected one value, got '2 values'",
        "colour=red                       | colour: unknown parameter; this page takes channels, dilation, filters, groups, input, kernel, mode, padding, same, stride, weights",
        "channels=0                       | channels: expected a whole number from 1 to 4, got '0'",
        "filters=x                        | filters: expected a whole number from 1 to 4, got 'x'",
        "channels=2&filters=3&groups=2    | groups: ",
        "input=9%0Aevil                   | input: expected printable characters, got '9?evil'",
        "input=1111111111111111111111111111111111111111111111111111111111111111111 | input: expected at most 64 characters, got '67 characters'",
    })
    void badValuesGetA400WithOneLineNamingTheParameter(String query, String message) {
        TestServer.Reply r = server.get("/api/conv?" + query.trim());
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        String error = r.json().get("error").asText();
        assertThat(error).startsWith(message.trim()).doesNotContain("\n");
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(server.log()).isEmpty();
    }
}
