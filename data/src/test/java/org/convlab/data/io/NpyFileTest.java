package org.convlab.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NumPy's float32 arrays in and out, and every damaged header one line naming the file. */
class NpyFileTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Paths.get(NpyFileTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsWhatNumPyWrites() throws Exception {
        Tensor t = NpyFile.read(resource("numpy_2x3x4.npy"));
        assertThat(t.shape().dims()).containsExactly(2, 3, 4);
        assertThat(t.get(0, 0, 0)).isEqualTo(-3f);
        assertThat(t.get(1, 2, 3)).isEqualTo(0.5f * 23 - 3);
        assertThat(NpyFile.read(resource("numpy_scalar.npy")).data()).containsExactly(2.5f);
        assertThat(NpyFile.read(resource("numpy_v2.npy")).data()).containsExactly(0f, 1f, 2f, 3f, 4f);
    }

    @Test
    void writesNumPysHeaderByteForByte() throws Exception {
        Path p = dir.resolve("x.npy");
        NpyFile.write(p, NpyFile.read(resource("numpy_2x3x4.npy")));
        assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(resource("numpy_2x3x4.npy")));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void roundTripsSeededShapes(long seed) throws Exception {
        Random r = new Random(seed);
        int[] dims = new int[1 + r.nextInt(4)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = 1 + r.nextInt(6);
        }
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        Path p = dir.resolve("t" + seed + ".npy");
        NpyFile.write(p, t);
        Tensor back = NpyFile.read(p);
        assertThat(back.shape()).isEqualTo(t.shape());
        assertThat(back.data()).containsExactly(t.data());
        assertThat((int) (10 + headerLength(p)) % 64).isZero();
    }

    private static int headerLength(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        return (b[8] & 0xff) | (b[9] & 0xff) << 8;
    }

    private Path file(String name, String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[10 + h.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)};
        System.arraycopy(magic, 0, b, 0, 10);
        System.arraycopy(h, 0, b, 10, h.length);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static String refusal(Path p) {
        try {
            NpyFile.read(p);
        } catch (BadFileException e) {
            assertThat(e.getMessage()).startsWith(p.toString()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError(p + " was accepted");
    }

    @Test
    void damagedHeadersAreOneLine() throws Exception {
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n";
        assertThat(refusal(file("ok-but-short.npy", ok, 20))).contains("expected 24 bytes of float32 data for shape (2, 3)")
                .contains("found 20 bytes (cut short)");
        assertThat(refusal(file("extra.npy", ok, 28))).contains("found 28 bytes");
        assertThat(refusal(file("f8.npy", ok.replace("<f4", "<f8"), 48))).contains("descr '<f8'");
        assertThat(refusal(file("be.npy", ok.replace("<f4", ">f4"), 24))).contains("(big-endian)");
        assertThat(refusal(file("fortran.npy", ok.replace("False", "True"), 24))).contains("fortran_order True");
        assertThat(refusal(file("neg.npy", ok.replace("(2, 3)", "(2, -3)"), 24))).contains("shape (2, -3)");
        assertThat(refusal(file("huge.npy", ok.replace("(2, 3)", "(100000, 100000, 100000)"), 24)))
                .contains("at most " + NpyFile.MAX_ELEMENTS + " elements");
        assertThat(refusal(file("noshape.npy", "{'descr': '<f4', 'fortran_order': False, }\n", 4)))
                .contains("a 'shape' tuple");
        assertThat(refusal(file("nodict.npy", "descr <f4\n", 4))).contains("a header dictionary");
        Path p = dir.resolve("magic.npy");
        Files.write(p, "PK\u0003\u0004 not numpy at all".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(refusal(p)).contains("at byte 0: expected a .npy file").contains("50 4b 03 04");
        Files.write(p, new byte[0]);
        assertThat(refusal(p)).contains("an empty file");
        byte[] v9 = Files.readAllBytes(resource("numpy_2x3x4.npy"));
        v9[6] = 9;
        Files.write(p, v9);
        assertThat(refusal(p)).contains("format version 1, 2 or 3");
        byte[] longHeader = Files.readAllBytes(resource("numpy_2x3x4.npy"));
        longHeader[9] = (byte) 0xff;
        Files.write(p, longHeader);
        assertThat(refusal(p)).contains("header length");
        assertThat(refusal(dir.resolve("missing.npy"))).endsWith("no such file");
        assertThat(refusal(dir)).contains("is a directory");
    }

    @Test
    void everyTruncationIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(resource("numpy_2x3x4.npy"));
        Path p = dir.resolve("cut.npy");
        for (int n = 0; n < whole.length; n++) {
            Files.write(p, Arrays.copyOf(whole, n));
            refusal(p);
        }
    }

    @Test
    void seededBitFlipsReadOrFailInOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(resource("numpy_2x3x4.npy"));
        Path p = dir.resolve("flipped.npy");
        Random r = new Random(14);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = whole.clone();
            int at = r.nextInt(128);
            b[at] ^= (byte) (1 << r.nextInt(8));
            Files.write(p, b);
            try {
                NpyFile.read(p);
            } catch (BadFileException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(50);
    }

    @Test
    void anUnwritableDestinationIsOneLine() {
        Path p = dir.resolve("no-such-dir").resolve("y.npy");
        assertThatThrownBy(() -> NpyFile.write(p, Tensor.zeros(2))).isInstanceOf(BadFileException.class)
                .hasMessageContaining("cannot be written");
    }
}
