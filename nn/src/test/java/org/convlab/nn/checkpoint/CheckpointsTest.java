package org.convlab.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected1d;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.io.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoint format version 2: the architecture recorded, rebuilt from the file alone; damaged files refused. */
class CheckpointsTest {
    @TempDir
    Path dir;

    /** A network of every recordable layer type with odd hyper-parameters, nested, partly frozen. */
    static Sequential everyLayer(Rng rng) {
        Sequential block = new Sequential()
                .add("conv", Conv2d.builder(3, 4, 3, 2).stride(1, 2).padding("1,0,2,1").dilation(1, 1).groups(1)
                        .paddingMode("reflect").build(rng))
                .add("act", new ReLU())
                .add("pool", MaxPool2d.builder(2).stride(1).padding(1).dilation(1).build());
        block.get(0).freeze();
        Sequential s = new Sequential()
                .add("block", block)
                .add("avg", AvgPool2d.builder(2, 3).stride(1).countIncludePad(false).build())
                .add("lc", LocallyConnected2d.builder(4, 2, 3).size(8, 6).padding("same").bias(false).build(rng))
                .add("flat", new Flatten(2, 3))
                .add("conv1d", Conv1d.builder(2, 3, 3).padding(1).groups(1).build(rng))
                .add("lc1d", LocallyConnected1d.builder(3, 2, 2).size(48).stride(2).build(rng))
                .add("reshape", new Reshape(6, 8))
                .add("flatten", new Flatten())
                .add("fc", new Linear(48, 3, false, rng));
        s.setInputGradient(false);
        return s;
    }

