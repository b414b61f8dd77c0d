package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * One layer, one vocabulary: input 9, kernel 3, 'same' padding has 27 unshared weights (all
 * windows x taps) of which 25 touch real inputs, and matrix --unshared, cost and the worksheet
 * say so with the same words and JSON keys (the explorer's are in ConvolutionApiTest).
 */
class WeightVocabularyTest {
    private static final String[] LAYER = {"--input", "9", "--kernel", "3", "--padding", "same"};

    private static String[] args(String command, String... more) {
        String[] all = new String[1 + LAYER.length + more.length];
        all[0] = command;
        System.arraycopy(LAYER, 0, all, 1, LAYER.length);
        System.arraycopy(more, 0, all, 1 + LAYER.length, more.length);
        return all;
    }

    @Test
    void matrixUnsharedGivesBothCounts() throws Exception {
        Cli text = Cli.run(args("matrix", "--unshared"));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("weights, all windows x taps 27; weights touching real inputs 25, named "
                + "k1..k25 (the other 2 only see padded zeros and get no name)");
        JsonNode j = Json.mapper().readTree(Cli.run(args("matrix", "--unshared", "--format", "json")).out());
        assertThat(j.get("weights_all_windows_x_taps").asLong()).isEqualTo(27);
        assertThat(j.get("weights_touching_real_inputs").asLong()).isEqualTo(25);
        assertThat(j.get("weight_count").asLong()).isEqualTo(25);
        assertThat(j.get("weight_shape").toString()).isEqualTo("[9,1,1,3]");
        assertThat(j.get("weight_shape_order").asText()).startsWith("(out, C_out, C_in/groups, k)");
        JsonNode shared = Json.mapper().readTree(Cli.run(args("matrix", "--format", "json")).out());
        assertThat(shared.get("weight_shape").toString()).isEqualTo("[1,1,3]");
        assertThat(shared.has("weights_all_windows_x_taps")).isFalse();
    }

    @Test
    void unsharedWeightShapeOf2dHasOutputsFiltersChannelsAndTaps() throws Exception {
        JsonNode j = Json.mapper().readTree(Cli.run("matrix", "--input", "2x4x5", "--kernel", "3x2", "--filters",
                "3", "--unshared", "--format", "json").out());
        assertThat(j.get("weight_shape").toString()).isEqualTo("[2,4,3,2,3,2]");
        assertThat(j.get("weights_all_windows_x_taps").asLong()).isEqualTo(2 * 4 * 3 * 2 * 3 * 2);
        assertThat(j.get("weight_shape_order").asText()).startsWith("(out1, out2, C_out, C_in/groups, k1, k2)");
    }

    @Test
    void costGivesTheSameTwoNumbersAndNamesItsRatios() throws Exception {
        Cli text = Cli.run(args("cost", "--no-bias"));
        assertThat(text.out())
                .containsPattern("\n  weights, all windows x taps +27 +9 outputs \\* 3 taps\n")
                .containsPattern("\n  weights touching real inputs +25 +the other 2 only see padded zeros\n")
                .containsPattern("\n  weight ratio, dense / conv +27 x +dense weights / convolution weights\n")
                .containsPattern("\n  parameter ratio, dense / conv +27 x +dense parameters / convolution parameters\n")
                .doesNotContain("ratio to the conv");
        JsonNode local = Json.mapper().readTree(Cli.run(args("cost", "--json")).out()).get("layers").get(0)
                .get("locally_connected");
        assertThat(local.get("weights_all_windows_x_taps").asLong()).isEqualTo(27);
        assertThat(local.get("weights_touching_real_inputs").asLong()).isEqualTo(25);
        assertThat(local.get("weight_shape").toString()).isEqualTo("[9,1,1,3]");
        JsonNode dense = Json.mapper().readTree(Cli.run(args("cost", "--json")).out()).get("layers").get(0)
                .get("dense");
        assertThat(dense.get("weight_ratio_dense_to_conv").asDouble()).isEqualTo(27.0);
        assertThat(dense.get("parameter_ratio_dense_to_conv").asDouble()).isEqualTo(22.5);
    }

    @Test
    void worksheetUsesTheSameWords() {
        String out = Cli.run("worksheet").out();
        assertThat(out).contains("    weights, all windows x taps\n                          21\n")
                .contains("    weights touching real inputs\n                          38,102,400\n")
                .contains("    weight ratio, dense / conv\n                          41,617,981 x\n")
                .doesNotContain("sharing saves");
        String generated = Cli.run("worksheet", "--generate", "1", "--format", "md").out();
        assertThat(generated).contains("weights, all windows x taps:").contains("weight ratio, dense / conv:");
    }
}
