package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CostCommandTest {
    @Test
    void worksheetLayerText() {
        Cli r = Cli.run("cost", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("weights +2,400 ")
                .containsPattern("parameters +2,432 ")
                .containsPattern("multiply-adds, no bias +38,102,400 ")
                .containsPattern("multiply-adds, with bias +38,610,432 ")
                .containsPattern("weights +99,883,155,456 ")
                .contains("torchinfo");
    }

    @Test
    void json() throws Exception {
        Cli r = Cli.run("cost", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2", "--json");
        JsonNode layer = Json.mapper().readTree(r.out()).get("layers").get(0);
        assertThat(layer.get("weights").asLong()).isEqualTo(2400);
        assertThat(layer.get("macs_with_bias").asLong()).isEqualTo(38_610_432);
        assertThat(layer.get("dense").get("weights").asLong()).isEqualTo(99_883_155_456L);
        assertThat(layer.get("locally_connected").get("weights_all_windows_x_taps").asLong()).isEqualTo(38_102_400);
        assertThat(layer.get("receptive_field").get(0).get("size").asLong()).isEqualTo(5);
        Cli noBias = Cli.run("cost", "--input", "9", "--kernel", "3", "--no-bias", "--json");
        JsonNode l = Json.mapper().readTree(noBias.out()).get("layers").get(0);
        assertThat(l.get("parameters").asLong()).isEqualTo(3);
        assertThat(l.get("macs_with_bias").asLong()).isEqualTo(21);
    }

    @Test
    void stackWithAndWithoutInput() throws Exception {
        Cli rf = Cli.run("cost", "--stack", "k5s1,k3s1");
        assertThat(rf.exit()).as(rf.err()).isZero();
        assertThat(rf.out()).contains("receptive field of the last layer: 7 inputs");
        Cli net = Cli.run("cost", "--input", "3x32x32", "--stack", "k5p2f32,k3p1f16", "--json");
        JsonNode n = Json.mapper().readTree(net.out());
        assertThat(n.get("layers").get(1).get("output").toString()).isEqualTo("[16,32,32]");
        assertThat(n.get("total").get("parameters").asLong()).isEqualTo(2432 + 4624);
        Cli first = Cli.run("cost", "--input", "1x28x28", "--kernel", "3", "--filters", "8", "--stack", "k2s2");
        assertThat(first.out()).contains("8 x 13 x 13").contains("receptive field of the last layer: 4 x 4 inputs");
    }
}
