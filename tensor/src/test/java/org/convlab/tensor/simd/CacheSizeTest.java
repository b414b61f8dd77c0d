package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The L2 size read from Linux's sysfs, and the GEMM's chunk width it sets. */
class CacheSizeTest {
    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource({"2048K, 2097152", "'1280K\n', 1310720", "1M, 1048576", "524288, 524288",
            "'', 0", "K, 0", "2048KB, 0", "-1K, 0", "12x, 0", "99999999999999K, 0"})
    void parsesTheSizesLinuxWrites(String text, long bytes) {
        assertThat(CacheSize.parse(text)).isEqualTo(bytes);
    }

    @Test
    void theMachinesL2IsReadOrUnknown() {
        long l2 = CacheSize.level2Bytes();
        assertThat(l2 == 0 || l2 >= 64 << 10).as("%d bytes", l2).isTrue();
    }

    @Test
    void chunksAre1024ColumnsWideOnlyWhereTheirBBlockTakesTwoThirdsOfL2AtMost() {
        assertThat(SimdGemm.columnsPerChunk(2L << 20)).isEqualTo(1024);
        assertThat(SimdGemm.columnsPerChunk(1280L << 10)).isEqualTo(512);
        assertThat(SimdGemm.columnsPerChunk(1L << 20)).isEqualTo(512);
        assertThat(SimdGemm.columnsPerChunk(0)).isEqualTo(512);
        assertThat(SimdGemm.NC % MicroKernel.NR).isZero();
        if (!SimdGemm.A_OUTER && System.getProperty("convlab.gemm.nc") == null) {
            assertThat(SimdGemm.NC).as("below 512 bits").isEqualTo(512);
        }
    }
}
