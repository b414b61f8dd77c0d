package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.nn.Module;
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
        return Stream.concat(fixtures, exports);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imported")
    void anImportedModelIsACheckpointLikeAnyOther(String name, OnnxImport.Imported in) {
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
