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
