package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model the importer builds survives a checkpoint: imported, saved with
 * {@link Checkpoints#saveModel} and rebuilt by {@link Checkpoints#loadModel} from the file alone,
 * it has the same state-dict names and gives the same logits bit for bit. The cases are the
 * PyTorch fixtures and convlab's own exports read back, which between them carry asymmetric and
 * {@code same} padding, reflect and replicate padding, groups, dilation, layers without bias,
 * average pools excluding the padding, nested names ({@code features.0}) and reshapes.
 */
class ImportCheckpointRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> imported() {
        Stream<Arguments> fixtures = Arrays.stream(Fixtures.NAMES)
                .map(n -> Arguments.of("PyTorch " + n, OnnxImport.load(Fixtures.onnx(n))));
        Stream<Arguments> exports = Arrays.stream(Models.all())
                .filter(c -> !c.name().contains("Locally") && !c.name().contains("LocallyConnected1d"))
                .map(c -> Arguments.of("convlab " + c.name(),
                        OnnxImport.load(OnnxExport.toBytes(c.model(), c.sample()), Path.of(c.name() + ".onnx"))));
        Sequential oneD = new Sequential()
                .add("even", Conv1d.builder(3, 4, 4).padding("same").paddingMode("replicate").build(new Rng(7)))
                .add("relu", new ReLU())
                .add("wide", Conv1d.builder(4, 4, 3).dilation(2).groups(2).padding("2,1").bias(false).build(new Rng(8)))
                .add("flatten", new Flatten())
                .add("fc", new Linear(4 * 14, 5, false, new Rng(9)));
        Stream<Arguments> conv1d = Stream.of(Arguments.of("convlab Conv1d: even same, replicate, dilated groups",
                OnnxImport.load(OnnxExport.toBytes(oneD, new int[] {3, 15}), Path.of("conv1d.onnx"))));
        return Stream.concat(Stream.concat(fixtures, exports), conv1d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imported")
    void anImportedModelIsACheckpointLikeAnyOther(String name, OnnxImport.Imported in) {
        if (name.contains("pooled_cnn")) {
            assertThat(in.model().stateDict().keySet()).as("nested PyTorch names").anyMatch(k -> k.startsWith("features."));
        }
        Path file = dir.resolve("imported.ckpt");
        Checkpoints.saveModel(file, in.model(), Map.of());
        Module again = Checkpoints.loadModel(file);

        assertThat(again.stateDict().keySet()).as(name).containsExactlyElementsOf(in.model().stateDict().keySet());
        Tensor x = Models.input(3, in.inputShape(), 11);
        float[] expected = in.model().forward(x).copy().data();
        float[] actual = again.forward(x).data();
        assertThat(actual).as(name + ": logits of the rebuilt model").containsExactly(expected);
    }
}
