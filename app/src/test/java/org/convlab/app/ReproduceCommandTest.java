package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void reproduceWritesTheReportAndEndsWithTheSummaryTable() throws Exception {
        Path out = dir.resolve("report");
        Cli r = Cli.run("reproduce", "--quick", "--data", "synthetic:size=12,train=300,test=100", "--val", "100",
                "--channels", "4,2", "--hidden", "16,32", "--seeds", "7", "--epochs", "1", "--sharing-train", "100",
                "--sharing-test", "40", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("equivariance.gif")).isRegularFile();
        assertThat(r.out()).contains("== (a) CNN vs MLP", "== (e) Sparse vs shared", "Summary", "cnn-vs-mlp",
                "sharing", "report     " + out.resolve("index.html"), "synthetic glyphs: generated images, not real data");
        JsonNode j = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(j.get("experiments").size()).isEqualTo(5);
        assertThat(j.get("run").get("settings").get("quick").asBoolean()).isTrue();
        assertThat(Files.readString(out.resolve("index.html"))).contains("Principles of CNNs, measured",
                "(b) Translational equivariance");
    }

    @Test
    void anExperimentCommandPrintsItsResultAsJson() throws Exception {
        Path out = dir.resolve("eq");
        Cli r = Cli.run("equivariance", "--data", "synthetic:size=12,train=200,test=20", "--val", "50", "--json",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("cnn_interior_max").asDouble()).isLessThan(1e-5);
        assertThat(j.get("mlp_interior_median").asDouble()).isGreaterThan(0.1);
        assertThat(j.get("positions").size()).isEqualTo(49);
        assertThat(out.resolve("equivariance-grid.png")).isRegularFile();
    }

    @Test
    void theSharingStudyRepeatsOverAsManySeedsAsAsked() throws Exception {
        Cli r = Cli.run("sharing", "--data", "synthetic:size=12,train=200,test=20", "--val", "50", "--channels", "4,2",
                "--hidden", "16", "--seeds", "7,8", "--sharing-seeds", "2", "--epochs", "1", "--sharing-train", "60",
                "--sharing-test", "20", "--json", "--out", dir.resolve("sharing").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("seeds").toString()).isEqualTo("[7,8]");
        assertThat(j.get("nets").get(0).get("test").get("n").asInt()).isEqualTo(2);
        assertThat(j.get("findings").get(1).asText()).contains("mean ± sd over seeds [7, 8]");
    }

    @Test
    void labOptionsAreChecked() {
        Cli r = Cli.run("cnn-vs-mlp", "--data", "synthetic:size=12,train=200,test=20", "--seeds", "7,7");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--seeds: expected distinct seeds");
        assertThat(Cli.run("sharing", "--sharing-train", "0").err()).contains("--sharing-train");
        assertThat(Cli.run("frozen-cnn", "--hidden", "0").err()).contains("--hidden");
        assertThat(Cli.run("sharing", "--sharing-seeds", "0").err()).contains("--sharing-seeds: expected 1 or more");
        assertThat(Cli.run("equivariance", "--data", "synthetic:size=12,train=200,test=20", "--val", "50", "--image", "99")
                .err()).contains("--image: expected a test image index in 0..19");
    }
}
