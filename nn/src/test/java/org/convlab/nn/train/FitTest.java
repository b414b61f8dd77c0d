package org.convlab.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.Adam;
import org.convlab.nn.optim.Optimizer;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fit loop on a user-defined network: trains, checkpoints, resumes bit for bit, guards the loss. */
class FitTest {
    @TempDir
    Path dir;

    /** 50 images of 1x7x7 in three classes (a bright row, column or diagonal) with noise. */
    static final Tensor IMAGES = Tensor.zeros(50, 1, 7, 7);
    static final int[] LABELS = new int[50];

    static {
        Rng rng = new Rng(1);
        for (int i = 0; i < 50; i++) {
            LABELS[i] = i % 3;
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 7; x++) {
                    boolean on = LABELS[i] == 0 ? y == 3 : LABELS[i] == 1 ? x == 3 : x == y;
                    IMAGES.set((on ? 1f : 0f) + rng.uniform(-0.3, 0.3), i, 0, y, x);
                }
            }
        }
    }

    /** Batches of 8 (the last of 2) in an order drawn from (seed, epoch) alone. */
    static BatchSource shuffled() {
        return new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return 7;
            }

            @Override
            public LabelledBatch batch(int epoch, int index) {
                int[] order = new int[50];
                for (int i = 0; i < 50; i++) {
                    order[i] = i;
                }
                new Rng(1000 + epoch).shuffle(order);
                int m = Math.min(8, 50 - index * 8);
                Tensor x = Tensor.zeros(m, 1, 7, 7);
                int[] y = new int[m];
                for (int k = 0; k < m; k++) {
                    int s = order[index * 8 + k];
                    System.arraycopy(IMAGES.data(), s * 49, x.data(), k * 49, 49);
                    y[k] = LABELS[s];
                }
                return new LabelledBatch(x, y);
            }
        };
    }

    static Sequential net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("conv", Conv2d.builder(1, 3, 3).padding(1).build(rng))
                .add("relu", new ReLU())
                .add("pool", new AvgPool2d(2, 1))
                .add("flatten", new Flatten())
                .add("fc", new Linear(3 * 6 * 6, 3, rng));
    }

    static Optimizer optimizer(String kind, Module m) {
        return kind.equals("adam") ? new Adam(m.parameters(), 0.01) : new SGD(m.parameters(), 0.1).momentum(0.9);
    }

    static Validation accuracy() {
        return m -> CrossEntropyLoss.correct(m.forward(IMAGES), LABELS) / 50.0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "adam"})
    void aResumedRunEndsBitIdenticalToAnUninterruptedOne(String kind) {
        Sequential whole = net(3);
        FitResult full = new Fit(whole, optimizer(kind, whole), new CrossEntropyLoss()).validation(accuracy(), 4)
                .run(shuffled(), 3);

        Path ckpt = dir.resolve("fit.ckpt");
        Sequential first = net(3);
        new Fit(first, optimizer(kind, first), new CrossEntropyLoss()).validation(accuracy(), 4)
                .checkpoint(ckpt, Map.of("who", "FitTest")).run(shuffled(), 1);

        // A new process would know nothing of the network: rebuild it from the file.
        Checkpoint saved = Checkpoints.read(ckpt);
        Module again = saved.buildModel();
        Fit rest = new Fit(again, optimizer(kind, again), new CrossEntropyLoss()).validation(accuracy(), 4)
                .checkpoint(ckpt, Map.of("who", "FitTest")).resume(saved);
        assertThat(rest.epochsDone()).isEqualTo(1);
        FitResult r = rest.run(shuffled(), 3);

        List<String> names = new ArrayList<>(whole.namedParameters().keySet());
        for (String n : names) {
            Parameter a = whole.namedParameters().get(n);
            Parameter b = again.namedParameters().get(n);
            assertThat(b.value().data()).as(n).isEqualTo(a.value().data());
        }
        assertThat(r.curve()).isEqualTo(full.curve());
        assertThat(r.steps()).isEqualTo(full.steps()).isEqualTo(21);
        assertThat(r.epochs()).extracting(EpochResult::trainLoss)
                .isEqualTo(full.epochs().stream().map(EpochResult::trainLoss).toList());
        assertThat(Checkpoints.read(ckpt).metadata()).containsEntry("epochs_done", "3").containsEntry("who", "FitTest");
        assertThat(r.epochs().get(2).valAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void validationRunsEveryNStepsAndAtEveryEpochsEnd() {
        Sequential m = net(4);
        List<Long> at = new ArrayList<>();
        new Fit(m, optimizer("momentum", m), new CrossEntropyLoss()).validation(accuracy(), 5)
                .listener(new FitListener() {
                    @Override
                    public void validated(CurvePoint p) {
                        at.add(p.iteration());
                    }
                }).run(shuffled(), 2);
        assertThat(at).containsExactly(5L, 7L, 10L, 14L);
    }

    @Test
    void aNonFiniteLossStopsBeforeTheUpdateNamingTheLayer() {
        Sequential m = net(5);
        Path ckpt = dir.resolve("nan.ckpt");
        Fit fit = new Fit(m, optimizer("momentum", m), new CrossEntropyLoss()).checkpoint(ckpt, Map.of())
                .listener(new FitListener() {
                    @Override
                    public void beforeStep(long step, Module model) {
                        if (step == 10) {
                            model.namedParameters().get("fc.weight").value().data()[0] = Float.POSITIVE_INFINITY;
                        }
                    }
                });
        assertThatThrownBy(() -> fit.run(shuffled(), 3)).isInstanceOfSatisfying(NonFiniteLossException.class, e -> {
            assertThat(e.step()).isEqualTo(10);
            assertThat(e.epoch()).isEqualTo(2);
            assertThat(e.batch()).isEqualTo(3);
            assertThat(e.layer()).startsWith("fc: Linear");
            assertThat(e.saved()).isEqualTo("the last good checkpoint, after epoch 1, is " + ckpt);
            assertThat(e.getMessage()).doesNotContain("--");
        });
        assertThat(Checkpoints.read(ckpt).metadata()).containsEntry("epochs_done", "1");
    }

    @Test
    void aResumeThatHasDoneMoreEpochsIsRefusedNamingTheParameter() {
        Sequential m = net(6);
        Path ckpt = dir.resolve("done.ckpt");
        new Fit(m, optimizer("momentum", m), new CrossEntropyLoss()).checkpoint(ckpt, Map.of()).run(shuffled(), 2);
        Sequential again = net(6);
        Fit f = new Fit(again, optimizer("momentum", again), new CrossEntropyLoss()).resume(Checkpoints.read(ckpt));
        assertThatThrownBy(() -> f.run(shuffled(), 1)).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("epochs: expected at least the 2 epochs");
        assertThatThrownBy(() -> new Fit(m, optimizer("momentum", m), new CrossEntropyLoss())
                .checkpoint(ckpt, Map.of("step", "1"))).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("metadata:");
    }
}
