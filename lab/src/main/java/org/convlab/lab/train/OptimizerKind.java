package org.convlab.lab.train;

import java.util.List;
import java.util.Locale;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Parameter;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.SGD;

/** The optimisers {@code --optimizer} chooses from, with PyTorch's update rules. */
public enum OptimizerKind {
    /** Plain SGD, {@code p -= lr * g} (the notebook's). */
    SGD("sgd"),
    /** SGD with momentum ({@code --momentum}, default 0.9), PyTorch's form {@code b = m b + g; p -= lr b}. */
    MOMENTUM("momentum"),
    /** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8). */
    ADAM("adam");

    private final String word;

    OptimizerKind(String word) {
        this.word = word;
    }

    /** The command-line name. */
    public String word() {
        return word;
    }

    /** An optimiser of this kind over {@code params}. */
    public Optimizer create(List<Parameter> params, double lr, double momentum) {
        return switch (this) {
            case SGD -> new SGD(params, lr);
            case MOMENTUM -> new SGD(params, lr).momentum(momentum);
            case ADAM -> new Adam(params, lr);
        };
    }

    /** Parses an {@code --optimizer} value (case-insensitive). */
    public static OptimizerKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (OptimizerKind k : values()) {
            if (k.word.equals(t)) {
                return k;
            }
        }
        throw new BadParameterException("optimizer", "one of sgd, momentum, adam", text);
    }

    @Override
    public String toString() {
        return word;
    }
}
