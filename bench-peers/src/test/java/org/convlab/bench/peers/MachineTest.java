package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {
    /** Part of the flags line of this machine, an AMD EPYC of family 25 model 17 (Zen 4). */
    private static final String ZEN4 = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx"
            + " fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid"
            + " pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor"
            + " lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch bmi1 avx2 smep bmi2 erms invpcid avx512f"
            + " avx512dq rdseed adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt avx512_bf16"
            + " avx512vbmi umip pku ospke avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq fsrm";
    /** The same without AVX-512, as a Zen 3 reports it. */
    private static final String ZEN3 = ZEN4.replaceAll(" avx512\\w*", "");

    @Test
    void zen4NamesItsWidestVectorAndNoAssumedFlopsPerCycle() {
        Machine m = Machine.of("AMD EPYC 9R14", 2596.0, ZEN4, 2);
        assertThat(m.vectorBits()).isEqualTo(512);
        assertThat(m.describe()).isEqualTo(
                "AMD EPYC 9R14, 2 CPUs, 2596 MHz nominal (from /proc/cpuinfo), widest vector 512-bit (AVX-512F)");
        assertThat(m.describe()).doesNotContain("flop/cycle");
    }

    @Test
    void zen3Is256BitAvx2WithFma() {
        assertThat(ZEN3).doesNotContain("avx512").contains(" avx2 ").contains(" fma ");
        Machine m = Machine.of("AMD EPYC 7B13", 2445.406, ZEN3, 2);
        assertThat(m.vectorBits()).isEqualTo(256);
        assertThat(m.describe()).contains("2445 MHz nominal").endsWith("widest vector 256-bit (AVX2+FMA)")
                .doesNotContain("flop/cycle");
    }

    @Test
    void narrowerAndUnknownWidths() {
        assertThat(Machine.of("x", 2000, "fpu sse sse2 ssse3", 1).describe()).endsWith("widest vector 128-bit (SSE2)");
        assertThat(Machine.of("x", 2000, "fpu sse sse2 avx", 1).describe()).endsWith("widest vector 256-bit (AVX)");
        assertThat(Machine.of("x", 2000, "fp asimd evtstrm aes", 1).describe()).endsWith("widest vector 128-bit (NEON)");
        // SVE's width is not in the flags.
        assertThat(Machine.of("x", 2000, "fp asimd sve", 1).vectorBits()).isZero();
        assertThat(Machine.of("x", 2000, "", 1).describe()).endsWith("widest vector unknown");
    }

    @Test
    void detectReadsThisMachine() {
        Machine m = Machine.detect();
        assertThat(m.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.describe()).contains(" CPUs, ").contains("widest vector ").doesNotContain("flop/cycle");
    }
}
