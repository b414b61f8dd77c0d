package org.convlab.lab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.convlab.lab.equivariance.ShiftedNets;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixed-seed runs must keep giving exactly the weights and accuracies they gave before the fit
 * loop moved into nn and the models into nn/models: the digests were recorded on main before
 * that refactoring (commit 7e94c6f) and any change of the arithmetic's order changes them.
 */
class TrainerDigestTest {

    @BeforeAll
    static void load() {
        TrainerTest.load();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "CNN, SGD, 39ba6baadb02b1e2",
        "CNN, MOMENTUM, 9e7e971b547ca385",
        "CNN, ADAM, 8a4f02c3a77b157f",
        "MLP, MOMENTUM, 2810221ef6ef079e",
        "LC, SGD, 329fb813b46fb932",
        "FROZEN_CNN, SGD, c98ed51872b91b5f",
        "LINEAR, ADAM, f8edaad4d194fed7",
        "FROZEN_CONV1, SGD, b5c51a9f06d81411",
        "FROZEN_MLP, MOMENTUM, 39ce52f51427b75f",
    })
    void aFixedSeedRunGivesTheRecordedWeightsAndAccuracies(ModelKind kind, OptimizerKind opt, String digest)
            throws Exception {
        TrainConfig c = TrainerTest.tiny(kind).withOptimizer(opt).withLr(opt == OptimizerKind.ADAM ? 1e-3 : 0.02)
                .withEpochs(2);
        Trainer t = new Trainer(TrainerTest.data, c);
        TrainResult r = t.run();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        update(md, t.model());
        md.update(r.curve().toString().getBytes());
        md.update(r.epochs().stream().map(e -> e.epoch() + " " + e.valAccuracy() + " " + e.trainLoss() + " "
                + e.trainAccuracy()).toList().toString().getBytes());
        md.update(Double.toString(r.testAccuracy()).getBytes());
        String hex = HexFormat.of().formatHex(md.digest()).substring(0, 16);
        assertThat(hex).isEqualTo(digest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plain, 4594140605d97c9f", "pooled, 4594140605d97c9f", "strided, 4594140605d97c9f"})
    void theEquivarianceNetsDrawTheRecordedWeights(String net, String digest) throws Exception {
        Sequential s = switch (net) {
            case "plain" -> ShiftedNets.plain(11);
            case "pooled" -> ShiftedNets.pooled(11);
            default -> ShiftedNets.strided(11);
        };
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        update(md, s);
        String hex = HexFormat.of().formatHex(md.digest()).substring(0, 16);
        assertThat(hex).isEqualTo(digest);
    }

    static void update(MessageDigest md, Sequential model) {
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            md.update(e.getKey().getBytes());
            float[] v = e.getValue().value().data();
            ByteBuffer b = ByteBuffer.allocate(4 * v.length);
            for (float x : v) {
                b.putInt(Float.floatToRawIntBits(x));
            }
            md.update(b.array());
            md.update((byte) (e.getValue().frozen() ? 1 : 0));
        }
    }
}
