package org.convlab.algebra;

import java.util.Locale;
import org.convlab.core.BadParameterException;

/** Which framework's meaning of {@code padding="same"} to follow. */
public enum SameMode {
    /**
     * PyTorch: total padding {@code d(k-1)}, {@code total/2} before and the rest (the odd one)
     * after; only for stride 1, because otherwise the output cannot keep the input's size.
     */
    TORCH,
    /**
     * TensorFlow/Keras: output size {@code ceil(n/s)}; total padding
     * {@code max((out-1)s + d(k-1) + 1 - n, 0)}, the odd one after. Any stride.
     */
    TF;

    /** Parses {@code torch|tf} (case-insensitive). */
    public static SameMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "torch", "pytorch" -> TORCH;
            case "tf", "tensorflow", "keras" -> TF;
            default -> throw new BadParameterException("sameMode", "torch or tf", text);
        };
    }
}
