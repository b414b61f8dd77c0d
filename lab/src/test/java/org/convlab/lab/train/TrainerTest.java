package org.convlab.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.data.DataSet;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.LoadOptions;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.io.TensorFile;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
    /** 16x16 glyphs: 320 training, 100 validation, 100 test images. */
    static DataSet data;
    private final int threadsBefore = Parallel.threads();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = DataSets.load(DataSpec.parse("synthetic:size=16,train=420,test=100"),
                LoadOptions.defaults().withValidation(100));
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    static TrainConfig tiny(ModelKind kind) {
        return TrainConfig.notebook(ModelSpec.of(kind).withChannels(4, 2).withHidden(16)).withEvalEvery(2);
    }

    /** Every parameter's bits, by name. */
    static Map<String, float[]> weights(Sequential model) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            m.put(e.getKey(), e.getValue().value().data().clone());
        }
        return m;
    }

    static void assertBitIdentical(Map<String, float[]> a, Map<String, float[]> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                    throw new AssertionError(k + "[" + i + "]: " + x[i] + " != " + y[i]);
                }
            }
        }
    }

    @Test
    void cnnLearnsWellAboveChanceOnSyntheticGlyphs() {
        TrainConfig c = tiny(ModelKind.CNN).withLr(0.05).withOptimizer(OptimizerKind.MOMENTUM).withEpochs(4);
        c = c.withModel(c.model().withChannels(8, 4));
        TrainResult r = new Trainer(data, c).run();
        // ten classes: chance is 10%
        assertThat(r.testAccuracy()).isGreaterThan(0.5);
        assertThat(r.epochs()).hasSize(4);
        assertThat(r.epochs().get(3).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        assertThat(r.valAccuracy()).hasSize(4);
        assertThat(r.curve()).isNotEmpty();
        assertThat(r.params()).isEqualTo(r.trainableParams());
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsOnOneAndTwoThreads() {
        TrainConfig c = tiny(ModelKind.CNN).withEpochs(1);
        Parallel.setThreads(1);
        Trainer one = new Trainer(data, c);
        TrainResult r1 = one.run();
        Parallel.setThreads(2);
        Trainer two = new Trainer(data, c);
        TrainResult r2 = two.run();
        assertBitIdentical(weights(one.model()), weights(two.model()));
        assertThat(r2.testAccuracy()).isEqualTo(r1.testAccuracy());
        assertThat(r2.curve()).isEqualTo(r1.curve());
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        Trainer a = new Trainer(data, tiny(ModelKind.MLP).withEpochs(1));
        a.run();
        Trainer b = new Trainer(data, tiny(ModelKind.MLP).withEpochs(1).withSeed(8));
        b.run();
        assertThat(weights(a.model()).get("fc1.weight")).isNotEqualTo(weights(b.model()).get("fc1.weight"));
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void resumedRunEndsBitIdenticalToAnUninterruptedOne(OptimizerKind opt) {
        TrainConfig c = tiny(ModelKind.CNN).withOptimizer(opt).withLr(opt == OptimizerKind.ADAM ? 1e-3 : 0.02)
                .withEpochs(3);
        Trainer whole = new Trainer(data, c);
        TrainResult full = whole.run();

        Path ckpt = dir.resolve("run.ckpt");
        new Trainer(data, c.withEpochs(1)).save(ckpt).run();
        assertThat(RunCheckpoint.metadata(ckpt)).containsEntry("epochs_done", "1");
        Trainer resumed = new Trainer(data, c).resume(ckpt).save(ckpt);
        TrainResult rest = resumed.run();

        assertBitIdentical(weights(whole.model()), weights(resumed.model()));
        assertThat(rest.testAccuracy()).isEqualTo(full.testAccuracy());
        assertThat(rest.curve()).isEqualTo(full.curve());
        assertThat(rest.valAccuracy()).isEqualTo(full.valAccuracy());
        assertThat(RunCheckpoint.metadata(ckpt)).containsEntry("epochs_done", "3");
        assertThat(TensorFile.backupOf(ckpt)).isRegularFile();
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingTheDifference() {
        Path ckpt = dir.resolve("a.ckpt");
        new Trainer(data, tiny(ModelKind.MLP).withEpochs(1)).save(ckpt).run();
        assertThatThrownBy(() -> new Trainer(data, tiny(ModelKind.MLP).withEpochs(2).withLr(0.1)).resume(ckpt).run())
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("resume:").hasMessageContaining("lr 0.003").hasMessageContaining("this run 0.1");
        assertThatThrownBy(() -> new Trainer(data, tiny(ModelKind.CNN).withEpochs(2)).resume(ckpt).run())
                .isInstanceOf(BadParameterException.class).hasMessageContaining("model mlp");
    }

    @Test
    void aDamagedCheckpointIsABadFile() throws Exception {
        Path ckpt = dir.resolve("b.ckpt");
        new Trainer(data, tiny(ModelKind.MLP).withEpochs(1)).save(ckpt).run();
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x40;
        Files.write(ckpt, b);
        assertThatThrownBy(() -> new Trainer(data, tiny(ModelKind.MLP).withEpochs(2)).resume(ckpt).run())
                .isInstanceOf(BadFileException.class).hasMessageContaining("checksum");
    }

    @Test
    void aNonFiniteLossStopsAtThatStepNamingTheLayerAndKeepsTheLastGoodCheckpoint() {
        Path ckpt = dir.resolve("nan.ckpt");
        TrainConfig c = tiny(ModelKind.CNN).withEpochs(3);
        int perEpoch = (data.train().size() + 63) / 64;
        long poisonAt = perEpoch + 3; // the third step of epoch 2
        TrainingListener poison = new TrainingListener() {
            @Override
            public void beforeStep(long step, Sequential model) {
                if (step == poisonAt) {
                    ((ThreeLayerConvNet) model).conv1().weight().value().data()[5] = Float.NaN;
                }
            }
        };
        Trainer t = new Trainer(data, c).save(ckpt).listener(poison);
        assertThatThrownBy(t::run).isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
            assertThat(e.step()).isEqualTo(poisonAt);
            assertThat(e.epoch()).isEqualTo(2);
            assertThat(e.batch()).isEqualTo(3);
            assertThat(e.layer()).startsWith("conv1: Conv2d(1, 4");
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("step " + poisonAt, "epoch 2, batch 3 of " + perEpoch, "NaN",
                    "after epoch 1, is " + ckpt);
        });
        // The checkpoint still holds epoch 1, exactly what a clean one-epoch run gives.
        assertThat(RunCheckpoint.metadata(ckpt)).containsEntry("epochs_done", "1");
        Trainer clean = new Trainer(data, c.withEpochs(1));
        clean.run();
        Map<String, Tensor> saved = TensorFile.read(ckpt).tensors();
        for (Map.Entry<String, float[]> e : weights(clean.model()).entrySet()) {
            assertThat(saved.get("model/" + e.getKey()).data()).isEqualTo(e.getValue());
        }
    }

    @Test
    void aDivergingLearningRateIsCaughtWithinOneStep() {
        TrainConfig c = tiny(ModelKind.MLP).withLr(1e30);
        assertThatThrownBy(() -> new Trainer(data, c).run()).isInstanceOfSatisfying(TrainingDivergedException.class,
                e -> assertThat(e.step()).isLessThanOrEqualTo(2));
    }

    @Test
    void frozenCnnKeepsItsConvolutionsAndTrainsItsClassifier() {
        Trainer t = new Trainer(data, tiny(ModelKind.FROZEN_CNN).withEpochs(1));
        Map<String, float[]> before = weights(ModelSpec.of(ModelKind.CNN).withChannels(4, 2).build(1, 16, 16, 10,
                new org.convlab.nn.init.Rng(7)));
        TrainResult r = t.run();
        Map<String, float[]> after = weights(t.model());
        for (String k : List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias")) {
            assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
        }
        assertThat(after.get("fc.weight")).isNotEqualTo(before.get("fc.weight"));
        assertThat(r.trainableParams()).isEqualTo(2 * 16 * 16 * 10 + 10);
        assertThat(r.params()).isGreaterThan(r.trainableParams());
    }

    @Test
    void modelsHaveTheirDocumentedSizes() {
        assertThat(ModelSpec.of(ModelKind.CNN).build(1, 28, 28, 10, new org.convlab.nn.init.Rng(1)).parameterCount())
                .isEqualTo(130_906);
        assertThat(ModelSpec.of(ModelKind.MLP).build(1, 28, 28, 10, new org.convlab.nn.init.Rng(1)).parameterCount())
                .isEqualTo(89_610);
        assertThat(ModelSpec.of(ModelKind.MLP).withHidden(4000).build(1, 28, 28, 10, new org.convlab.nn.init.Rng(1))
                .parameterCount()).isEqualTo(784L * 4000 + 4000 + 4000L * 4000 + 4000 + 40_000 + 10);
        assertThat(ModelSpec.of(ModelKind.LINEAR).build(1, 28, 28, 10, new org.convlab.nn.init.Rng(1))
                .parameterCount()).isEqualTo(7850);
    }

    @Test
    void badSettingsNameTheirJavaParameter() {
        assertThatThrownBy(() -> tiny(ModelKind.CNN).withEpochs(0)).hasMessageStartingWith("epochs: ");
        assertThatThrownBy(() -> tiny(ModelKind.CNN).withLr(-1)).hasMessageStartingWith("lr: ");
        assertThatThrownBy(() -> tiny(ModelKind.CNN).withBatch(0)).hasMessageStartingWith("batchSize: ");
        assertThatThrownBy(() -> ModelKind.parse("resnet")).hasMessageStartingWith("model: ")
                .hasMessageContaining("cnn, mlp, lc, frozen-cnn");
        assertThatThrownBy(() -> OptimizerKind.parse("rmsprop")).hasMessageStartingWith("optimizer: ");
        assertThatThrownBy(() -> ModelSpec.of(ModelKind.MLP).withHidden(0)).hasMessageStartingWith("hidden: ");
    }
}
