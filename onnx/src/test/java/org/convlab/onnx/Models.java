package org.convlab.onnx;

import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected1d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Tensor;

/** The models the ONNX tests export and read back: the notebook's and users' own, with every exported layer. */
final class Models {
    private Models() {
    }

    /** A named model with the shape of one sample. */
    record Case(String name, Module model, int[] sample) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case[] all() {
        return new Case[] {
            new Case("ThreeLayerConvNet", new ThreeLayerConvNet(1, 4, 3, 10, 12, 12, new Rng(1)), new int[] {1, 12, 12}),
            new Case("ThreeLayerMLP", new ThreeLayerMLP(2 * 7 * 5, 16, 4, new Rng(2)), new int[] {2, 7, 5}),
            new Case("LocallyConnectedNet", new LocallyConnectedNet(2, 3, 2, 5, 7, 6, new Rng(3)), new int[] {2, 7, 6}),
            new Case("user Sequential: strides, groups, pools", userCnn(new Rng(4)), new int[] {2, 15, 13}),
            new Case("user Sequential: Conv1d and LocallyConnected1d", user1d(new Rng(5)), new int[] {4, 19}),
            new Case("user Sequential: nested, reshape, Linear on 3-D", nested(new Rng(6)), new int[] {3, 8, 8}),
        };
    }

    /** Odd sizes, a stride, a dilation, groups, reflect and replicate padding, padded and count-excluding pools. */
    static Sequential userCnn(Rng rng) {
        return new Sequential()
                .add("stem", Conv2d.builder(2, 6, 3, 2).stride(2, 1).padding(1).paddingMode("reflect").build(rng))
                .add("act1", new ReLU())
                .add("pool1", MaxPool2d.builder(3).stride(2).padding(1).build())
                .add("grouped", Conv2d.builder(6, 6, 3).groups(3).dilation(2).padding("1,2,0,1").build(rng))
                .add("act2", new ReLU())
                .add("edge", Conv2d.builder(6, 4, 2).padding(1).paddingMode("replicate").bias(false).build(rng))
                .add("pool2", AvgPool2d.builder(2).stride(1).padding(1).countIncludePad(false).build())
                .add("flat", new Flatten())
                .add("head", new Linear(4 * 5 * 6, 7, rng));
    }

    /** A 1-D network: an even kernel with 'same' padding (asymmetric), a strided, dilated locally connected layer. */
    static Sequential user1d(Rng rng) {
        return new Sequential()
                .add("conv", Conv1d.builder(4, 5, 4).padding("same").build(rng))
                .add("relu", new ReLU())
                .add("local", LocallyConnected1d.builder(5, 3, 3).size(19).padding(1).dilation(2).stride(2).build(rng))
                .add("flatten", new Flatten())
                .add("fc", new Linear(3 * 9, 4, false, rng));
    }

    /** Nested Sequentials (names like features.conv.weight), a Reshape and a Linear on (N, rows, features). */
    static Sequential nested(Rng rng) {
        Sequential features = new Sequential()
                .add("conv", Conv2d.builder(3, 4, 3).padding(1).build(rng))
                .add("relu", new ReLU())
                .add("pool", new AvgPool2d(2));
        return new Sequential()
                .add("features", features)
                .add("rows", new Reshape(4 * 4, 4))
                .add("mix", new Linear(4, 6, rng))
                .add("flatten", new Flatten())
                .add("out", new Linear(16 * 6, 3, rng));
    }

    /** A seeded batch of {@code n} samples of shape {@code sample}, values in [-2, 2). */
    static Tensor input(int n, int[] sample, long seed) {
        int[] dims = new int[sample.length + 1];
        dims[0] = n;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        Tensor x = Tensor.zeros(dims);
        Rng rng = new Rng(seed);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(-2, 2);
        }
        return x;
    }
}
