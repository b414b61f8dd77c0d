package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.data.DataFingerprint;
import org.convlab.data.DataSet;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.ImageSet;
import org.convlab.data.LoadOptions;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Init;
import org.convlab.nn.init.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PyTorch reference script's protocol and convlab's agree on everything that can be checked
 * without training: the facts {@code tools/reference/reference.py --facts} wrote from PyTorch
 * (tools/reference/facts.json, so no PyTorch is needed here) against convlab's split,
 * normalisation, parameter names, shapes and counts, and the initial weights' distribution.
 */
class ReferenceFactsTest {
    static JsonNode facts;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = ReferenceFactsTest.class.getResourceAsStream("/org/convlab/lab/reference/facts.json")) {
            assertThat(in).as("tools/reference/facts.json on the test class path").isNotNull();
            facts = LabJson.mapper().readTree(in);
        }
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("cnn", new ModelSpec(ModelKind.CNN, 100, 32, 16)),
                Arguments.of("mlp-100", new ModelSpec(ModelKind.MLP, 100, 32, 16)),
                Arguments.of("mlp-4000", new ModelSpec(ModelKind.MLP, 4000, 32, 16)),
                Arguments.of("linear", new ModelSpec(ModelKind.LINEAR, 100, 32, 16)),
                Arguments.of("frozen-conv1", new ModelSpec(ModelKind.FROZEN_CONV1, 100, 32, 16)),
                Arguments.of("frozen-cnn", new ModelSpec(ModelKind.FROZEN_CNN, 100, 32, 16)),
                Arguments.of("frozen-mlp-100", new ModelSpec(ModelKind.FROZEN_MLP, 100, 32, 16)),
                Arguments.of("lc", new ModelSpec(ModelKind.LC, 100, 32, 16)));
    }

    @Test
    void factsCoverEveryModelTheLabComparesWithPyTorch() {
        List<String> names = new ArrayList<>();
        facts.path("models").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(models().map(a -> (String) a.get()[0]).toArray(String[]::new));
        assertThat(facts.path("seeds").size()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void parameterNamesShapesCountsAndInitialDistributionsAgree(String id, ModelSpec spec) {
        JsonNode model = facts.path("models").path(id);
        List<Long> seeds = new ArrayList<>();
        facts.path("seeds").forEach(s -> seeds.add(s.asLong()));
        List<Sequential> nets = new ArrayList<>();
        for (long seed : seeds) {
            nets.add(spec.build(1, 28, 28, 10, new Rng(seed)));
        }
        Sequential first = nets.get(0);
        assertThat(spec.id()).isEqualTo(id);
        assertThat(first.parameterCount()).isEqualTo(model.path("params").asLong());
        assertThat(first.trainableParameterCount()).isEqualTo(model.path("trainable").asLong());

        Map<String, Parameter> params = first.namedParameters();
        List<String> torchNames = new ArrayList<>();
        model.path("parameters").forEach(p -> torchNames.add(p.path("name").asText()));
        assertThat(params.keySet()).containsExactlyElementsOf(torchNames);
        for (JsonNode p : model.path("parameters")) {
            String name = p.path("name").asText();
            Parameter mine = params.get(name);
            int[] shape = new int[p.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = p.path("shape").get(i).asInt();
            }
            assertThat(mine.shape().dims()).as(name + " shape").containsExactly(shape);
            assertThat(!mine.frozen()).as(name + " trainable").isEqualTo(p.path("trainable").asBoolean());
            double bound = p.path("bound").asDouble();
            assertThat(Init.defaultBound(p.path("fan_in").asLong())).as(name + " bound").isEqualTo(bound);

            double[] all = pooled(nets, name);
            double sigma = bound / Math.sqrt(3); // the sd of U(-bound, bound)
            int n = all.length;
            assertThat(n).as(name + " values over the seeds").isEqualTo(p.path("n").asInt());
            double min = Arrays.stream(all).min().orElseThrow();
            double max = Arrays.stream(all).max().orElseThrow();
            assertThat(min).as(name + " min").isGreaterThanOrEqualTo(-bound);
            assertThat(max).as(name + " max").isLessThanOrEqualTo(bound);
            assertThat(p.path("min").asDouble()).isGreaterThanOrEqualTo(-bound);
            assertThat(p.path("max").asDouble()).isLessThanOrEqualTo(bound);
            double mean = Arrays.stream(all).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / n);
            // Two independent samples of U(-b, b): the means differ by at most 6 standard errors
            // (sd of a mean sigma / sqrt(n), of a difference sqrt(2) times that), the sample sds by
            // 6 x sigma sqrt(0.4 / n) (the sd of a uniform sample's sd is sigma sqrt(0.2 / n)).
            assertThat(Math.abs(mean - p.path("mean").asDouble())).as(name + " mean")
                    .isLessThanOrEqualTo(6 * sigma * Math.sqrt(2.0 / n));
            assertThat(Math.abs(sd - p.path("std").asDouble())).as(name + " sd")
                    .isLessThanOrEqualTo(6 * sigma * Math.sqrt(0.4 / n));
        }
    }

    private static double[] pooled(List<Sequential> nets, String name) {
        int size = nets.get(0).namedParameters().get(name).size();
        double[] all = new double[size * nets.size()];
        for (int k = 0; k < nets.size(); k++) {
            float[] v = nets.get(k).namedParameters().get(name).value().data();
            for (int i = 0; i < size; i++) {
                all[k * size + i] = v[i];
            }
        }
        return all;
    }

    @Test
    void theSplitTheNormalisationAndTheDataFingerprintAgree() {
        assumeTrue(DataSets.fashionMnistInstalled(java.nio.file.Path.of("/usr/share/datasets")),
                "Fashion-MNIST (dataset-fashion-mnist) is not installed");
        DataSet d = DataSets.load(DataSpec.parse("fashion-mnist"), LoadOptions.defaults());
        JsonNode split = facts.path("split");
        check(split.path("train"), d.train());
        check(split.path("validation"), d.validation());
        check(split.path("test"), d.test());
        assertThat(split.path("train").path("last_index").asInt() + 1)
                .isEqualTo(split.path("validation").path("first_index").asInt());
        JsonNode norm = facts.path("data").path("normalization");
        assertThat(d.normalization().mean()[0]).isEqualTo((float) norm.path("mean").asDouble());
        assertThat(d.normalization().std()[0]).isEqualTo((float) norm.path("std").asDouble());
        // The whole data set's fingerprint: the reference's runs are matched to convlab's by it.
        assertThat(DataFingerprint.of(d)).isEqualTo(facts.path("fingerprint").asText());
    }

    private static void check(JsonNode f, ImageSet set) {
        assertThat(set.size()).isEqualTo(f.path("size").asInt());
        assertThat(set.label(0)).isEqualTo(f.path("first_label").asInt());
        assertThat(set.label(set.size() - 1)).isEqualTo(f.path("last_label").asInt());
        assertThat(DataFingerprint.of(set)).isEqualTo(f.path("fingerprint").asText());
    }
}
