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
        return new Results(new Machine("AMD EPYC", 2445, 2), Map.of("jdk", "17", "jvm_flags", "", "date", "today"),
                engines, Map.of(1, 125.2),
                List.of(new Results.Peak(1, "pytorch-djl matmul", 1024, 62.6, List.of(62.6))),
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
    void aRunWithTheEnginesHeldToAvx2SaysSoUnderTheVectors() {
        Results r = results();
        assertThat(Report.text(r, Engines.ALL)).doesNotContain("ISA:");
        Map<String, String> env = new LinkedHashMap<>(r.environment());
        env.put("isa", HeldIsa.AVX2);
        Results held = new Results(r.machine(), env, r.engines(), r.fmaPeaks(), r.peaks(), r.checks(), r.rows());
        assertThat(Report.text(held, Engines.ALL)).containsPattern(
                "Vectors: unknown\nISA: every engine held to AVX2 but ONNX Runtime .*convlab at 256 bits with the JIT at -XX:UseAVX=2 \\(an AVX2 core's 16 vector registers\\), PyTorch through "
                        + "ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 "
                        + "OPENBLAS_CORETYPE=Haswell\n");
    }

    @Test
    void theGemmTableHasNoAssumedTheoreticalPeak() {
        String text = Report.text(results(), Engines.ALL);
        assertThat(text).contains("CPU:  AMD EPYC, 2 CPUs, 2445 MHz nominal (from /proc/cpuinfo)\n");
        assertThat(text).contains("GEMM: n x n x n float32, median GFLOP/s (each % is of the FMA peak measured above at the same thread count)\n"
                + "threads pytorch-djl matmul, n=1024\n"
                + "1       62.6 (50% of FMA peak)\n");
        assertThat(text).doesNotContainIgnoringCase("theoretical").doesNotContain("flop/cycle");
    }

    /** A file as --save wrote it before the assumed peak was dropped (machine.avx512 and flopsPerCycle, peaks' theoretical). */
    private static final String OLD_JSON = """
            {
              "machine" : { "model" : "AMD EPYC", "mhz" : 2596.0, "avx512" : true, "flopsPerCycle" : 64, "cpus" : 2 },
              "environment" : { "jdk" : "17", "jvm_flags" : "", "date" : "today" },
              "engines" : { "pytorch-djl" : "PyTorch 2.7.1" },
              "fmaPeaks" : { "1" : 117.0 },
              "peaks" : [ { "threads" : 1, "path" : "pytorch-djl matmul", "n" : 1024, "gflops" : 93.6,
                            "samples" : [ 93.6 ], "theoretical" : 166.1 } ],
              "checks" : [ ],
              "rows" : [ ]
            }
            """;

    @Test
    void aFileSavedByTheOldCodeStillRenders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("old.json");
        java.nio.file.Files.writeString(file, OLD_JSON);
        Results old = Report.read(file);
        assertThat(old.machine()).isEqualTo(new Machine("AMD EPYC", 2596.0, 2));
        assertThat(old.peaks()).containsExactly(new Results.Peak(1, "pytorch-djl matmul", 1024, 93.6, List.of(93.6)));
        String text = Report.text(old, List.copyOf(old.engines().keySet()));
        assertThat(text).contains("CPU:  AMD EPYC, 2 CPUs, 2596 MHz nominal (from /proc/cpuinfo)\n").contains("93.6 (80% of FMA peak)")
                .doesNotContainIgnoringCase("theoretical").doesNotContain("flop/cycle");
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
        assertThat(j.at("/machine").has("flopsPerCycle")).isFalse();
        assertThat(j.at("/peaks/0").has("theoretical")).isFalse();
        assertThat(j.at("/checks/0/ok").asBoolean()).isTrue();
        assertThat(j.at("/checks/1/lossDiff").asText()).isEqualTo("NaN");
    }
}
