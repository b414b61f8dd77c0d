package org.convlab.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CPU as {@code /proc/cpuinfo} describes it, and its theoretical float32 FMA rate.
 *
 * <p>Theoretical peak per core = clock x FMA units x float lanes x 2 flops. For AVX2 + FMA on
 * AMD Zen 2/3 (two 256-bit FMA pipes) that is {@code 2 x 8 x 2 = 32} flops per cycle; with
 * AVX-512 it would be 64. The clock is the one /proc/cpuinfo reports ("cpu MHz"): on a virtual
 * machine that is the nominal (TSC) frequency, not the boost clock the core may actually run
 * at, so measured figures can exceed this "peak".
 *
 * @param model         the CPU model name
 * @param mhz           the clock /proc/cpuinfo reports, MHz (nominal)
 * @param avx512        whether the CPU reports AVX-512F
 * @param flopsPerCycle float32 flops per cycle per core assumed for the peak
 * @param cpus          logical CPUs available to the JVM
 */
public record Machine(String model, double mhz, boolean avx512, int flopsPerCycle, int cpus) {

    /** Reads /proc/cpuinfo (falls back to unknown values where it is missing). */
    public static Machine detect() {
        String model = System.getProperty("os.arch");
        double mhz = Double.NaN;
        String flags = "";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                String[] kv = line.split(":", 2);
                if (kv.length < 2) {
                    continue;
                }
                String key = kv[0].trim();
                String value = kv[1].trim();
                if (key.equals("model name") && model.equals(System.getProperty("os.arch"))) {
                    model = value;
                } else if (key.equals("cpu MHz") && Double.isNaN(mhz)) {
                    mhz = Double.parseDouble(value);
                } else if (key.equals("flags") && flags.isEmpty()) {
                    flags = " " + value + " ";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // leave the unknowns
        }
        boolean avx512 = flags.contains(" avx512f ");
        boolean fma = flags.contains(" fma ") && flags.contains(" avx2 ");
        int perCycle = avx512 ? 64 : fma ? 32 : 16;
        return new Machine(model, mhz, avx512, perCycle, Runtime.getRuntime().availableProcessors());
    }

    /** Theoretical float32 GFLOP/s on {@code threads} cores at the nominal clock. */
    public double theoreticalGflops(int threads) {
        return mhz * 1e-3 * flopsPerCycle * threads;
    }

    /** E.g. "AMD EPYC, 2 CPUs, 2445 MHz nominal, AVX2+FMA: 32 flop/cycle/core". */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d CPUs, %.0f MHz nominal (from /proc/cpuinfo), %s: %d flop/cycle/core",
                model, cpus, mhz, avx512 ? "AVX-512" : flopsPerCycle == 32 ? "AVX2+FMA" : "no FMA", flopsPerCycle);
    }
}
