package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.ReLU;

/**
 * The locally connected twin of {@link ThreeLayerConvNet}: the same windows (5x5 pad 2, then
 * 3x3 pad 1, both keeping H x W) with a separate filter bank at every position.
 * <pre>
 *   lc1 (C_in -> c1, 5x5 same) -> ReLU -> lc2 (c1 -> c2, 3x3 same) -> ReLU -> flatten -> fc (c2*H*W -> classes)
 * </pre>
 * Parameters: lc1.weight {@code (H, W, c1, C_in, 5, 5)}, lc1.bias {@code (c1, H, W)},
 * lc2.weight {@code (H, W, c2, c1, 3, 3)}, lc2.bias {@code (c2, H, W)}, fc as in the CNN: the
 * convolution's weights times {@code H*W}, biases per output element.
 */
public final class LocallyConnectedNet extends Sequential {
    private final LocallyConnected2d lc1;
    private final LocallyConnected2d lc2;
    private final Linear fc;

    /** Arguments as {@link ThreeLayerConvNet#ThreeLayerConvNet}. */
    public LocallyConnectedNet(int inChannels, int channel1, int channel2, int classes, int height, int width,
                               Rng rng) {
        lc1 = LocallyConnected2d.builder(inChannels, channel1, 5).size(height, width).padding(2).build(rng);
        lc2 = LocallyConnected2d.builder(channel1, channel2, 3).size(height, width).padding(1).build(rng);
        fc = new Linear(channel2 * height * width, classes, rng);
        add("lc1", lc1);
        add("relu1", new ReLU());
        add("lc2", lc2);
        add("relu2", new ReLU());
        add("flatten", new Flatten());
        add("fc", fc);
    }

    public LocallyConnected2d lc1() {
        return lc1;
    }

    public LocallyConnected2d lc2() {
        return lc2;
    }

    public Linear fc() {
        return fc;
    }
}
