package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ElementsCommandTest {
    @Test
    void worksheetFirstAndLastByDefault() {
        Cli r = Cli.run("elements", "--input", "9", "--kernel", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("y1 = k1x1 + k2x2 + k3x3\ny7 = k1x7 + k2x8 + k3x9\n");
    }

    @Test
    void samePaddingDropsTheZerosAndUnsharedNumbersTheWeights() {
        Cli same = Cli.run("elements", "--input", "9", "--kernel", "3", "--padding", "same");
        assertThat(same.out()).contains("y1 = k2x1 + k3x2").contains("y9 = k1x8 + k2x9");
        Cli unshared = Cli.run("elements", "--input", "9", "--kernel", "3", "--unshared", "--at", "2;last");
        assertThat(unshared.out()).contains("y2 = k4x2 + k5x3 + k6x4").contains("y7 = k19x7 + k20x8 + k21x9");
    }

    @Test
    void reflectShowsTheCombinedForm() {
        Cli r = Cli.run("elements", "--input", "9", "--kernel", "3", "--padding", "same", "--padding-mode", "reflect",
                "--at", "1");
        assertThat(r.out()).contains("y1 = k1x2 + k2x1 + k3x2\n   = k2x1 + (k1 + k3)x2\n");
    }

    @Test
    void multiChannelIndexAndJson() throws Exception {
        Cli r = Cli.run("elements", "--input", "3x4x4", "--kernel", "2", "--filters", "2", "--at", "2,3,3", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        JsonNode e = n.get("elements").get(0);
        assertThat(e.get("name").asText()).isEqualTo("y[2,3,3]");
        assertThat(e.get("index").toString()).isEqualTo("[2,3,3]");
        assertThat(e.get("terms")).hasSize(12);
        assertThat(e.get("terms").get(0).get("weight").asText()).isEqualTo("k[2,1,1,1]");
        assertThat(e.get("terms").get(0).get("input").asText()).isEqualTo("x[1,3,3]");
        assertThat(n.get("output").toString()).isEqualTo("[2,3,3]");
    }
}
