package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void describesModelClockAndCpusWithNoAssumedRate() {
        Machine m = new Machine("AMD EPYC 9R14", 2596.0, 2);
        assertThat(m.describe()).isEqualTo("AMD EPYC 9R14, 2 CPUs, 2596 MHz nominal (from /proc/cpuinfo)");
    }

    @Test
    void detectReadsThisMachine() {
        Machine m = Machine.detect();
        assertThat(m.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.describe()).contains(" CPUs, ").doesNotContain("flop/cycle");
    }
}