    static Tensor input(int n, Rng rng) {
        Tensor x = Tensor.zeros(n, 3, 9, 11);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(-1, 1);
        }
        return x;
    }

    @Test
    void aUserNetworkOfEveryLayerIsRebuiltFromTheFileAloneWithTheSameOutputs() {
        Sequential net = everyLayer(new Rng(3));
        Tensor x = input(2, new Rng(4));
        Tensor y = net.forward(x).copy();
        Path f = dir.resolve("net.ckpt");
        Checkpoints.saveModel(f, net, Map.of("note", "every layer"));

        Module back = Checkpoints.loadModel(f);
        assertThat(back.toString()).isEqualTo(net.toString());
        assertThat(back.namedParameters().keySet()).isEqualTo(net.namedParameters().keySet());
        assertThat(back.forward(x).data()).isEqualTo(y.data());
        assertThat(back.inputGradient()).isFalse();
        assertThat(back.namedParameters().get("block.conv.weight").frozen()).isTrue();
        assertThat(back.trainableParameterCount()).isEqualTo(net.trainableParameterCount());
        assertThat(Architecture.of(back).lines()).isEqualTo(Architecture.of(net).lines());

        Checkpoint c = Checkpoints.read(f);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.hasOptimizer()).isFalse();
        assertThat(c.metadata()).containsEntry("note", "every layer").containsEntry("contents", "model")
                .containsKeys("convlab.version", "convlab.commit");
        assertThatThrownBy(() -> c.restoreOptimizer(new SGD(net.parameters(), 0.1)))
                .isInstanceOf(BadFileException.class).hasMessageContaining("model-only");
    }

    @Test
    void theNotebooksCnnIsRecordedWithPyTorchsStateDictNames() {
        ThreeLayerConvNet cnn = new ThreeLayerConvNet(1, 4, 2, 10, 12, 12, new Rng(1));
        List<String> lines = Architecture.of(cnn).lines();
        assertThat(lines).containsExactly(
                "0 - Sequential",
                "1 conv1 Conv2d in_channels=1 out_channels=4 kernel_size=5,5 stride=1,1 padding=2 dilation=1,1"
                        + " groups=1 bias=true padding_mode=zeros",
                "1 relu1 ReLU",
                "1 conv2 Conv2d in_channels=4 out_channels=2 kernel_size=3,3 stride=1,1 padding=1 dilation=1,1"
                        + " groups=1 bias=true padding_mode=zeros",
                "1 relu2 ReLU",
                "1 flatten Flatten start_dim=1 end_dim=-1",
                "1 fc Linear in_features=288 out_features=10 bias=true");
    }

    @Test
    void theOptimiserStateTravelsWithTheModel() {
        Sequential net = new Sequential().add("fc", new Linear(4, 3, new Rng(1)));
        Adam adam = new Adam(net.parameters(), 0.01);
        net.namedParameters().get("fc.weight").grad().fill(0.5f);
        adam.step();
        Path f = dir.resolve("adam.ckpt");
        Checkpoints.save(f, net, adam, Map.of());
        Checkpoint c = Checkpoints.read(f);
        Module back = c.buildModel();
        Adam again = new Adam(back.parameters(), 0.01);
        c.restoreOptimizer(again);
        assertThat(again.stateDict().steps()).containsExactly(1, 1);
        assertThat(again.stateDict().tensors().get("0.exp_avg").data())
                .isEqualTo(adam.stateDict().tensors().get("0.exp_avg").data());
        assertThat(c.metadata().get("optimizer")).startsWith("Adam(lr=0.01");
    }

    @Test
    void aModuleWhoseArchitectureCannotBeRecordedIsNamed() {
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
                return "Custom()";
            }
        };
        Sequential s = new Sequential().add("mine", custom);
        assertThatThrownBy(() -> Checkpoints.saveModel(dir.resolve("x"), s, Map.of()))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("model:")
                .hasMessageContaining("mine: Custom()").hasMessageContaining("Conv2d");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThatThrownBy(() -> Checkpoints.saveModel(dir.resolve("x"), new Sequential().add("fc",
                new Linear(2, 2, new Rng(1))), Map.of("format", "mine")))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("metadata:");
    }

    /** Writes a version-2 file whose metadata is {@code edit}ed after a valid save. */
    private Path edited(Map<String, String> edit) {
        Sequential net = new Sequential().add("fc", new Linear(3, 2, new Rng(1)));
        Path f = dir.resolve("edit.ckpt");
        Checkpoints.saveModel(f, net, Map.of());
        TensorFile.Contents c = TensorFile.read(f);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.putAll(edit);
        TensorFile.write(f, meta, c.tensors());
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "architecture.1=1 fc Linear in_features=1000000 out_features=1000000 bias=true|1000001000000 parameter elements but holds 8",
        "architecture.1=1 fc Linear in_features=3 out_features=2 bias=false|6 parameter elements but holds 8",
        "architecture.1=1 fc Linear in_features=3 out_features=x bias=true|out_features",
        "architecture.1=1 fc Linear in_features=3 out_features=2|bias",
        "architecture.1=1 fc Linear in_features=3 out_features=2 bias=true colour=red|colour",
        "architecture.1=1 fc Transformer heads=8|Transformer",
        "architecture.1=3 fc Linear in_features=3 out_features=2 bias=true|depth",
        "architecture.1=1 fc Linear in_features=-3 out_features=-2 bias=true|in_features",
        "architecture.1=1 fc Conv2d in_channels=99999 out_channels=99999 kernel_size=99999,99999 stride=1,1"
            + " padding=0 dilation=1,1 groups=1 bias=true padding_mode=zeros|size fits in a long",
        "architecture=5|architecture.2 is missing",
        "architecture=x|number of modules",
        "architecture=1000000000|number of modules",
        "contents=everything|contents",
        "checkpoint_version=3|version '3'",
        "format=something|not a checkpoint",
    })
    void aDamagedOrHostileArchitectureIsOneLineNamingWhatIsWrong(String caseText) {
        String[] kv = caseText.substring(0, caseText.indexOf('|')).split("=", 2);
        String expected = caseText.substring(caseText.indexOf('|') + 1);
        Path f = edited(Map.of(kv[0], kv[1]));
        assertThatThrownBy(() -> Checkpoints.loadModel(f)).isInstanceOf(BadFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aFlippedByteAnywhereIsRefused(long seed) throws Exception {
        Sequential net = everyLayer(new Rng(seed));
        Path f = dir.resolve("fuzz.ckpt");
        Checkpoints.save(f, net, new SGD(net.parameters(), 0.1).momentum(0.9), Map.of("k", "v"));
        byte[] b = Files.readAllBytes(f);
        Rng rng = new Rng(seed);
        for (int t = 0; t < 20; t++) {
            byte[] d = b.clone();
            int at = rng.nextInt(d.length);
            d[at] ^= (byte) (1 + rng.nextInt(255));
            Files.write(f, d);
            assertThatThrownBy(() -> Checkpoints.loadModel(f)).as("byte %d", at).isInstanceOf(BadFileException.class);
        }
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 3));
        assertThatThrownBy(() -> Checkpoints.loadModel(f)).isInstanceOf(BadFileException.class);
    }

    @Test
    void aVersionOneFileIsReadButCannotRebuildItsModel() {
        Sequential net = new Sequential().add("fc", new Linear(3, 2, new Rng(1)));
        SGD sgd = new SGD(net.parameters(), 0.1).momentum(0.9);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "convlab-train-checkpoint");
        meta.put("checkpoint_version", "1");
        meta.put("optimizer_steps", "4,4");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> tensors.put("model/" + k, v));
        sgd.stateDict().tensors().forEach((k, v) -> tensors.put("optimizer/" + k, v));
        Path f = dir.resolve("v1.ckpt");
        TensorFile.write(f, meta, tensors);

        Checkpoint c = Checkpoints.read(f);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.hasArchitecture()).isFalse();
        Sequential again = new Sequential().add("fc", new Linear(3, 2, new Rng(2)));
        c.restoreModel(again);
        assertThat(again.namedParameters().get("fc.weight").value().data())
                .isEqualTo(net.namedParameters().get("fc.weight").value().data());
        SGD restored = new SGD(again.parameters(), 0.1).momentum(0.9);
        c.restoreOptimizer(restored);
        assertThat(restored.stateDict().steps()).containsExactly(4, 4);
        assertThatThrownBy(c::buildModel).isInstanceOf(BadFileException.class).hasMessageContaining("version-1");
    }
}
