package org.convlab.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.optim.Optimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checkpoint version 2 in the lab: version-1 files still resume bit-identically; init-from; the data fingerprint. */
class TrainerCheckpointTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        TrainerTest.load();
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = "ADAM")
    void aVersionOneCheckpointResumesBitIdenticalToAnUninterruptedRun(OptimizerKind opt) {
        TrainConfig c = TrainerTest.tiny(ModelKind.CNN).withOptimizer(opt)
                .withLr(opt == OptimizerKind.ADAM ? 1e-3 : 0.02).withEpochs(3);
        Trainer whole = new Trainer(TrainerTest.data, c);
        TrainResult full = whole.run();

        // Epoch 1 as main's train saved it: the version-1 writer, kept verbatim as a test fixture.
        Trainer first = new Trainer(TrainerTest.data, c.withEpochs(1));
        Path v2 = dir.resolve("v2.ckpt");
        TrainResult one = first.save(v2).run();
        Checkpoint saved = Checkpoints.read(v2);
        Optimizer optimizer = c.optimizer().create(first.model().parameters(), c.lr(), c.momentum());
        saved.restoreOptimizer(optimizer);
        Map<String, String> identity = new LinkedHashMap<>(Trainer.dataIdentity(TrainerTest.data));
        identity.remove("fingerprint");
        Path v1 = dir.resolve("v1.ckpt");
        CheckpointV1Writer.save(v1, c.withEpochs(1), identity, first.model(), optimizer,
                new CheckpointV1Writer.State(1, Long.parseLong(saved.metadata().get("step")), one.curve(),
                        one.epochs(), one.seconds(), one.trainSeconds()));
        assertThat(Checkpoints.read(v1).version()).isEqualTo(1);

        Trainer resumed = new Trainer(TrainerTest.data, c).resume(v1);
        TrainResult rest = resumed.run();
        TrainerTest.assertBitIdentical(TrainerTest.weights(whole.model()), TrainerTest.weights(resumed.model()));
        assertThat(rest.curve()).isEqualTo(full.curve());
        assertThat(rest.testAccuracy()).isEqualTo(full.testAccuracy());
    }

    @Test
    void aVersionTwoCheckpointRecordsTheRunTheDataAndTheBuild() {
        Path f = dir.resolve("run.ckpt");
        new Trainer(TrainerTest.data, TrainerTest.tiny(ModelKind.FROZEN_CNN).withEpochs(1)).save(f).run();
        Checkpoint c = Checkpoints.read(f);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.metadata().get("data.fingerprint")).startsWith("sha256:").hasSize(71);
        assertThat(c.metadata()).containsKeys("convlab.version", "convlab.commit", "config.model", "epochs_done")
                .containsEntry("architecture.1", "1 conv1 Conv2d in_channels=1 out_channels=4 kernel_size=5,5"
                        + " stride=1,1 padding=2 dilation=1,1 groups=1 bias=true padding_mode=zeros frozen=weight,bias");
        // The file alone rebuilds the model: same names, same frozen parameters.
        assertThat(Checkpoints.loadModel(f).trainableParameterCount()).isEqualTo(2 * 16 * 16 * 10 + 10);
    }

    @Test
    void otherDataWithTheSameSpecSizeAndStatisticsIsRefusedByItsFingerprint() {
        Path f = dir.resolve("fp.ckpt");
        new Trainer(TrainerTest.data, TrainerTest.tiny(ModelKind.MLP).withEpochs(1)).save(f).run();
        Map<String, String> identity = new LinkedHashMap<>(Trainer.dataIdentity(TrainerTest.data));
        RunCheckpoint.checkData(Checkpoints.read(f), identity);
        identity.put("fingerprint", "sha256:" + "0".repeat(64));
        assertThatThrownBy(() -> RunCheckpoint.checkData(Checkpoints.read(f), identity))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("resume: " + f + " was trained on other data: its training split has"
                        + " fingerprint sha256:")
                .hasMessageEndingWith("this run's sha256:000000000000…");
    }

    @Test
    void initFromStartsFromTheCheckpointsWeightsWithAFreshOptimiser() {
        Path f = dir.resolve("init.ckpt");
        Trainer first = new Trainer(TrainerTest.data, TrainerTest.tiny(ModelKind.CNN).withEpochs(1)
                .withOptimizer(OptimizerKind.MOMENTUM)).save(f);
        first.run();
        // Another seed and optimiser: the weights come from the file, not from the seed.
        Trainer next = new Trainer(TrainerTest.data, TrainerTest.tiny(ModelKind.CNN).withSeed(99).withEpochs(1))
                .initFrom(f).prepare();
        TrainerTest.assertBitIdentical(TrainerTest.weights(first.model()), TrainerTest.weights(next.model()));
        TrainResult r = next.run();
        assertThat(r.model()).isEqualTo("init-from");
        assertThat(r.epochs()).hasSize(1);

        assertThatThrownBy(() -> new Trainer(TrainerTest.data, TrainerTest.tiny(ModelKind.CNN)).initFrom(f).resume(f)
                .prepare()).isInstanceOf(BadParameterException.class).hasMessageStartingWith("initFrom:");
    }

    @Test
    void initFromAVersionOneFileUsesTheConfiguredModel() {
        TrainConfig c = TrainerTest.tiny(ModelKind.MLP).withEpochs(1);
        Sequential model = c.model().build(1, 16, 16, 10, new Rng(5));
        Optimizer o = c.optimizer().create(model.parameters(), c.lr(), c.momentum());
        Path v1 = dir.resolve("v1-init.ckpt");
        CheckpointV1Writer.save(v1, c, Map.of(), model, o, new CheckpointV1Writer.State(1, 5,
                java.util.List.of(), java.util.List.of(), 0, 0));
        Trainer t = new Trainer(TrainerTest.data, c).initFrom(v1).prepare();
        TrainerTest.assertBitIdentical(TrainerTest.weights(model), TrainerTest.weights(t.model()));
    }
}
