package org.convlab.bench.peers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CPU as {@code /proc/cpuinfo} describes it: model and nominal clock.
 *
 * <p>No peak rate is derived from it: the instruction-set flags tell the register width, not how
 * many FMA pipes there are nor how wide they are (AMD Zen 4 reports AVX-512F and runs a 512-bit
 * FMA as two 256-bit halves, 32 float32 flops per cycle per core rather than 64; Xeons with one
 * 512-bit FMA port are in the same case), and the clock /proc/cpuinfo reports is the nominal one
 * (on a virtual machine the TSC frequency), not the boost clock the core runs at. The yardstick
 * of every "% of peak" is the FMA peak measured in the same run ({@link Results#fmaPeaks()}); the
 * vector widths (in use, the JVM's and the CPU's widest) are the environment's "vectors" entry.
 *
 * @param model the CPU model name
 * @param mhz   the clock /proc/cpuinfo reports, MHz (nominal; NaN when not reported)
 * @param cpus  logical CPUs available to the JVM
 */
// A file saved before the yardstick became the measured FMA peak also has "avx512" and
// "flopsPerCycle" (an assumed rate); they are read and dropped.
@JsonIgnoreProperties({"avx512", "flopsPerCycle"})
public record Machine(String model, double mhz, int cpus) {

    /** Reads /proc/cpuinfo (falls back to unknown values where it is missing). */
    public static Machine detect() {
        String model = System.getProperty("os.arch");
        double mhz = Double.NaN;
        boolean named = false;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                String[] kv = line.split(":", 2);
                if (kv.length < 2) {
                    continue;
                }
                String key = kv[0].trim();
                String value = kv[1].trim();
                if (key.equals("model name") && !named) {
                    model = value;
                    named = true;
                } else if (key.equals("cpu MHz") && Double.isNaN(mhz)) {
                    mhz = Double.parseDouble(value);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // leave the unknowns
        }
        return new Machine(model, mhz, Runtime.getRuntime().availableProcessors());
    }

    /** E.g. "AMD EPYC, 2 CPUs, 2596 MHz nominal (from /proc/cpuinfo)": no assumed flops per cycle. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d CPUs, %.0f MHz nominal (from /proc/cpuinfo)", model, cpus, mhz);
    }
}
