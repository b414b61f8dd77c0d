package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.VectorWidth;
import org.junit.jupiter.api.Test;

class KernelsSelectionTest {
    @Test
    void theVectorKernelsAreSelectedWhenTheModuleIsPresent() {
        // Surefire runs with --add-modules jdk.incubator.vector and without -Dconvlab.simd=false.
        assertThat(Kernels.simd()).isTrue();
        assertThat(Kernels.gemm()).isInstanceOf(SimdGemm.class);
        assertThat(Kernels.conv()).isInstanceOf(SimdConv.class);
        assertThat(Kernels.dense()).isInstanceOf(SimdDense.class);
        assertThat(Kernels.elementwise()).isInstanceOf(SimdElementwise.class);
    }

    @Test
    void theWidthIsThePinnedOneOrTheMachinesPreferred() {
        int pinned = VectorWidth.requestedBits();
        int expected = pinned != 0 ? pinned
                : VectorWidth.defaultBits(FloatVector.SPECIES_PREFERRED.vectorBitSize(), Runtime.version().feature(),
                        VectorWidth.inliningCleanup());
        assertThat(Kernels.vectorBits()).isEqualTo(expected);
        assertThat(Lanes.L).isEqualTo(expected / 32);
        assertThat(MicroKernel.NR).isEqualTo(2 * Lanes.L);
        // 512-bit vectors come with 32 registers: the GEMM's 12-row tile uses 24 of them.
        assertThat(MicroKernel.MR).isEqualTo(expected == 512 ? 12 : 6);
        assertThat(Lanes.DOT_L).isEqualTo(expected == 128 ? 4 : 8);
    }
}
