package org.convlab.lab.train;

import org.convlab.core.BadParameterException;
import org.convlab.core.MemoryBudget;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.Conv1Classifier;
import org.convlab.nn.models.LinearClassifier;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;

/**
 * Which network to train and its sizes: the kind, the MLP's hidden width and the CNN's two
 * channel counts (the notebook's classic values 32 and 16; hidden 100 by default).
 *
 * <p>{@link #build} builds the models of {@code org.convlab.nn.models} (their only definition)
 * and draws the initial weights from {@code rng} in the order PyTorch's
 * constructors would (layer by layer, weight then bias), with PyTorch's default distributions.
 * Models whose first layers are the CNN's ({@code frozen-cnn}, {@code frozen-conv1}) draw them
 * first, so for one seed they start from the same random convolution as the CNN.
 *
 * @param kind     the network
 * @param hidden   hidden units per hidden layer of an MLP
 * @param channel1 filters of the first convolution (or locally connected layer)
 * @param channel2 filters of the second
 */
public record ModelSpec(ModelKind kind, int hidden, int channel1, int channel2) {
    /** The default MLP width: about the CNN's parameter count on 1x28x28 (89,610 vs 130,906). */
    public static final int DEFAULT_HIDDEN = 100;
    /** The classic course value of channel_1. */
    public static final int DEFAULT_CHANNEL1 = 32;
    /** The classic course value of channel_2. */
    public static final int DEFAULT_CHANNEL2 = 16;
    /** The widest MLP the lab builds (its first layer alone is D x hidden). */
    public static final int MAX_HIDDEN = 65_536;

    public ModelSpec {
        if (kind == null) {
            throw new BadParameterException("model", "one of " + ModelKind.names(), "nothing");
        }
        if (hidden < 1 || hidden > MAX_HIDDEN) {
            throw new BadParameterException("hidden", "a width in 1.." + MAX_HIDDEN, hidden);
        }
        if (channel1 < 1 || channel1 > 4096 || channel2 < 1 || channel2 > 4096) {
            throw new BadParameterException("convChannels", "two channel counts in 1..4096",
                    channel1 + "," + channel2);
        }
    }

    /** {@code kind} with the default sizes. */
    public static ModelSpec of(ModelKind kind) {
        return new ModelSpec(kind, DEFAULT_HIDDEN, DEFAULT_CHANNEL1, DEFAULT_CHANNEL2);
    }

    /** This spec with another hidden width. */
    public ModelSpec withHidden(int h) {
        return new ModelSpec(kind, h, channel1, channel2);
    }

    /** This spec with other channel counts. */
    public ModelSpec withChannels(int c1, int c2) {
        return new ModelSpec(kind, hidden, c1, c2);
    }

    /** A short identifier for files and JSON: {@code cnn}, {@code mlp-100}, {@code frozen-cnn}. */
    public String id() {
        return kind.usesHidden() ? kind.word() + "-" + hidden : kind.word();
    }

    /** A person's name: {@code CNN}, {@code MLP-4000}, {@code locally connected}. */
    public String title() {
        return switch (kind) {
            case MLP -> "MLP-" + hidden;
            case FROZEN_MLP -> "frozen MLP-" + hidden;
            default -> kind.title();
        };
    }

    /** The sizes in words: {@code channels 32, 16} or {@code hidden 100}. */
    public String sizes() {
        if (kind.usesHidden()) {
            return "hidden " + hidden;
        }
        return kind.usesChannels() ? "channels " + channel1 + ", " + channel2 : "";
    }

