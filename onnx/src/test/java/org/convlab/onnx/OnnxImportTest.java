package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PyTorch's exports and convlab's own read back into convlab give the logits PyTorch and ONNX Runtime give. */
class OnnxImportTest {
    static String[] fixtures() {
        return Fixtures.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importedPyTorchModelGivesPyTorchsAndOnnxRuntimesLogits(String name) throws Exception {
        Sequential model = OnnxImport.read(Fixtures.onnx(name));
        Tensor x = Fixtures.input(name);
        Tensor mine = model.forward(x).copy();
        Close.assertClose(mine, Fixtures.torchLogits(name), name + " vs PyTorch");
        Close.assertClose(mine, Ort.run(Files.readAllBytes(Fixtures.onnx(name)), x), name + " vs ONNX Runtime");
    }

    @Test
    void theNotebooksConvNetKeepsPyTorchsNamesAndShapes() {
        OnnxImport.Imported imported = OnnxImport.load(Fixtures.onnx("three_layer_convnet"));
        assertThat(imported.inputShape()).containsExactly(1, 28, 28);
        assertThat(imported.opset()).isEqualTo(14);
        assertThat(imported.producer()).startsWith("pytorch");
        assertThat(imported.model().stateDict().keySet())
                .containsExactly("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias");
        assertThat(imported.model().get(0)).isInstanceOf(Conv2d.class);
        assertThat(imported.model().get(0).toString()).isEqualTo("Conv2d(1, 8, kernel_size=5, stride=1, padding=2)");
    }

    @Test
    void viewsShapeArithmeticFoldsIntoOneFlatten() {
        Sequential mlp = OnnxImport.read(Fixtures.onnx("small_mlp"));
        assertThat(mlp.get(0)).isInstanceOf(Flatten.class);
        assertThat(mlp.size()).isEqualTo(6);
        assertThat(mlp.stateDict().keySet()).containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
                "fc3.weight", "fc3.bias");
        Sequential pooled = OnnxImport.read(Fixtures.onnx("pooled_cnn"));
        assertThat(pooled.stateDict().keySet()).containsExactly("features.0.weight", "features.0.bias",
                "features.3.weight", "features.3.bias", "classifier.1.weight", "classifier.1.bias");
    }

    static List<Models.Case> exportable() {
        List<Models.Case> out = new ArrayList<>();
        for (Models.Case c : Models.all()) {
            if (!c.name().contains("Locally") && !c.name().contains("1d")) {
                out.add(c);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportable")
    void convlabsExportReadsBackToTheSameModel(Models.Case c) {
        byte[] bytes = OnnxExport.toBytes(c.model(), c.sample());
        OnnxImport.Imported back = OnnxImport.load(bytes, Path.of(c.name() + ".onnx"));
        assertThat(back.inputShape()).containsExactly(c.sample());
        assertThat(back.model().stateDict().keySet()).containsExactlyElementsOf(c.model().stateDict().keySet());
        Tensor x = Models.input(3, c.sample(), 7);
        Tensor expected = c.model().forward(x).copy();
        Close.assertClose(back.model().forward(x), expected, c.name() + " read back");
    }

    @Test
    void metadataTravelsWithTheModel() {
        Models.Case c = Models.all()[0];
        Map<String, String> meta = Map.of("convlab.normalization.mean", "0.2860", "convlab.classes", "T-shirt,Trouser");
        OnnxImport.Imported back = OnnxImport.load(OnnxExport.toBytes(c.model(), c.sample(), meta), Path.of("m.onnx"));
        assertThat(back.metadata()).isEqualTo(meta);
        assertThat(back.producer()).startsWith("convlab");
        assertThat(back.opset()).isEqualTo(OnnxExport.OPSET);
    }

    @Test
    void aLocallyConnectedExportIsNotReadBackAndTheLineSaysWhere() {
        Models.Case lc = Models.all()[2];
        byte[] bytes = OnnxExport.toBytes(lc.model(), lc.sample());
        assertThatThrownBy(() -> OnnxImport.load(bytes, Path.of("lc.onnx")))
                .isInstanceOf(BadFileException.class)
                .hasMessageStartingWith("lc.onnx: node 'lc1.by_position' (Transpose): is not supported");
    }

    @Test
    void anImportedPyTorchModelTrainsOn() {
        Sequential model = OnnxImport.read(Fixtures.onnx("three_layer_convnet"));
        Tensor x = Fixtures.input("three_layer_convnet");
        int[] labels = {3, 1, 4};
        CrossEntropyLoss loss = new CrossEntropyLoss();
        SGD sgd = new SGD(model.parameters(), 0.01);
        float first = loss.forward(model.forward(x), labels);
        float last = first;
        for (int step = 0; step < 5; step++) {
            model.zeroGrad();
            last = loss.forward(model.forward(x), labels);
            model.backward(loss.backward());
            sgd.step();
        }
        last = loss.forward(model.forward(x), labels);
        assertThat(last).isLessThan(first * 0.9f);
        assertThat(model.get(model.size() - 1)).isInstanceOf(Linear.class);
    }
}
