package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Convolution;
import org.convlab.nn.layers.LocallyConnected;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --checkpoint FILE --layer NAME}: a saved layer's K times a random input equals the
 * layer's own forward pass (bias removed) — the truth a user can check — and the commands print
 * its trained numbers, its input shape carried through the model, and one line for each misuse.
 */
class TrainedLayerTest {
    @TempDir
    static Path dir;
    static Path net2d;
    static Path net1d;

    @BeforeAll
    static void models() {
        net2d = TrainedModels.save2d(dir.resolve("net2d.ckpt"));
        net1d = TrainedModels.save1d(dir.resolve("net1d.ckpt"));
    }

    @ParameterizedTest(name = "{0} of net2d, seed {1}")
    @CsvSource({"conv1, 1", "conv2, 2", "lc, 3", "conv1, 4", "conv2, 5", "lc, 6"})
    void kTimesARandomInputIsTheLayersOwnForward(String name, long seed) {
        TrainedLayer layer = TrainedLayer.read(net2d, name, null);
        assertKxIsForward(layer, seed);
    }

    @Test
    void aOneDimensionalLayerTakesItsInputFromInChannelsAndInput() {
        TrainedLayer layer = TrainedLayer.read(net1d, "conv", Dims.parse("--input", "21").withInChannels(3));
        assertThat(layer.geometry().inputSpatial()).containsExactly(21);
        assertThat(layer.geometry().outputSpatial()).containsExactly(9); // (21 - 2*2 - 1) / 2 + 1
        assertKxIsForward(layer, 11);
    }

    @Test
    void theInputShapeIsCarriedThroughTheLayersBefore() {
        // 1x8x8 -> conv1 (pad 1) 2x8x8 -> pool 2x4x4 -> conv2 (stride 2, pad 1) 4x2x2 -> lc
        assertThat(TrainedLayer.read(net2d, "conv1", null).geometry().inputSpatial()).containsExactly(8, 8);
        assertThat(TrainedLayer.read(net2d, "conv2", null).geometry().inputSpatial()).containsExactly(4, 4);
        ConvGeometry lc = TrainedLayer.read(net2d, "lc", null).geometry();
        assertThat(lc.inChannels()).isEqualTo(4);
        assertThat(lc.outputShape()).containsExactly(2, 3, 3);
        // --input overrides the recorded 1x8x8
        assertThat(TrainedLayer.read(net2d, "conv2", Dims.parse("--input", "1x12x12")).geometry().inputSpatial())
                .containsExactly(6, 6);
    }

    @Test
    void matrixPrintsTheTrainedWeightsInKsEntries() throws Exception {
        Cli r = Cli.run("matrix", "--checkpoint", net2d.toString(), "--layer", "conv1", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = Json.mapper().readTree(r.out());
        assertThat(j.get("layer").asText()).isEqualTo("conv1");
        assertThat(j.get("numeric").asBoolean()).isTrue();
        assertThat(j.get("rows").asLong()).isEqualTo(2 * 8 * 8);
        assertThat(j.get("cols").asLong()).isEqualTo(8 * 8);
        float[] w = ((Convolution) TrainedLayer.read(net2d, "conv1", null).module()).weight().value().data();
        // row 0 is filter 0 at (0, 0): with padding 1 its taps k5, k6, k8, k9 read x(0,0), x(0,1), x(1,0), x(1,1)
        JsonNode first = j.get("entries").get(0);
        assertThat(first.get(0).asLong()).isZero();
        assertThat(first.get(1).asLong()).isZero();
        assertThat((float) first.get(2).asDouble()).isEqualTo(w[4]);

        Cli text = Cli.run("matrix", "--checkpoint", net2d.toString(), "--layer", "conv1", "--elide");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("K: 128 x 64").contains("layer conv1 of net2d.ckpt: ")
                .contains("input 1 x 8 x 8").contains(org.convlab.algebra.NumberText.decimal(
                        Double.parseDouble(Float.toString(w[4]))));
    }

    @Test
    void aLocallyConnectedLayerIsUnsharedWithItsOwnWeights() throws Exception {
        Cli r = Cli.run("matrix", "--checkpoint", net2d.toString(), "--layer", "lc", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = Json.mapper().readTree(r.out());
        assertThat(j.get("unshared").asBoolean()).isTrue();
        assertThat(j.get("rows").asLong()).isEqualTo(2 * 3 * 3);
    }

    @Test
    void elementsPrintTheExpressionWithTheTrainedNumbers() {
        Cli r = Cli.run("elements", "--checkpoint", net1d.toString(), "--layer", "conv", "--in-channels", "3",
                "--input", "21", "--at", "1,1");
        assertThat(r.exit()).as(r.err()).isZero();
        TrainedLayer layer = TrainedLayer.read(net1d, "conv", Dims.parse("--input", "21").withInChannels(3));
        double k1 = layer.weights()[0];
        String first = (k1 < 0 ? "-" : "") + org.convlab.algebra.NumberText.decimal(Math.abs(k1)) + "*";
        assertThat(r.out()).contains("layer conv of net1d.ckpt").contains(" = " + first);
    }

    @Test
    void costCountsTheLayersOwnParameters() throws Exception {
        Cli r = Cli.run("cost", "--checkpoint", net2d.toString(), "--layer", "conv2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        Module conv2 = TrainedLayer.read(net2d, "conv2", null).module();
        assertThat(r.out()).contains("\"layer\" : \"conv2\"").contains(Long.toString(conv2.parameterCount()));
        assertThat(conv2.parameterCount()).isEqualTo(4 * 1 * 9 + 4);
        Cli text = Cli.run("cost", "--checkpoint", net2d.toString(), "--layer", "conv2");
        assertThat(text.out()).contains("2 x 4 x 4 -> 4 x 2 x 2");
    }

    private static void assertKxIsForward(TrainedLayer layer, long seed) {
        ConvGeometry g = layer.geometry();
        Rng rng = new Rng(seed);
        int[] in = new int[g.inputSpatial().length + 2];
        in[0] = 1;
        in[1] = g.inChannels();
        System.arraycopy(g.inputSpatial(), 0, in, 2, g.inputSpatial().length);
        Tensor x = Tensor.zeros(in);
        double[] xd = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(-1, 1);
            xd[i] = x.data()[i];
        }
        double[] kx = ConvMatrix.of(g, layer.unshared()).multiply(layer.weights(), xd);
        Tensor y = layer.module().forward(x);
        assertThat(y.size()).isEqualTo(kx.length);
        Parameter bias = layer.module() instanceof Convolution c ? c.bias() : ((LocallyConnected) layer.module()).bias();
        long perFilter = kx.length / g.outChannels();
        double maxDiff = 0;
        for (int i = 0; i < kx.length; i++) {
            double b = bias == null ? 0 : layer.module() instanceof Convolution
                    ? bias.value().data()[(int) (i / perFilter)] : bias.value().data()[i];
            maxDiff = Math.max(maxDiff, Math.abs(y.data()[i] - b - kx[i]));
        }
        assertThat(maxDiff).as("max |forward - bias - K x|").isLessThan(1e-5);
        assertThat(java.util.Arrays.stream(kx).map(Math::abs).max().orElse(0))
                .as("a layer that outputs zeros would prove nothing").isGreaterThan(1e-3);
    }
}
