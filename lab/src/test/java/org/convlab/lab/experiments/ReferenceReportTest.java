package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.convlab.core.BadFileException;
import org.convlab.data.DataFingerprint;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.reporting.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference column of the report: PyTorch's numbers beside convlab's when the reference
 * covers the data (matched by fingerprint), "no reference for this data set" when it does not,
 * and the verdict's arithmetic.
 */
class ReferenceReportTest {
    @TempDir
    static Path tmp;
    static DataSet data;
    static LabSettings settings;

    @BeforeAll
    static void data() {
        data = LabFixtures.synthetic(12, 300, 100);
        settings = LabFixtures.tinySettings().withHiddens(List.of(16)).withSeeds(List.of(7L, 8L))
                .withChannels(32, 16);
    }

    /** A reference file for {@code d}: the CNN at 50%, 52%, 54% and the MLP-16 at 20%, 21%, 22%. */
    static Path referenceFor(DataSet d, String name, String cpu, Path file) throws IOException {
        String json = String.format(Locale.ROOT, """
                {"format": "convlab-reference/1",
                 "data": {"name": "%s"},
                 "protocol": {"epochs": 1, "lr": 0.003, "batch": 64, "optimizer": "sgd"},
                 "experiments": {"main": {"fingerprint": "%s", "train_images": %d, "test_images": %d}},
                 "environment": {"torch": "1.13.0a0", "cpu": "%s", "cores": 64, "threads": 7},
                 "runs": [
                  {"experiment": "main", "model": "cnn", "seed": 7, "test_accuracy": 0.50, "seconds": 10},
                  {"experiment": "main", "model": "cnn", "seed": 8, "test_accuracy": 0.52, "seconds": 12},
                  {"experiment": "main", "model": "cnn", "seed": 9, "test_accuracy": 0.54, "seconds": 14},
                  {"experiment": "main", "model": "mlp-16", "seed": 7, "test_accuracy": 0.20, "seconds": 1},
                  {"experiment": "main", "model": "mlp-16", "seed": 8, "test_accuracy": 0.21, "seconds": 1},
                  {"experiment": "main", "model": "mlp-16", "seed": 9, "test_accuracy": 0.22, "seconds": 1}]}
                """, name, DataFingerprint.of(d), d.train().size(), d.test().size(), cpu);
        Files.writeString(file, json);
        return file;
    }

    static LabContext context(Path out, Reference ref) {
        return new LabContext(data, settings, out, new java.io.PrintWriter(new java.io.StringWriter()),
                new RunCache(null), ref);
    }

    @Test
    void withAReferenceForTheseImagesEachModelHasPyTorchsNumbersAndAVerdict() throws IOException {
        Path out = tmp.resolve("with");
        Reference ref = Reference.read(referenceFor(data, data.name(), "Some Other CPU", tmp.resolve("ref.json")));
        LabContext ctx = context(out, ref);
        CnnVsMlp.Result r = CnnVsMlp.run(ctx);
        ReferenceComparison c = r.reference();
        assertThat(c.covered()).isTrue();
        assertThat(c.engine()).isEqualTo("PyTorch 1.13");
        ReferenceComparison.Row cnn = c.rows().get(0);
        assertThat(cnn.pytorch().values()).containsExactly(0.50, 0.52, 0.54);
        assertThat(cnn.difference()).isCloseTo(r.cnn().test().mean() - 0.52, within(1e-12));
        double pooled = Math.sqrt((r.cnn().test().sd() * r.cnn().test().sd() + 2 * 0.02 * 0.02) / 3);
        assertThat(cnn.pooledSd()).isCloseTo(pooled, within(1e-12));
        assertThat(cnn.within()).isEqualTo(Math.abs(cnn.difference()) <= 2 * pooled);
        assertThat(cnn.timing()).contains("on Some Other CPU, 7 threads (another machine: no ratio)")
                .doesNotContain("PyTorch's time");

        Table t = r.tables().get(r.tables().size() - 1);
        assertThat(t.header()).contains("PyTorch 1.13, same protocol", "verdict");
        assertThat(t.rows().get(0)).contains("52.0% ± 2.0", "50.00, 52.00, 54.00");
        assertThat(r.findings()).anyMatch(f -> f.startsWith("PyTorch 1.13 with the same protocol"));
        assertThat(r.figures()).anyMatch(f -> f.file().equals("cnn-vs-mlp-reference.png"));
        assertThat(out.resolve("cnn-vs-mlp-reference.png")).isRegularFile();

        LabReport.write(ctx, List.of(r), 1.0);
        String html = Files.readString(out.resolve(LabReport.INDEX));
        assertThat(html).contains("PyTorch 1.13, same protocol", cnn.verdict().replace(">", "&gt;"));
        JsonNode json = LabJson.mapper().readTree(out.resolve(LabReport.RESULTS).toFile());
        JsonNode row = json.path("experiments").path("cnn-vs-mlp").path("reference").path("rows").get(0);
        assertThat(row.path("pytorch").path("values")).hasSize(3);
        assertThat(row.path("verdict").asText()).isEqualTo(cnn.verdict());
        assertThat(json.path("experiments").path("cnn-vs-mlp").path("train_images").asInt())
                .isEqualTo(data.train().size());
        assertThat(json.path("run").path("data_fingerprint").asText()).isEqualTo(DataFingerprint.of(data));
    }

