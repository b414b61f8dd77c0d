package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatcherTest {
    /** n images of 2 x 3 x 3; image i has every pixel = i, label i mod 10. */
    static ImageSet numbered(int n) {
        byte[] pixels = new byte[n * 18];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 18, (i + 1) * 18, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        return ImageSet.of(pixels, labels, 2, 3, 3, ClassNames.DIGITS);
    }

    static final Normalization RAW = Normalization.of(new float[] {0, 0}, new float[] {1 / 255f, 1 / 255f});

    @ParameterizedTest
    @CsvSource({"100, 64", "100, 10", "7, 3", "5, 5", "1, 4"})
    void everyEpochVisitsEveryImageOnceInCeilNOverBBatches(int n, int b) {
        Batcher batcher = Batcher.shuffled(numbered(n), RAW, b, 7);
        assertThat(batcher.batchesPerEpoch()).isEqualTo((n + b - 1) / b);
        Batch batch = batcher.newBatch();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            int batches = 0;
            for (Batch x : batcher.epoch(epoch, batch)) {
                batches++;
                assertThat(x.images().shape().dims()).containsExactly(x.size(), 2, 3, 3);
                for (int k = 0; k < x.size(); k++) {
                    int i = x.indices()[k];
                    seen.add(i);
                    assertThat(x.labels()[k]).isEqualTo(i % 10);
                    // the pixel value identifies the image: raw normalisation gives back the byte
                    assertThat(x.images().get(k, 1, 2, 2)).isCloseTo(i, org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
            assertThat(batches).isEqualTo(batcher.batchesPerEpoch());
            assertThat(seen).containsExactlyInAnyOrderElementsOf(range(n));
        }
    }

    @Test
    void sameSeedSameBatchesOtherSeedOrEpochOtherOrder() {
        ImageSet set = numbered(200);
        int[] a = Batcher.shuffled(set, RAW, 32, 7).order(0);
        int[] b = Batcher.shuffled(set, RAW, 32, 7).order(0);
        assertThat(a).isEqualTo(b);
        assertThat(Batcher.shuffled(set, RAW, 32, 8).order(0)).isNotEqualTo(a);
        assertThat(Batcher.shuffled(set, RAW, 32, 7).order(1)).isNotEqualTo(a);
        // The order of an epoch does not depend on which epochs were visited before (resuming works).
        Batcher fresh = Batcher.shuffled(set, RAW, 32, 7);
        int[] epoch3 = fresh.order(3);
        Batcher used = Batcher.shuffled(set, RAW, 32, 7);
        used.order(0);
        used.order(1);
        assertThat(used.order(3)).isEqualTo(epoch3);
        assertThat(Batcher.sequential(set, RAW, 32).order(5)).isEqualTo(range(200).stream().mapToInt(x -> x).toArray());
    }

    @Test
    void buffersAreReusedNoAllocationPerBatch() {
        Batcher batcher = Batcher.shuffled(numbered(70), RAW, 32, 1);
        Batch batch = batcher.newBatch();
        Tensor full = batcher.fill(0, 0, batch).images();
        Tensor tail = batcher.fill(0, 2, batch).images();
        assertThat(tail.dim(0)).isEqualTo(6);
        assertThat(batcher.fill(1, 1, batch).images()).isSameAs(full);
        assertThat(batcher.fill(1, 2, batch).images()).isSameAs(tail);
        assertThat(batch.labels()).hasSize(6);
    }

    @Test
    void fillingBatchesAllocatesNothing() {
        Batcher batcher = Batcher.shuffled(numbered(100), RAW, 16, 3).withTranslation(1);
        Batch batch = batcher.newBatch();
        for (int i = 0; i < batcher.batchesPerEpoch(); i++) {
            batcher.fill(0, i, batch); // warm up: the order of epoch 0 and the tail buffers exist now
        }
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            long before = t.getCurrentThreadAllocatedBytes();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < batcher.batchesPerEpoch(); i++) {
                    batcher.fill(0, i, batch);
                }
            }
            long allocated = t.getCurrentThreadAllocatedBytes() - before;
            // 140 batches of 16 x 18 floats would be 161 kB if each allocated; allow only stray bytes.
            assertThat(allocated).isLessThan(4096);
        }
    }

    @Test
    void normalisedValuesComeFromTheTable() {
        Normalization n = Normalization.of(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.25f});
        Batcher batcher = Batcher.sequential(numbered(3), n, 3);
        Batch x = batcher.fill(0, 0, batcher.newBatch());
        assertThat(x.images().get(2, 0, 1, 1)).isEqualTo(n.apply(0, 2));
        assertThat(x.images().get(2, 1, 0, 0)).isEqualTo(((2f / 255f) - 0.25f) / 0.25f);
    }

    @Test
    void translationMovesPixelsAndFillsWithNormalisedBlack() {
        // One 1x5x5 image whose pixel (y, x) = 10 y + x + 1, so a moved pixel tells where it came from.
        byte[] px = new byte[25];
        for (int k = 0; k < 25; k++) {
            px[k] = (byte) (k / 5 * 10 + k % 5 + 1);
        }
        ImageSet one = ImageSet.of(px, new byte[] {0}, 1, 5, 5, List.of("a"));
        Normalization n = Normalization.of(new float[] {0.1f}, new float[] {0.5f});
        Batcher t = Batcher.shuffled(one, n, 1, 3).withTranslation(2);
        Batch b = t.newBatch();
        boolean moved = false;
        for (int epoch = 0; epoch < 20; epoch++) {
            Tensor x = t.fill(epoch, 0, b).images();
            // find the shift from where the original (2, 2) went, then check every pixel
            int dy = Integer.MIN_VALUE;
            int dx = 0;
            for (int y = 0; y < 5; y++) {
                for (int xx = 0; xx < 5; xx++) {
                    if (x.get(0, 0, y, xx) == n.apply(0, 23)) {
                        dy = y - 2;
                        dx = xx - 2;
                    }
                }
            }
            assertThat(dy).isBetween(-2, 2);
            moved |= dy != 0 || dx != 0;
            for (int y = 0; y < 5; y++) {
                for (int xx = 0; xx < 5; xx++) {
                    int sy = y - dy;
                    int sx = xx - dx;
                    float expected = sy < 0 || sy >= 5 || sx < 0 || sx >= 5 ? n.apply(0, 0) : n.apply(0, 10 * sy + sx + 1);
                    assertThat(x.get(0, 0, y, xx)).isEqualTo(expected);
                }
            }
            // deterministic: a second batcher with the same seed moves the same way
            Batcher again = Batcher.shuffled(one, n, 1, 3).withTranslation(2);
            assertThat(again.fill(epoch, 0, again.newBatch()).images().data()).isEqualTo(x.data());
        }
        assertThat(moved).isTrue();
    }

    @Test
    void badArguments() {
        ImageSet set = numbered(10);
        assertThatThrownBy(() -> Batcher.shuffled(set, RAW, 0, 1)).hasMessageStartingWith("batchSize: expected a positive");
        assertThatThrownBy(() -> Batcher.shuffled(set, Normalization.none(1), 4, 1))
                .hasMessageStartingWith("mean: expected 2 values");
        Batcher b = Batcher.shuffled(set, RAW, 4, 1);
        assertThatThrownBy(() -> b.fill(0, 3, b.newBatch())).hasMessageStartingWith("batch: expected an index in 0..2");
        assertThatThrownBy(() -> b.fill(0, 0, new Batch(4, 1, 3, 3))).hasMessageStartingWith("batch: expected a buffer");
        assertThatThrownBy(() -> Batcher.shuffled(set.range(3, 3), RAW, 4, 1)).hasMessageContaining("non-empty");
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
