package org.convlab.bench.peers;

import java.util.Locale;
import org.convlab.core.BadParameterException;

/** What a workload times: a training step (forward, cross-entropy, backward, SGD) or inference (forward only). */
public enum Mode {
    TRAIN,
    INFER;

    /** The lower-case name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code train} or {@code infer}. */
    public static Mode parse(String text) {
        for (Mode m : values()) {
            if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new BadParameterException("--modes", "train or infer", text);
    }
}
