package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Results results() {
        Map<String, Results.Measurement> m = new LinkedHashMap<>();
        m.put("pytorch-djl", new Results.Measurement(800, List.of(800.0), 4, 31.3, 0.5, -1, -1, -1, -1));
        m.put("pytorch-py", new Results.Measurement(1600, List.of(1600.0), 8, 62.6, 1.0, -1, -1, -1, -1));
        Map<String, String> engines = new LinkedHashMap<>();
        engines.put("convlab", Engines.unavailable("convlab"));
        engines.put("pytorch-djl", "PyTorch 2.7.1");
        return new Results(new Machine("AMD EPYC", 2445, false, 32, 2), Map.of("jdk", "17", "jvm_flags", "", "date", "today"),
                engines, Map.of(1, 125.2),
                List.of(new Results.Peak(1, "pytorch-djl matmul", 1024, 62.6, List.of(62.6), 78.24)),
                List.of(new Results.Check("cnn-3x32x32", "train", 1, "pytorch-py", "pytorch-djl", 2e-7, 0.25, 0, 3e-7, true),
                        new Results.Check("cnn-3x32x32", "infer", 1, "onnxruntime", "pytorch-djl", 2e-7, 0.25,
                                Double.NaN, Double.NaN, true)),
                List.of(new Results.Row("cnn-3x32x32", "train", 1, 39_124_992, 62.6, m, Map.of("pytorch-py/pytorch-djl", 2.0))));
    }

    @Test
    void textShowsEveryEngineColumnWithNaForTheMissingOne() {
        String text = Report.text(results(), Engines.ALL);
        assertThat(text).contains("convlab      n/a: convlab cannot run in this build");
        assertThat(text).containsPattern("cnn-3x32x32 +1 +n/a +800 \\| 31\\.3 \\| 50% +1600 \\| 62\\.6 \\| 100% +py/djl 2\\.00");
        assertThat(text).contains("62.6 (50% of FMA peak)");
        assertThat(text).contains("FMA peak (registers only, every width the JVM offers, the best kept; every % of peak below is of it): 1 thread(s) 125.2 GFLOP/s");
        assertThat(text).containsPattern("cnn-3x32x32 +train +1 +pytorch-py +pytorch-djl +0\\.250 +2\\.0e-07 +0\\.0e\\+00 +3\\.0e-07 +ok");
        assertThat(text).doesNotContain("Inference");
    }

    @Test
    void savedJsonRendersTheSameTables(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("run.json");
        java.nio.file.Files.writeString(file, Report.json(results()));
        Results back = Report.read(file);
        assertThat(Report.text(back, Engines.ALL)).isEqualTo(Report.text(results(), Engines.ALL));
    }

    @Test
    void aFileThatIsNotAResultNamesItself(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("other.json");
        java.nio.file.Files.writeString(file, "[1, 2]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Report.read(file))
                .isInstanceOf(org.convlab.core.BadFileException.class)
                .hasMessageStartingWith(file + ": not a peers results file");
    }

    @Test
    void jsonCarriesTheFigures() throws Exception {
        JsonNode j = new ObjectMapper().readTree(Report.json(results()));
        assertThat(j.at("/rows/0/engines/pytorch-py/imagesPerSecond").asDouble()).isEqualTo(1600);
        assertThat(j.at("/rows/0/ratios/pytorch-py~1pytorch-djl").asDouble()).isEqualTo(2.0);
        assertThat(j.at("/machine/mhz").asDouble()).isEqualTo(2445);
        assertThat(j.at("/checks/0/ok").asBoolean()).isTrue();
        assertThat(j.at("/checks/1/lossDiff").asText()).isEqualTo("NaN");
    }
}