    /**
     * The parameters of this network for images of {@code (c, h, w)} and {@code classes} classes,
     * counted without building it (saturating at {@link Long#MAX_VALUE}).
     */
    public long parameterEstimate(int c, int h, int w, int classes) {
        long hw = (long) h * w;
        long c1 = channel1;
        long c2 = channel2;
        long d = c * hw;
        return switch (kind) {
            case CNN, FROZEN_CNN -> MemoryBudget.sum(c1 * c * 25 + c1, c2 * c1 * 9 + c2,
                    MemoryBudget.product(classes, c2, hw), classes);
            case LC -> MemoryBudget.sum(MemoryBudget.product(hw, c1, c * 25L + 1), MemoryBudget.product(hw, c2, c1 * 9 + 1),
                    MemoryBudget.product(classes, c2, hw), classes);
            case MLP, FROZEN_MLP -> MemoryBudget.sum(MemoryBudget.product(d, hidden), hidden,
                    MemoryBudget.product(hidden, hidden), hidden, MemoryBudget.product(hidden, classes), classes);
            case LINEAR -> d * classes + classes;
            case FROZEN_CONV1 -> MemoryBudget.sum(c1 * c * 25 + c1, MemoryBudget.product(classes, c1, hw), classes);
        };
    }

    /**
     * Bytes of float32 weights, gradients and up to two optimiser states per parameter (Adam):
     * 16 bytes a parameter. Activations scale with the batch and are checked by the trainer's
     * own limits; the weights are what a wide MLP or a locally connected net makes huge.
     */
    public long estimatedBytes(int c, int h, int w, int classes) {
        return MemoryBudget.product(parameterEstimate(c, h, w, classes), 16);
    }

    /**
     * Refuses, naming {@code --hidden}, {@code --channels} or {@code --model}, a network whose
     * {@link #estimatedBytes} exceed what the heap can still give ({@link MemoryBudget}).
     */
    public void requireMemory(int c, int h, int w, int classes) {
        MemoryBudget.require(kind.usesHidden() ? "hidden" : kind.usesChannels() ? "convChannels" : "model",
                estimatedBytes(c, h, w, classes), "the weights, gradients and optimiser state of " + this);
    }

    /**
     * The network for images of {@code (c, h, w)} and {@code classes} classes, initialised from
     * {@code rng}; its input gradient is off (images need none).
     */
    public Sequential build(int c, int h, int w, int classes, Rng rng) {
        if (kind == ModelKind.LC && (long) h * w * channel2 * channel1 * 9 > Integer.MAX_VALUE - 8) {
            throw new BadParameterException("convChannels", "a locally connected net whose weights fit in one tensor",
                    channel1 + "," + channel2 + " on " + h + "x" + w);
        }
        long fc = (long) c * h * w * hidden;
        if (kind.usesHidden() && fc > Integer.MAX_VALUE - 8) {
            throw new BadParameterException("hidden", "a width whose first layer fits in one tensor ("
                    + c * h * w + " x hidden < 2^31)", hidden);
        }
        requireMemory(c, h, w, classes);
        Sequential model = switch (kind) {
            case CNN -> new ThreeLayerConvNet(c, channel1, channel2, classes, h, w, rng);
            case FROZEN_CNN -> {
                ThreeLayerConvNet net = new ThreeLayerConvNet(c, channel1, channel2, classes, h, w, rng);
                net.conv1().freeze();
                net.conv2().freeze();
                yield net;
            }
            case MLP -> new ThreeLayerMLP(c * h * w, hidden, classes, rng);
            case FROZEN_MLP -> {
                ThreeLayerMLP net = new ThreeLayerMLP(c * h * w, hidden, classes, rng);
                net.fc1().freeze();
                net.fc2().freeze();
                yield net;
            }
            case LC -> new LocallyConnectedNet(c, channel1, channel2, classes, h, w, rng);
            case LINEAR -> new LinearClassifier(c * h * w, classes, rng);
            case FROZEN_CONV1 -> {
                Conv1Classifier net = new Conv1Classifier(c, channel1, classes, h, w, rng);
                net.conv1().freeze();
                yield net;
            }
        };
        model.setInputGradient(false);
        return model;
    }

    @Override
    public String toString() {
        String s = sizes();
        return title() + (s.isEmpty() ? "" : " (" + s + ")");
    }
}
