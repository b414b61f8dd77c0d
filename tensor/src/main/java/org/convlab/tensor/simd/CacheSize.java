package org.convlab.tensor.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of a core's level-2 cache, as Linux reports it ({@code /sys/devices/system/cpu/cpu0/cache}),
 * for the GEMM's blocking ({@link SimdGemm#NC}); 0 where it is not reported (another OS, a
 * container without {@code /sys}).
 */
final class CacheSize {
    private static final Path CACHES = Path.of("/sys/devices/system/cpu/cpu0/cache");

    private CacheSize() {
    }

    /**
     * Bytes of the level-2 data or unified cache of CPU 0, or 0 when unknown; the system property
     * {@code convlab.cache.l2} ({@code 512K}, {@code 1M} or bytes) stands in for what Linux
     * reports (a container without {@code /sys}, or to try the GEMM's other loop order; a value
     * {@link #parse} cannot read is ignored).
     */
    static long level2Bytes() {
        long given = parse(System.getProperty("convlab.cache.l2", ""));
        return given > 0 ? given : reportedLevel2Bytes();
    }

    /** Bytes of the level-2 data or unified cache of CPU 0 as Linux reports it, or 0. */
    private static long reportedLevel2Bytes() {
        for (int index = 0; index < 8; index++) {
            Path dir = CACHES.resolve("index" + index);
            try {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                String level = Files.readString(dir.resolve("level")).trim();
                String type = Files.readString(dir.resolve("type")).trim();
                if (level.equals("2") && !type.equals("Instruction")) {
                    return parse(Files.readString(dir.resolve("size")));
                }
            } catch (IOException | SecurityException e) {
                return 0;
            }
        }
        return 0;
    }

    /** {@code "2048K"}, {@code "1M"} or {@code "524288"} in bytes; 0 for anything else. */
    static long parse(String size) {
        String s = size.trim();
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(digits) * unit;
    }
}
