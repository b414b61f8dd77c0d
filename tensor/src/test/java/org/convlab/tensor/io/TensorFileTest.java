package org.convlab.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> sample(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("conv1.weight", Tensor.wrap(floats(r, 32 * 3 * 5 * 5), 32, 3, 5, 5));
        t.put("conv1.bias", Tensor.wrap(floats(r, 32), 32));
        t.put("step", Tensor.wrap(new float[] {seed}));
        t.put("größe", Tensor.wrap(floats(r, 6), 2, 3));
        return t;
    }

    static float[] floats(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() {
        Path file = dir.resolve("model.ckpt");
        Map<String, Tensor> t = sample(1);
        TensorFile.write(file, Map.of("epoch", "3", "model", "cnn"), t);
        TensorFile.Contents c = TensorFile.read(file);
        assertThat(c.metadata()).containsEntry("epoch", "3").containsEntry("model", "cnn");
        assertThat(c.tensors().keySet()).containsExactly("conv1.weight", "conv1.bias", "step", "größe");
        for (String name : t.keySet()) {
            assertThat(c.tensors().get(name).shape()).isEqualTo(t.get(name).shape());
            assertThat(c.tensors().get(name).data()).containsExactly(t.get(name).data());
        }
        assertThat(c.tensors().get("step").rank()).as("a scalar stays a scalar").isZero();
    }

    @Test
    void savingAgainKeepsThePreviousVersionAsBak() {
        Path file = dir.resolve("model.ckpt");
        TensorFile.write(file, Map.of("v", "old"), sample(1));
        TensorFile.write(file, Map.of("v", "new"), sample(2));
        assertThat(TensorFile.read(file).metadata()).containsEntry("v", "new");
        assertThat(TensorFile.read(TensorFile.backupOf(file)).metadata()).containsEntry("v", "old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.ckpt",
                    "model.ckpt.bak");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyTruncationIsAClearErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("small.ckpt");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("b", Tensor.wrap(new float[] {7, 8}, 2));
        TensorFile.write(file, Map.of("k", "v"), t);
        byte[] good = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.ckpt");
        for (int n = 0; n < good.length; n++) {
            Files.write(cut, java.util.Arrays.copyOf(good, n));
            assertThatThrownBy(() -> TensorFile.read(cut)).as("truncated to %d bytes", n)
                    .isInstanceOf(BadFileException.class).hasMessageStartingWith(cut.toString() + ": ");
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws IOException {
        Path file = dir.resolve("small.ckpt");
        TensorFile.write(file, Map.of("k", "v"), Map.of("w", Tensor.wrap(new float[] {1, 2, 3}, 3)));
        byte[] good = Files.readAllBytes(file);
        Path bad = dir.resolve("flipped.ckpt");
        int cases = 0;
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = good.clone();
                b[i] ^= (byte) (1 << bit);
                Files.write(bad, b);
                assertThatThrownBy(() -> TensorFile.read(bad)).as("bit %d of byte %d", bit, i)
                        .isInstanceOf(BadFileException.class);
                cases++;
            }
        }
        assertThat(cases).isEqualTo(good.length * 8);
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAllocating() throws IOException {
        // magic, version 1, no metadata, one tensor "w" of rank 2 with dims 65536 x 65536
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 4 + 4 + 2 + 1 + 1 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(TensorFile.MAGIC).putInt(1).putInt(0).putInt(1).putShort((short) 1).put((byte) 'w').put((byte) 2)
                .putInt(65536).putInt(65536).putInt(0);
        Path file = dir.resolve("huge.ckpt");
        Files.write(file, b.array());
        assertThatThrownBy(() -> TensorFile.read(file)).isInstanceOf(BadFileException.class)
                .hasMessageContaining("at byte 28").hasMessageContaining("at most 2^31-9 elements");
        ByteBuffer c = ByteBuffer.allocate(8 + 4 + 4 + 4 + 2 + 1 + 1 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        c.put(TensorFile.MAGIC).putInt(1).putInt(0).putInt(1).putShort((short) 1).put((byte) 'w').put((byte) 1)
                .putInt(1_000_000).putInt(0);
        Files.write(file, c.array());
        assertThatThrownBy(() -> TensorFile.read(file)).isInstanceOf(BadFileException.class)
                .hasMessageContaining("4000000 bytes of values");
    }

    @Test
    void wrongMagicMissingFileAndDirectoryAreNamed() throws IOException {
        Path file = dir.resolve("not-a-checkpoint.ckpt");
        Files.writeString(file, "P5\n28 28\n255\n" + "x".repeat(100));
        assertThatThrownBy(() -> TensorFile.read(file)).hasMessageContaining("at byte 0")
                .hasMessageContaining("magic \"CVLBTNSR\"");
        assertThatThrownBy(() -> TensorFile.read(dir.resolve("missing.ckpt"))).hasMessageEndingWith("does not exist");
        assertThatThrownBy(() -> TensorFile.read(dir)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> TensorFile.write(dir.resolve("no/such/folder.ckpt"), Map.of(), sample(1)))
                .isInstanceOf(BadFileException.class).hasMessageContaining("folder");
        assertThatThrownBy(() -> TensorFile.write(file, Map.of("a=b", "c"), sample(1)))
                .isInstanceOf(BadParameterException.class);
    }
}
