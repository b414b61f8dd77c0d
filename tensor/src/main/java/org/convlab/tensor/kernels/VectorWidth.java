package org.convlab.tensor.kernels;

import org.convlab.core.BadParameterException;

/**
 * The vector width the SIMD kernels are asked to use: the system property
 * {@code convlab.vector.bits} (128, 256 or 512), or unset for the machine's preferred width.
 * Read here, without the Vector API, so that a bad value is reported before any SIMD class loads.
 */
public final class VectorWidth {
    /** The system property that pins the width. */
    public static final String PROPERTY = "convlab.vector.bits";

    private VectorWidth() {
    }

    /** The first JDK whose C2 keeps 512-bit kernels free of boxed vectors (see {@link #defaultBits}). */
    public static final int FULL_WIDTH_JDK = 25;

    /** HotSpot's diagnostic flag for C2's cleanup after every round of inlining (see {@link #defaultBits}). */
    public static final String CLEANUP_FLAG = "IncrementalInlineForceCleanup";

    /**
     * The width the kernels use when none is pinned: the JVM's preferred width
     * ({@code preferredBits}), at least 128, except that a JDK before {@value #FULL_WIDTH_JDK}
     * gets 256 bits where it prefers 512 unless C2 cleans its graph after every round of inlining
     * ({@code inliningCleanup}: {@code -XX:+UnlockDiagnosticVMOptions -XX:+IncrementalInlineForceCleanup},
     * which the launcher passes). Without the cleanup, JDK 17's C2 loses the exact types of the
     * vectors that later rounds inline in a large kernel, and once a second float species has
     * passed through the shared {@code FloatVector} methods (the classifier's 8-lane dot
     * products), fails to intrinsify the loads and stores of the 512-bit kernels: they box every
     * vector, a training step allocated 38 MB and ran many times slower. With it, JDK 17 trains
     * faster at 512 bits than at 256 (Zen 4). JDK 25 compiles the same code without a box; JDK
     * 18-24 are not measured, so they keep 256 bits with the cleanup too. Every width gives the
     * same bits, so this changes speed only.
     */
    public static int defaultBits(int preferredBits, int jdkFeature, boolean inliningCleanup) {
        if (preferredBits < 128) {
            return 128; // a JVM capped below 128 bits: no kernel is narrower, so 128, emulated
        }
        boolean fullWidth = jdkFeature >= FULL_WIDTH_JDK || inliningCleanup && jdkFeature == CLEANUP_MEASURED_JDK;
        if (preferredBits > 256 && !fullWidth) {
            return 256;
        }
        return preferredBits;
    }

    /** The JDK before {@value #FULL_WIDTH_JDK} whose 512-bit kernels were measured with C2's cleanup (see {@link #defaultBits}). */
    public static final int CLEANUP_MEASURED_JDK = 17;

    /** Whether this JVM runs C2's cleanup after every round of inlining ({@value #CLEANUP_FLAG}; false where HotSpot's flags cannot be read). */
    public static boolean inliningCleanup() {
        try {
            return java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(CLEANUP_FLAG).getValue().equals("true");
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }

    /**
     * The pinned width in bits, or 0 when the property is unset or blank (the machine's preferred width).
     *
     * @throws BadParameterException naming the property and the accepted values when it holds anything else
     */
    public static int requestedBits() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        return switch (value.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new BadParameterException(PROPERTY,
                    "128, 256 or 512 (or unset for the machine's preferred width)", value);
        };
    }
}
