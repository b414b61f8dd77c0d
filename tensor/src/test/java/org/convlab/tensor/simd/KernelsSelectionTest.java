package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.convlab.tensor.kernels.Kernels;
import org.junit.jupiter.api.Test;

class KernelsSelectionTest {
    @Test
    void theVectorGemmIsSelectedWhenTheModuleIsPresent() {
        // Surefire runs with --add-modules jdk.incubator.vector and without -Dconvlab.simd=false.
        assertThat(Kernels.simd()).isTrue();
        assertThat(Kernels.gemm()).isInstanceOf(SimdGemm.class);
    }
}
