package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;

class MachinePeakTest {

    @Test
    void measuresAPlausiblePeakWithTheFastKernels() {
        double g = MachinePeak.gflops(1, 0.05);
        if (Kernels.simd()) {
            // Measured, so positive; in 50 ms the JIT may not have compiled the loop yet, so only
            // an upper bound no core of today reaches is asserted (speed belongs in `convlab bench`).
            assertThat(g).isGreaterThan(0.0).isLessThan(10_000.0);
        } else {
            assertThat(g).isNaN();
        }
    }

    @Test
    void beforeJdk25MeasuresInAChildJvmSoThatNoOtherVectorWidthRunsInThisOne() {
        int before = MachinePeak.IN_THIS_JVM.get();
        double g = MachinePeak.gflops(1, 0.05);
        if (Kernels.simd()) {
            assertThat(g).isGreaterThan(0.0);
            assertThat(MachinePeak.IN_THIS_JVM.get()).as("measurements made in this JVM")
                    .isEqualTo(Runtime.version().feature() >= 25 ? before + 1 : before);
        }
    }

    @Test
    void aChildJvmMeasuresThePeak() {
        if (Kernels.simd()) {
            int before = MachinePeak.IN_THIS_JVM.get();
            java.util.OptionalDouble g = MachinePeak.inChildJvm(1, 0.05);
            assertThat(g).isPresent();
            assertThat(g.getAsDouble()).isGreaterThan(0.0);
            assertThat(MachinePeak.IN_THIS_JVM.get()).isEqualTo(before);
        }
    }

    @Test
    void withoutAChildJvmMeasuresAtTheKernelsWidthHere() {
        if (Kernels.simd()) {
            int before = MachinePeak.IN_THIS_JVM.get();
            assertThat(MachinePeak.inThisJvm(2, 0.05, false)).isGreaterThan(0.0).isLessThan(20_000.0);
            assertThat(MachinePeak.IN_THIS_JVM.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void refusesNoThreads() {
        assertThatThrownBy(() -> MachinePeak.gflops(0, 0.05)).isInstanceOf(BadParameterException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void describesTheWidthsInUse() {
        String d = Kernels.vectorDescription();
        if (Kernels.simd()) {
            assertThat(d).startsWith("Vector API, " + Kernels.vectorBits() + "-bit vectors in use");
        } else {
            assertThat(d).isEqualTo("reference (scalar)");
        }
    }
}
