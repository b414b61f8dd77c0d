package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void quickRunPrintsTheMachineThePeakAndTheKernels() {
        Cli r = Cli.run("bench", "--quick", "--threads", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("JVM flags", "FMA peak", "GEMM 1024x1024x1024", "1 thread");
        assertThat(r.out()).containsPattern("GEMM 256x256x256 +[0-9]+\\.[0-9] GFLOP/s +[0-9]+%");
    }

    @Test
    void aThreadCountOfZeroIsABadParameter() {
        Cli r = Cli.run("bench", "--threads", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--threads");
    }
}
