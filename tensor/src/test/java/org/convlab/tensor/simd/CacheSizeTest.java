package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The L2 size read from Linux's sysfs (or given), and the GEMM's chunk width and loop order it sets. */
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
    void rowPanelsGoOutsideAt512BitsAndWhereTheBBlockTakesTwoThirdsOfL2AtMost() {
        assertThat(SimdGemm.rowPanelsOutside(12, 0)).as("512 bits, L2 unknown").isTrue();
        assertThat(SimdGemm.rowPanelsOutside(6, 1L << 20)).as("AMD Zen 4's 1 MiB").isTrue();
        assertThat(SimdGemm.rowPanelsOutside(6, 512L << 10)).as("AMD Zen 3's 512 KiB").isFalse();
        assertThat(SimdGemm.rowPanelsOutside(6, 0)).as("L2 unknown").isFalse();
        assertThat(SimdGemm.A_OUTER).isEqualTo(SimdGemm.rowPanelsOutside(MicroKernel.MR, CacheSize.level2Bytes()));
        if ("512K".equals(System.getProperty("convlab.cache.l2")) && MicroKernel.MR == 6) {
            // The 128-bit surefire run is told Zen 3's L2 so that the twins see the other order.
            assertThat(SimdGemm.A_OUTER).as("B strips outside, told an L2 of 512 KiB").isFalse();
        }
    }

    @Test
    void aGivenL2SizeStandsInForLinuxs() {
        String saved = System.getProperty("convlab.cache.l2");
        try {
            System.setProperty("convlab.cache.l2", "512K");
            assertThat(CacheSize.level2Bytes()).isEqualTo(512L << 10);
            System.setProperty("convlab.cache.l2", "a lot");
            assertThat(CacheSize.level2Bytes()).as("unreadable: Linux's figure").isEqualTo(reported());
        } finally {
            if (saved == null) {
                System.clearProperty("convlab.cache.l2");
            } else {
                System.setProperty("convlab.cache.l2", saved);
            }
        }
    }

    /** The size Linux reports, read with the property cleared. */
    private static long reported() {
        String value = System.clearProperty("convlab.cache.l2");
        try {
            return CacheSize.level2Bytes();
        } finally {
            System.setProperty("convlab.cache.l2", value);
        }
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
