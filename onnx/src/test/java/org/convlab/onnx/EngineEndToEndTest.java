package org.convlab.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoint;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.optim.SGD;
import org.convlab.nn.train.BatchSource;
import org.convlab.nn.train.Fit;
import org.convlab.nn.train.FitResult;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a library, end to end (issue 14's "done when"): a user-defined {@code Sequential}
 * (not one of the notebook's) is trained by {@link Fit}, checkpointed, rebuilt from the checkpoint
 * alone and resumed to the bits of an uninterrupted run, exported to ONNX, and run by ONNX Runtime
 * with convlab's logits; the export read back trains on.
 */
class EngineEndToEndTest {
    @TempDir
    Path dir;

    /** 48 grey 9x9 images in three classes (a bright row, column or diagonal) with noise. */
    private static final int N = 48;
    private static final Tensor IMAGES = Tensor.zeros(N, 1, 9, 9);
    private static final int[] LABELS = new int[N];

    static {
        Rng rng = new Rng(21);
        for (int i = 0; i < N; i++) {
            LABELS[i] = i % 3;
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 9; x++) {
                    boolean on = LABELS[i] == 0 ? y == 4 : LABELS[i] == 1 ? x == 4 : x == y;
                    IMAGES.set((on ? 1f : 0f) + rng.uniform(-0.4, 0.4), i, 0, y, x);
                }
            }
        }
    }

    private static Sequential userNet() {
        Rng rng = new Rng(8);
        return new Sequential()
                .add("stem", Conv2d.builder(1, 4, 3).padding("0,1,1,0").build(rng))
                .add("act", new ReLU())
                .add("pool", MaxPool2d.builder(3).stride(2).padding(1).build())
                .add("flat", new Flatten())
                .add("head", new Linear(4 * 4 * 4, 3, rng));
    }

    private static Fit fit(Module m) {
        return new Fit(m, new SGD(m.parameters(), 0.05).momentum(0.9), new CrossEntropyLoss())
                .validation(x -> CrossEntropyLoss.correct(x.forward(IMAGES), LABELS) / (double) N, 0);
    }

    @Test
    void trainCheckpointResumeExportAndRunInOnnxRuntime() {
        BatchSource batches = BatchSource.of(IMAGES, LABELS, 12);
        Sequential whole = userNet();
        FitResult full = fit(whole).run(batches, 4);

        Path ckpt = dir.resolve("user.ckpt");
        fit(userNet()).checkpoint(ckpt, Map.of("note", "end to end")).run(batches, 2);
        Checkpoint saved = Checkpoints.read(ckpt);
        Module resumed = saved.buildModel();
        FitResult rest = fit(resumed).resume(saved).run(batches, 4);

        assertThat(rest.epochs().get(3).trainLoss()).isEqualTo(full.epochs().get(3).trainLoss())
                .isLessThan(0.5 * full.epochs().get(0).trainLoss());
        assertThat(resumed.stateDict().get("head.weight").data()).isEqualTo(whole.stateDict().get("head.weight").data());

        byte[] onnx = OnnxExport.toBytes(resumed, new int[] {1, 9, 9});
        Tensor convlab = resumed.forward(IMAGES).copy();
        Close.assertClose(Ort.run(onnx, IMAGES), convlab, "ONNX Runtime vs convlab");
        assertThat(CrossEntropyLoss.correct(convlab, LABELS)).isGreaterThan(2 * N / 3);

        Sequential back = OnnxImport.load(onnx, Path.of("user.onnx")).model();
        assertThat(back.forward(IMAGES).data()).isEqualTo(convlab.data());
        FitResult more = fit(back).run(batches, 1);
        assertThat(more.epochs().get(0).trainLoss()).isLessThan(full.epochs().get(0).trainLoss());
    }
}
