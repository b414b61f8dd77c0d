package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.onnx.proto.Onnx.ModelProto;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every export runs in ONNX Runtime and gives convlab's logits, for batches of any size. */
class OnnxExportTest {
    static Models.Case[] cases() {
        return Models.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeGivesConvlabsOutputs(Models.Case c) {
        byte[] onnx = OnnxExport.toBytes(c.model(), c.sample());
        for (int n : new int[] {1, 5}) {
            Tensor x = Models.input(n, c.sample(), 100 + n);
            Tensor expected = c.model().forward(x).copy();
            Close.assertClose(Ort.run(onnx, x), expected, c.name() + ", batch " + n);
        }
    }

    @Test
    void initializersCarryStateDictNamesAndTheBatchIsSymbolic() throws Exception {
        Module model = Models.nested(new Rng(6));
        ModelProto m = ModelProto.parseFrom(OnnxExport.toBytes(model, new int[] {3, 8, 8}));
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(OnnxExport.OPSET);
        assertThat(m.getGraph().getInitializerList()).extracting(t -> t.getName())
                .contains("features.conv.weight", "features.conv.bias", "mix.bias", "out.weight", "out.bias");
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam())
                .isEqualTo("N");
        assertThat(m.getGraph().getOutput(0).getName()).isEqualTo(OnnxExport.OUTPUT);
    }

    @Test
    void writesTheFileWhole(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("model.onnx");
        Files.writeString(out, "an older file");
        Models.Case c = Models.all()[0];
        OnnxExport.write(c.model(), c.sample(), out);
        assertThat(Files.readAllBytes(out)).isEqualTo(OnnxExport.toBytes(c.model(), c.sample()));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void circularPaddingIsRefusedWithOneLineSayingWhy() {
        Module m = new Sequential().add("wrap", Conv2d.builder(1, 2, 3).padding(1).paddingMode("circular")
                .build(new Rng(1)));
        assertThatThrownBy(() -> OnnxExport.toBytes(m, new int[] {1, 6, 6}))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("wrap: Conv2d").hasMessageContaining("circular")
                .hasMessageContaining("opset 19").hasMessageNotContaining("\n");
    }

    @Test
    void aLayerWithoutOnnxFormIsNamed() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dy) {
                return dy;
            }

            @Override
            public String toString() {
                return "Mystery()";
            }
        };
        Module m = new Sequential().add("odd", custom);
        assertThatThrownBy(() -> OnnxExport.toBytes(m, new int[] {3}))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("odd: Mystery()")
                .hasMessageContaining("no ONNX export");
    }

    @Test
    void aShapeThatDoesNotFitIsOneLine() {
        Module m = new Sequential(new Flatten(), new Linear(10, 2, new Rng(1)));
        assertThatThrownBy(() -> OnnxExport.toBytes(m, new int[] {3, 3}))
                .isInstanceOf(BadParameterException.class).hasMessageContaining("Linear")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> OnnxExport.toBytes(m, new int[] {0, 3}))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("inputShape");
    }
}
