package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorWidthsTest {
    @Test
    void theCpusWidestComesFromItsInstructionSetFlags() {
        assertThat(VectorWidths.cpuWidest("fpu sse sse2 ssse3 fma avx avx2 bmi2")).isEqualTo(256);
        assertThat(VectorWidths.cpuWidest("sse2 avx avx2 avx512f avx512dq avx512bw")).isEqualTo(512);
        assertThat(VectorWidths.cpuWidest("fpu sse sse2")).isEqualTo(128);
        assertThat(VectorWidths.cpuWidest("fp asimd evtstrm aes")).isEqualTo(128);
        assertThat(VectorWidths.cpuWidest("fp asimd sve sve2")).isZero();
        assertThat(VectorWidths.cpuWidest("")).isZero();
        // A flag that merely contains the name does not count.
        assertThat(VectorWidths.cpuWidest("sse2 avx512_vnni_only")).isEqualTo(128);
    }

    @Test
    void theDescriptionNamesTheWidthInUseAndTheWidest() {
        assertThat(VectorWidths.describe()).startsWith(VectorWidths.inUse() + "-bit vectors in use (" + Lanes.L + " lanes)")
                .contains("JVM's widest " + VectorWidths.jvmWidest() + "-bit").contains("CPU's widest");
        assertThat(VectorWidths.jvmWidest()).isGreaterThanOrEqualTo(128);
    }
}
