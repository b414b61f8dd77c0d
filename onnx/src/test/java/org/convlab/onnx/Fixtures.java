package org.convlab.onnx;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.convlab.data.io.NpyFile;
import org.convlab.tensor.Tensor;

/** The PyTorch fixtures that tools/onnx/make_fixtures.py writes to src/test/resources/onnx. */
final class Fixtures {
    static final String[] NAMES = {"three_layer_convnet", "small_mlp", "pooled_cnn", "conv1d_net"};

    private Fixtures() {
    }

    static Path onnx(String name) {
        return dir().resolve(name + ".onnx");
    }

    static Tensor input(String name) {
        return NpyFile.read(dir().resolve(name + "_input.npy"));
    }

    static Tensor torchLogits(String name) {
        return NpyFile.read(dir().resolve(name + "_logits.npy"));
    }

    static Path dir() {
        try {
            return Paths.get(Fixtures.class.getResource("/onnx/three_layer_convnet.onnx").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
