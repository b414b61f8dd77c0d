package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
    @Test
    void everyCheckPassesAndTheTableNamesTheLayers() {
        Cli r = Cli.run("gradcheck", "--random", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Conv2d reflect", "LocallyConnected2d 3x3 same", "MaxPool2d dilation 2",
                "AvgPool2d pad 1 exclude padding", "CrossEntropyLoss", "ThreeLayerConvNet", "random Conv");
        assertThat(r.out()).containsPattern("\\n\\d+ checks: \\d+ passed, 0 failed");
        assertThat(r.out()).doesNotContain("FAIL");
    }

    @Test
    void jsonListsEveryCheckWithItsErrors() throws Exception {
        Cli r = Cli.run("gradcheck", "--random", "0", "--json", "--seed", "5");
        assertThat(r.exit()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("passed").booleanValue()).isTrue();
        assertThat(doc.get("seed").intValue()).isEqualTo(5);
        assertThat(doc.get("checks").size()).isGreaterThan(30);
        for (JsonNode c : doc.get("checks")) {
            assertThat(c.get("fd_error").doubleValue()).as(c.get("name").asText()).isLessThan(1e-6);
            assertThat(c.get("float_error").doubleValue()).as(c.get("name").asText()).isLessThan(1e-5);
        }
    }

    @Test
    void aBadCountIsAUsageError() {
        Cli r = Cli.run("gradcheck", "--random", "-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--random: expected a number of configurations from 0 to 1000, got -1");
    }
}
