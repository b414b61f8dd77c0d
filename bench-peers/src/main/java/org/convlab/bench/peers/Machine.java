package org.convlab.bench.peers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CPU as {@code /proc/cpuinfo} describes it: model, nominal clock and the widest vector
 * registers its instruction-set flags report.
 *
 * <p>No peak rate is derived from these: the flags tell the register width, not how many FMA
 * pipes there are nor how wide they are (AMD Zen 4 reports AVX-512F and runs a 512-bit FMA as
 * two 256-bit halves, 32 float32 flops per cycle per core rather than 64; Xeons with one 512-bit
 * FMA port are in the same case), and the clock /proc/cpuinfo reports is the nominal one (on a
 * virtual machine the TSC frequency), not the boost clock the core runs at. The yardstick of
 * every "% of peak" is the FMA peak measured in the same run ({@link Results#fmaPeaks()}).
 *
 * @param model         the CPU model name
 * @param mhz           the clock /proc/cpuinfo reports, MHz (nominal; NaN when not reported)
 * @param vectorBits    the widest vector registers the flags report, in bits (x86: AVX-512F 512,
 *                      AVX 256, SSE2 128; ARM: NEON 128); 0 when unknown (no flags, or ARM SVE,
 *                      whose width the flags do not give)
 * @param vectorFlags   the flags that give that width, e.g. "AVX-512F" or "AVX2+FMA" ("" when unknown)
 * @param cpus          logical CPUs available to the JVM
 */
public record Machine(String model, double mhz, int vectorBits, String vectorFlags, int cpus) {

    /**
     * Reads a machine from JSON, including one saved before the record named its vector width:
     * such a file has {@code avx512} and {@code flopsPerCycle} (an assumed rate, dropped) instead.
     */
    @JsonCreator
    static Machine fromJson(@JsonProperty("model") String model, @JsonProperty("mhz") double mhz,
                            @JsonProperty("vectorBits") Integer vectorBits, @JsonProperty("vectorFlags") String vectorFlags,
                            @JsonProperty("cpus") int cpus, @JsonProperty("avx512") Boolean avx512,
                            @JsonProperty("flopsPerCycle") Integer flopsPerCycle) {
        if (vectorBits != null) {
            return new Machine(model, mhz, vectorBits, vectorFlags == null ? "" : vectorFlags, cpus);
        }
        if (Boolean.TRUE.equals(avx512)) {
            return new Machine(model, mhz, 512, "AVX-512F", cpus);
        }
        if (flopsPerCycle != null && flopsPerCycle == 32) {
            return new Machine(model, mhz, 256, "AVX2+FMA", cpus);
        }
        return new Machine(model, mhz, 0, "", cpus);
    }

    /** Reads /proc/cpuinfo (falls back to unknown values where it is missing). */
    public static Machine detect() {
        String model = System.getProperty("os.arch");
        double mhz = Double.NaN;
        String flags = "";
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
                } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                    flags = value;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // leave the unknowns
        }
        return of(model, mhz, flags, Runtime.getRuntime().availableProcessors());
    }

    /** The machine whose /proc/cpuinfo gives these values; {@code flags} is its "flags" (or ARM "Features") line. */
    static Machine of(String model, double mhz, String flags, int cpus) {
        String f = " " + flags.trim() + " ";
        if (f.contains(" sve ")) {
            return new Machine(model, mhz, 0, "", cpus);
        }
        if (f.contains(" avx512f ")) {
            return new Machine(model, mhz, 512, "AVX-512F", cpus);
        }
        if (f.contains(" avx2 ")) {
            return new Machine(model, mhz, 256, f.contains(" fma ") ? "AVX2+FMA" : "AVX2", cpus);
        }
        if (f.contains(" avx ")) {
            return new Machine(model, mhz, 256, "AVX", cpus);
        }
        if (f.contains(" sse2 ")) {
            return new Machine(model, mhz, 128, "SSE2", cpus);
        }
        if (f.contains(" asimd ")) {
            return new Machine(model, mhz, 128, "NEON", cpus);
        }
        return new Machine(model, mhz, 0, "", cpus);
    }

    /**
     * E.g. "AMD EPYC, 2 CPUs, 2596 MHz nominal (from /proc/cpuinfo), widest vector 512-bit (AVX-512F)":
     * the flags' register width, no assumed flops per cycle.
     */
    public String describe() {
        String vector = vectorBits <= 0 ? "unknown"
                : vectorBits + "-bit" + (vectorFlags == null || vectorFlags.isEmpty() ? "" : " (" + vectorFlags + ")");
        return String.format(Locale.ROOT, "%s, %d CPUs, %.0f MHz nominal (from /proc/cpuinfo), widest vector %s",
                model, cpus, mhz, vector);
    }
}
