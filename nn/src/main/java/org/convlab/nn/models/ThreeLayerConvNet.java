package org.convlab.nn.models;

import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;

/**
 * The notebook's ThreeLayerConvNet:
 * <pre>
 *   conv1 5x5 pad 2 (C_in -> c1) -> ReLU -> conv2 3x3 pad 1 (c1 -> c2) -> ReLU -> flatten -> fc (c2*H*W -> classes)
 * </pre>
 * Input {@code (N, C_in, H, W)}, output logits {@code (N, classes)}. Parameters, initialised
 * in this order with PyTorch's defaults: conv1.weight {@code (c1, C_in, 5, 5)}, conv1.bias,
 * conv2.weight {@code (c2, c1, 3, 3)}, conv2.bias, fc.weight {@code (classes, c2*H*W)}, fc.bias.
 * For CIFAR-10 with c1 = 32, c2 = 16: 2,432 + 4,624 + 163,850 = 170,906 parameters.
 *
 * <p>The rectifiers are in place ({@code ReLU(inplace=True)}): the notebook applies
 * {@code F.relu} to each convolution's output, which nothing else reads, so each convolution
 * writes only its rectified values ({@link ReLU}); {@link #output output(0)} and
 * {@code output(2)} are the tensors {@code relu1} and {@code relu2} return.
 */
public final class ThreeLayerConvNet extends Sequential {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear fc;

    /**
     * @param inChannels input channels (3 for CIFAR-10, 1 for MNIST)
     * @param channel1   filters of the first convolution
     * @param channel2   filters of the second convolution
     * @param classes    number of classes
     * @param height     input height (the classifier's size depends on it)
     * @param width      input width
     * @param rng        source of the initial weights
     */
    public ThreeLayerConvNet(int inChannels, int channel1, int channel2, int classes, int height, int width,
                             Rng rng) {
        conv1 = Conv2d.builder(inChannels, channel1, 5).padding(2).build(rng);
        conv2 = Conv2d.builder(channel1, channel2, 3).padding(1).build(rng);
        fc = new Linear(channel2 * height * width, classes, rng);
        add("conv1", conv1);
        add("relu1", new ReLU(true));
        add("conv2", conv2);
        add("relu2", new ReLU(true));
        add("flatten", new Flatten());
        add("fc", fc);
    }

    public Conv2d conv1() {
        return conv1;
    }

    public Conv2d conv2() {
        return conv2;
    }

    public Linear fc() {
        return fc;
    }
}
