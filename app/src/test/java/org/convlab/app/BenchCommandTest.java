package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void quickRunPrintsTheMachineThePeakAndTheKernels() {
        Cli r = Cli.run("bench", "--quick", "--threads", "1", "--only", "gemm,conv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("JVM flags", "FMA peak", "GEMM 1024x1024x1024", "1 thread",
                "conv 3->32 5x5 32x32 forward", "conv 1->32 5x5 28x28 input grad");
        assertThat(r.out()).containsPattern("conv 32->16 3x3 32x32 weight grad +[0-9]+\\.[0-9] GFLOP/s +[0-9]+%");
        assertThat(r.out()).doesNotContain("train ThreeLayerConvNet");
    }

    @Test
    void jsonListsEveryMeasurementWithItsUnit() throws Exception {
        Cli r = Cli.run("bench", "--quick", "--threads", "1", "--only", "gemm", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("machine").asText()).contains("JVM flags");
        JsonNode results = root.get("results");
        assertThat(results.get(0).get("name").asText()).isEqualTo("FMA peak (registers only)");
        assertThat(results.get(1).get("name").asText()).isEqualTo("GEMM 1024x1024x1024");
        assertThat(results.get(1).get("unit").asText()).isEqualTo("GFLOP/s");
        assertThat(results.get(1).get("values").get(0).asDouble()).isPositive();
    }

    /** Each section is measured in a child JVM of its own; the table keeps bench's order of sections. */
    @Test
    void eachSectionRunsInAChildJvm() {
        Cli r = Cli.run("bench", "--quick", "--threads", "1", "--only", "linear,gemm");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("GEMM 1024x1024x1024", "linear 3072->4000 fwd+bwd", "bench used")
                .doesNotContain("no child JVM");
        assertThat(r.out().indexOf("GEMM 1024x1024x1024")).isLessThan(r.out().indexOf("linear 3072->4000"));
        assertThat(r.out()).containsPattern("linear 3072->4000 fwd\\+bwd +[0-9]+\\.[0-9] GFLOP/s +[0-9]+%");
        // progress on standard error, one line a step off a terminal; standard output keeps the table
        assertThat(r.err()).contains("bench: the FMA peak (1/3)", "bench: gemm in its own JVM (2/3)",
                "bench: linear in its own JVM (3/3)");
        assertThat(r.out()).doesNotContain("bench: gemm");
    }

    /** What a child prints: its sections' rows as JSON, without the FMA peak, and the CPU time it used. */
    @Test
    void aChildPrintsItsSectionsWithoutThePeak() throws Exception {
        Cli r = Cli.run("bench", "--in-this-jvm", "--quick", "--threads", "1", "--only", "gemm");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode results = root.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("name").asText()).isEqualTo("GEMM 1024x1024x1024");
        assertThat(results.get(0).get("values").get(0).asDouble()).isPositive();
        assertThat(root.get("cpu_nanos").asLong()).isPositive();
    }

    @Test
    void aThreadCountOfZeroIsABadParameter() {
        Cli r = Cli.run("bench", "--threads", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--threads");
    }

    @Test
    void peersRunThroughTheLauncherNotThisJar() {
        Cli r = Cli.run("bench", "--peers");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--peers", "bench/peers.sh").doesNotContain("Exception");
    }
}
