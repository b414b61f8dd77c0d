package org.convlab.lab.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.convlab.core.BadParameterException;

/** The networks the lab trains, by the name a user types after {@code --model}. */
public enum ModelKind {
    /** The notebook's ThreeLayerConvNet: conv 5x5 pad 2, ReLU, conv 3x3 pad 1, ReLU, linear. */
    CNN("cnn", "CNN"),
    /** The notebook's ThreeLayerMLP: linear, ReLU, linear, ReLU, linear. */
    MLP("mlp", "MLP"),
    /** The CNN's windows without weight sharing (LocallyConnectedNet). */
    LC("lc", "locally connected"),
    /** The CNN with both convolutions frozen at their random initialisation: only the classifier learns. */
    FROZEN_CNN("frozen-cnn", "frozen CNN"),
    /** Softmax regression on the raw pixels: flatten, one linear layer. */
    LINEAR("linear", "linear on pixels"),
    /** The CNN's first convolution frozen at random, a ReLU, and a trained linear classifier. */
    FROZEN_CONV1("frozen-conv1", "linear on random conv1 features"),
    /** The MLP with both hidden layers frozen at random: only the last linear layer learns. */
    FROZEN_MLP("frozen-mlp", "frozen MLP");

    private final String word;
    private final String title;

    ModelKind(String word, String title) {
        this.word = word;
        this.title = title;
    }

    /** The command-line name, e.g. {@code frozen-cnn}. */
    public String word() {
        return word;
    }

    /** A person's name for it, e.g. {@code frozen CNN}. */
    public String title() {
        return title;
    }

    /** Whether the network has the MLP's hidden width ({@code --hidden}). */
    public boolean usesHidden() {
        return this == MLP || this == FROZEN_MLP;
    }

    /** Whether the network has the CNN's channel sizes ({@code --channels}). */
    public boolean usesChannels() {
        return this == CNN || this == LC || this == FROZEN_CNN || this == FROZEN_CONV1;
    }

    /** The accepted names, for messages: {@code cnn, mlp, lc, ...}. */
    public static String names() {
        return Arrays.stream(values()).map(ModelKind::word).collect(Collectors.joining(", "));
    }

    /** Parses a {@code --model} value (case-insensitive). */
    public static ModelKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ModelKind k : values()) {
            if (k.word.equals(t)) {
                return k;
            }
        }
        throw new BadParameterException("model", "one of " + names(), text);
    }

    @Override
    public String toString() {
        return word;
    }
}
