package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.convlab.lab.reporting.LabJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch reference committed with convlab (tools/reference/fashion-mnist.json, packaged
 * into the jar) is a whole run of the lab's protocol on the data convlab trains on, so that
 * {@code ./convlab reproduce} shows the PyTorch column by default.
 */
class BundledReferenceTest {
    private static final Reference REF = Reference.bundled();

    @Test
    void isPackagedAndRecordsTheProtocol() {
        assertThat(REF).as("tools/reference/fashion-mnist.json in the jar").isNotNull();
        assertThat(REF.title()).isEqualTo("PyTorch 1.13");
        assertThat(REF.dataName()).isEqualTo("Fashion-MNIST");
        assertThat(REF.epochs()).isEqualTo(2);
        assertThat(REF.lr()).isEqualTo(3e-3);
        assertThat(REF.batch()).isEqualTo(64);
        assertThat(REF.optimizer()).isEqualTo("sgd");
        assertThat(REF.experiments().get(Reference.MAIN).trainImages()).isEqualTo(59_000);
        assertThat(REF.experiments().get(Reference.MAIN).testImages()).isEqualTo(10_000);
        assertThat(REF.experiments().get(Reference.SHARING).trainImages()).isEqualTo(20_000);
    }

    @Test
    void trainedOnTheDataWhoseFactsConvlabChecks() throws IOException {
        // ReferenceFactsTest ties facts.json's fingerprint to the Fashion-MNIST split convlab loads.
        try (InputStream in = getClass().getResourceAsStream("/org/convlab/lab/reference/facts.json")) {
            JsonNode facts = LabJson.mapper().readTree(in);
            assertThat(REF.experiments().get(Reference.MAIN).fingerprint()).isEqualTo(facts.path("fingerprint").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "mlp-100", "mlp-4000", "linear", "frozen-conv1", "frozen-cnn", "frozen-mlp-100"})
    void hasEveryMainModelOnSeeds789(String model) {
        List<Reference.RunRecord> runs = REF.runs(Reference.MAIN, model);
        assertThat(runs).extracting(Reference.RunRecord::seed).containsExactlyInAnyOrder(7L, 8L, 9L);
        // Better than chance (10 classes), as every model of the protocol is after two epochs.
        assertThat(runs).allSatisfy(r -> assertThat(r.testAccuracy()).isBetween(0.2, 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lc", "mlp-100"})
    void hasTheSharingStudyOnSeeds78WithItsShiftedAccuracies(String model) {
        List<Reference.RunRecord> runs = REF.runs(Reference.SHARING, model);
        assertThat(runs).extracting(Reference.RunRecord::seed).containsExactlyInAnyOrder(7L, 8L);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.shifted()).hasSize(5);
            assertThat(r.shifted().get(0)).isEqualTo(r.testAccuracy());
        });
    }
}
