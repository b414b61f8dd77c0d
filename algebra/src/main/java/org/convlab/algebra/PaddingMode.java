package org.convlab.algebra;

import java.util.Locale;
import org.convlab.core.BadParameterException;

/** How the padded border of an input is filled, as PyTorch's {@code padding_mode}. */
public enum PaddingMode {
    /** Padded positions are zero. */
    ZEROS,
    /** Mirror without repeating the edge: {@code x3 x2 | x1 x2 x3 | x2 x1}. Padding must be smaller than the size. */
    REFLECT,
    /** Repeat the edge: {@code x1 x1 | x1 x2 x3 | x3 x3}. */
    REPLICATE,
    /** Wrap around: {@code x2 x3 | x1 x2 x3 | x1 x2}. Padding must not exceed the size. */
    CIRCULAR;

    /** The name PyTorch uses, e.g. {@code "zeros"}. */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code zeros|reflect|replicate|circular} (case-insensitive). */
    public static PaddingMode parse(String text) {
        for (PaddingMode mode : values()) {
            if (mode.torchName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw new BadParameterException("paddingMode", "one of zeros, reflect, replicate, circular", text);
    }

    /**
     * The input index that padded position {@code i} copies, or -1 when it is a zero.
     *
     * <p>{@code i} is a position on the unpadded axis of length {@code n}; it may lie outside
     * {@code [0, n)} by at most the padding, which {@link ConvGeometry} has already checked.
     */
    public int sourceIndex(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case ZEROS -> -1;
            case REPLICATE -> i < 0 ? 0 : n - 1;
            case CIRCULAR -> Math.floorMod(i, n);
            case REFLECT -> {
                if (n == 1) {
                    yield 0;
                }
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
        };
    }
}
