package org.convlab.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid checkpoints more than 10,000 ways (truncations at every byte, bit flips, header
 * fields overwritten with extreme values, insertions, deletions, appended bytes). Every case must
 * either load exactly the original or fail with a {@link BadFileException} that names the file;
 * no other exception, and no read may allocate more than a small multiple of the file's size.
 */
class CheckpointFuzzTest {
    private static final int RANDOM_MUTATIONS = 10_000;
    private static final long[] EXTREMES = {0, 1, 2, 7, 8, 255, 256, 1024, 1025, 65_535, 65_536, 65_537,
        (1L << 20) + 1, Integer.MAX_VALUE - 8L, Integer.MAX_VALUE, 1L << 31, 0xffff_fffeL, 0xffff_ffffL};

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyMutationLoadsTheOriginalOrFailsClearly() throws IOException {
        Path original = dir.resolve("model.ckpt");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv1.weight", Tensor.wrap(values(2 * 1 * 3 * 3, 1), 2, 1, 3, 3));
        tensors.put("conv1.bias", Tensor.wrap(values(2, 2), 2));
        tensors.put("fc.weight", Tensor.wrap(values(3 * 8, 3), 3, 8));
        tensors.put("step", Tensor.wrap(new float[] {42}));
        TensorFile.write(original, Map.of("model", "cnn", "epoch", "2"), tensors);
        byte[] good = Files.readAllBytes(original);
        List<Integer> fields = headerFieldOffsets(good);

        List<byte[]> cases = new ArrayList<>();
        for (int n = 0; n < good.length; n++) {
            cases.add(Arrays.copyOf(good, n)); // truncated at every byte
        }
        for (int at : fields) {
            for (long v : EXTREMES) {
                byte[] b = good.clone();
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
                cases.add(b);
            }
        }
        Random r = new Random(20261125);
        for (int i = 0; i < RANDOM_MUTATIONS; i++) {
            cases.add(mutate(good, r));
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(10_000);

        Path file = dir.resolve("mutated.ckpt");
        for (int warm = 0; warm < 50; warm++) { // class loading and JIT allocate on the first reads
            TensorFile.read(original);
        }
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < cases.size(); i++) {
            byte[] bytes = cases.get(i);
            Files.write(file, bytes);
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            try {
                TensorFile.Contents c = TensorFile.read(file);
                assertThat(bytes).as("case %d loaded, so it must be the original", i).isEqualTo(good);
                assertThat(c.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
                loaded++;
            } catch (BadFileException e) {
                assertThat(e.getMessage()).as("case %d", i).startsWith(file + ": ");
                refused++;
            } catch (RuntimeException | Error e) {
                fail("case %d (%d bytes) threw %s instead of a BadFileException", i, bytes.length, e);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(allocated).as("bytes allocated reading case %d (%d bytes long)", i, bytes.length)
                    .isLessThan(1024L * 1024 + 16L * bytes.length);
        }
        assertThat(loaded + refused).isEqualTo(cases.size());
        assertThat(refused).isGreaterThan(cases.size() - 100);
    }

    /** One random mutation: bit flips, a byte run overwritten, an insertion, a deletion or appended bytes. */
    private static byte[] mutate(byte[] good, Random r) {
        byte[] b = good.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                int at = r.nextInt(b.length);
                for (int k = 0; k < 1 + r.nextInt(8) && at + k < b.length; k++) {
                    b[at + k] = (byte) r.nextInt(256);
                }
            }
            case 2 -> {
                int at = r.nextInt(b.length + 1);
                byte[] extra = new byte[1 + r.nextInt(8)];
                r.nextBytes(extra);
                byte[] c = new byte[b.length + extra.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                b = c;
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                int n = Math.min(1 + r.nextInt(8), b.length - at);
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                b = c;
            }
            default -> {
                byte[] c = Arrays.copyOf(b, b.length + 1 + r.nextInt(16));
                for (int i = b.length; i < c.length; i++) {
                    c[i] = (byte) r.nextInt(256);
                }
                b = c;
            }
        }
        return b;
    }

    /** Offsets of the 4-byte header fields and of every entry's name length, rank and dimensions. */
    private static List<Integer> headerFieldOffsets(byte[] good) {
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> at = new ArrayList<>(List.of(8, 12));
        int p = 16 + b.getInt(12);
        at.add(p);
        int count = b.getInt(p);
        p += 4;
        for (int t = 0; t < count; t++) {
            at.add(p); // name length (u16) and the first bytes of the name
            p += 2 + (b.getShort(p) & 0xffff);
            at.add(p); // rank and the first dimension's low bytes
            int rank = b.get(p) & 0xff;
            p += 1;
            long n = 1;
            for (int d = 0; d < rank; d++) {
                at.add(p);
                n *= b.getInt(p);
                p += 4;
            }
            p += (int) (4 * n);
        }
        at.add(p); // the checksum
        return at;
    }

    private static float[] values(int n, int seed) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = seed + i * 0.25f;
        }
        return v;
    }
}