    @Test
    void aReferenceForAnotherDataSetSaysSoInTheColumn() throws IOException {
        Path out = tmp.resolve("other");
        Reference ref = Reference.read(referenceFor(data, "Fashion-MNIST", "x", tmp.resolve("fashion.json")));
        LabContext ctx = context(out, ref);
        FrozenCnn.Result r = FrozenCnn.run(ctx);
        assertThat(r.reference().covered()).isFalse();
        Table t = r.tables().get(r.tables().size() - 1);
        assertThat(t.rows()).allSatisfy(row -> assertThat(row.get(3)).startsWith("no reference for this data set"));
        // The seeds are still drawn, convlab's only, and the caption says why PyTorch's are not.
        assertThat(r.figures()).filteredOn(f -> f.file().equals("frozen-cnn-reference.png")).singleElement()
                .satisfies(f -> assertThat(f.caption()).contains("no reference for this data set"));
        LabReport.write(ctx, List.of(r), 1.0);
        assertThat(Files.readString(out.resolve(LabReport.INDEX))).contains("no reference for this data set");
    }

    @Test
    void withoutAReferenceTheReportStillRendersAndSaysThereIsNone() throws IOException {
        Path out = tmp.resolve("none");
        LabContext ctx = context(out, null);
        UntrainedFeatures.Result r = UntrainedFeatures.run(ctx);
        assertThat(r.reference().covered()).isFalse();
        assertThat(r.reference().note()).startsWith("no reference file");
        LabReport.write(ctx, List.of(r), 1.0);
        String html = Files.readString(out.resolve(LabReport.INDEX));
        assertThat(html).contains("no reference file");
    }

    @Test
    void theVerdictIsTwiceThePooledSeedToSeedSd() {
        ReferenceComparison.Measured m = new ReferenceComparison.Measured("cnn", "CNN",
                Stats.of(List.of(0.80, 0.82, 0.81)), 10);
        // Both sds are 0.01, so the pooled sd is 0.01 and the bound 0.02.
        ReferenceComparison.Row in = ReferenceComparison.row(m, Stats.of(List.of(0.79, 0.80, 0.81)), 5, false, "x", 1);
        assertThat(in.pooledSd()).isCloseTo(0.01, within(1e-12));
        assertThat(in.within()).isTrue();
        assertThat(in.verdict()).isEqualTo("within (+1.0 points; 2 x pooled sd = 2.0)");
        ReferenceComparison.Row out = ReferenceComparison.row(m, Stats.of(List.of(0.76, 0.77, 0.78)), 5, true, "x", 1);
        assertThat(out.within()).isFalse();
        assertThat(out.verdict()).isEqualTo("outside: convlab +4.0 points (2 x pooled sd = 2.0)");
        assertThat(out.timing()).isEqualTo("10.0 s vs 5.0 s (2.0x PyTorch's time)");
        ReferenceComparison.Row single = ReferenceComparison.row(new ReferenceComparison.Measured("cnn", "CNN",
                Stats.of(List.of(0.8)), 1), Stats.of(List.of(0.7)), 1, false, "x", 1);
        assertThat(single.within()).isNull();
        assertThat(single.verdict()).startsWith("one seed each");
    }

    @Test
    void aFileThatIsNotAReferenceFailsWithOneLineNamingIt() throws IOException {
        Path bad = Files.writeString(tmp.resolve("results.json"), "{\"run\": {}}");
        assertThatThrownBy(() -> Reference.read(bad)).isInstanceOf(BadFileException.class)
                .hasMessageContaining("results.json").hasMessageContaining("is not a reference");
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "not json");
        assertThatThrownBy(() -> Reference.read(garbage)).isInstanceOf(BadFileException.class)
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> Reference.read(tmp.resolve("missing.json"))).isInstanceOf(BadFileException.class)
                .hasMessageContaining("does not exist");
    }
}
