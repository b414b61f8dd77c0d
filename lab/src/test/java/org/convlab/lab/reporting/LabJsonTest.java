package org.convlab.lab.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabJsonTest {
    record Run(String modelName, double testAccuracy, float lossAtEnd, int[] hiddenSizes) {
    }

    @Test
    void recordComponentsBecomeSnakeCaseKeys() throws Exception {
        JsonNode n = LabJson.mapper().readTree(LabJson.write(new Run("cnn", 0.875, 0.25f, new int[] {100, 10})));
        assertThat(n.fieldNames()).toIterable().containsExactly("model_name", "test_accuracy", "loss_at_end",
                "hidden_sizes");
        assertThat(n.get("test_accuracy").asDouble()).isEqualTo(0.875);
        assertThat(n.get("loss_at_end").asDouble()).isEqualTo(0.25);
        assertThat(n.get("hidden_sizes").toString()).isEqualTo("[100,10]");
    }

    @Test
    void nonFiniteNumbersAreNullEverywhereSoAnyParserReadsTheFile() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", Double.NaN);
        m.put("boxed", List.of(1.5, Double.POSITIVE_INFINITY));
        m.put("floats", new float[] {0.1f, Float.NaN, Float.NEGATIVE_INFINITY});
        m.put("doubles", new double[] {2.0, Double.NaN});
        m.put("single", Float.NaN);
        String text = LabJson.write(m);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode n = LabJson.mapper().readTree(text);
        assertThat(n.get("loss").isNull()).isTrue();
        assertThat(n.get("boxed").toString()).isEqualTo("[1.5,null]");
        assertThat(n.get("floats").toString()).isEqualTo("[0.1,null,null]");
        assertThat(n.get("doubles").toString()).isEqualTo("[2.0,null]");
        assertThat(n.get("single").isNull()).isTrue();
    }

    @Test
    void mapKeysAreWrittenAsGivenAndTheOutputIsIndented() throws Exception {
        String text = LabJson.write(Map.of("images_per_second", 12));
        assertThat(text).isEqualTo("{\n  \"images_per_second\" : 12\n}");
        assertThat(LabJson.compact().writeValueAsString(Map.of("test_accuracy", Double.NaN)))
                .isEqualTo("{\"test_accuracy\":null}");
    }
}
