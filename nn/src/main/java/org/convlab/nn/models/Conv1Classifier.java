package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;

/**
 * The first layer of {@link ThreeLayerConvNet} and a linear classifier on its features, the
 * lab's {@code frozen-conv1} probe (with conv1 frozen at random):
 * <pre>  conv1 5x5 pad 2 (C_in -> c1) -> ReLU -> flatten -> fc (c1*H*W -> classes)</pre>
 * Input {@code (N, C_in, H, W)}, output logits {@code (N, classes)}. conv1 is drawn first, so for
 * one seed it is the same random convolution as the CNN's.
 */
public final class Conv1Classifier extends Sequential {
    private final Conv2d conv1;
    private final Linear fc;

    /** Arguments as {@link ThreeLayerConvNet#ThreeLayerConvNet} without the second convolution. */
    public Conv1Classifier(int inChannels, int channel1, int classes, int height, int width, Rng rng) {
        conv1 = Conv2d.builder(inChannels, channel1, 5).padding(2).build(rng);
        fc = new Linear(channel1 * height * width, classes, rng);
        add("conv1", conv1);
        add("relu1", new ReLU());
        add("flatten", new Flatten());
        add("fc", fc);
    }

    public Conv2d conv1() {
        return conv1;
    }

    public Linear fc() {
        return fc;
    }
}
