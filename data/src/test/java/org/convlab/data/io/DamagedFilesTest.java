package org.convlab.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.convlab.core.BadFileException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A generated corpus of damaged IDX and CIFAR-10 files: truncated at every header field and
 * record, extended, bit-flipped everywhere, wrong magic numbers, huge dimensions and
 * dimension products that overflow int and long, damaged gzip streams.
 *
 * <p>Each case has an expected outcome from {@link #expectImages}, {@link #expectLabels} or
 * {@link #expectCifar}, a restatement of the documented rules independent of the readers:
 * either a load of exactly the bytes the file holds, or a {@link BadFileException}
 * {@code "<file>: at byte <offset>: expected <what>, found <what>"} at the documented offset
 * with the documented key words. Any other exception, a different offset, or a load of other
 * bytes fails the case. Reads of gzip files must not allocate more than a few MB whatever
 * their header promises.
 */
class DamagedFilesTest {
    private static final int N = 6;
    private static final int ROWS = 4;
    private static final int COLS = 3;
    private static final int CLASSES = 10;
    private static final long CAP = IdxReader.DEFAULT_MAX_BYTES;
    /** Most bytes a read of these tiny files may allocate: buffers, never the header's promise. */
    private static final long ALLOCATION_LIMIT = 4L << 20;
    private static int total;

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int cases;

    /** What reading a file must give: the bytes, or an error at an offset with some words in it. */
    record Expect(byte[] content, long offset, String words) {
        static Expect load(byte[] content) {
            return new Expect(content, -1, null);
        }

        static Expect error(long offset, String words) {
            return new Expect(null, offset, words);
        }

        boolean isError() {
            return content == null;
        }
    }

    enum Role {
        IMAGES, LABELS
    }

    // ---- the expected outcomes, restated from the documentation ------------------------------------

    /**
     * The documented outcome of reading {@code c} (the decompressed content when {@code gzip})
     * as an IDX image file. Raw content starting 0x1f 0x8b is taken for gzip, as the reader does.
     */
    static Expect expectImages(byte[] c, boolean gzip) {
        if (!gzip && c.length >= 2 && c[0] == 0x1f && c[1] == (byte) 0x8b) {
            return Expect.error(0, "gzip");
        }
        if (c.length < 4) {
            return Expect.error(0, "end of");
        }
        if (intAt(c, 0) != IdxReader.IMAGES_MAGIC) {
            return Expect.error(0, "the magic number 0x00000803");
        }
        long p = 1;
        boolean overflow = false;
        for (int off = 4; off <= 12; off += 4) {
            if (c.length < off + 4) {
                return Expect.error(off, "end of");
            }
            int v = intAt(c, off);
            if (v <= 0) {
                return Expect.error(off, "positive");
            }
            try {
                p = Math.multiplyExact(p, (long) v);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (overflow || p > CAP) {
            return Expect.error(4, overflow ? "more than 2^63" : "product");
        }
        return payload(c, 16, p);
    }

    /** The documented outcome of reading {@code c} as an IDX label file with labels below {@link #CLASSES}. */
    static Expect expectLabels(byte[] c, boolean gzip) {
        if (!gzip && c.length >= 2 && c[0] == 0x1f && c[1] == (byte) 0x8b) {
            return Expect.error(0, "gzip");
        }
        if (c.length < 4) {
            return Expect.error(0, "end of");
        }
        if (intAt(c, 0) != IdxReader.LABELS_MAGIC) {
            return Expect.error(0, "the magic number 0x00000801");
        }
        if (c.length < 8) {
            return Expect.error(4, "end of");
        }
        int n = intAt(c, 4);
        if (n <= 0) {
            return Expect.error(4, "positive");
        }
        if (n > CAP) {
            return Expect.error(4, "product");
        }
        Expect e = payload(c, 8, n);
        if (e.isError()) {
            return e;
        }
        for (int i = 0; i < n; i++) {
            int label = e.content()[i] & 0xff;
            if (label >= CLASSES) {
                return Expect.error(8 + i, "a label in 0..9, found " + label);
            }
        }
        return e;
    }

    private static Expect payload(byte[] c, int header, long size) {
        long end = header + size;
        if (c.length < end) {
            return Expect.error(c.length, "end of");
        }
        if (c.length > end) {
            return Expect.error(end, "more byte");
        }
        return Expect.load(Arrays.copyOfRange(c, header, c.length));
    }

    /** The documented outcome for a raw CIFAR-10 batch; content = pixels of all records, then labels. */
    static Expect expectCifar(byte[] c) {
        if (c.length == 0) {
            return Expect.error(0, "at least one record");
        }
        int partial = c.length % CifarReader.RECORD;
        if (partial != 0) {
            return Expect.error(c.length - partial, "partial record of " + partial + " bytes");
        }
        int n = c.length / CifarReader.RECORD;
        byte[] out = new byte[n * (CifarReader.PIXELS + 1)];
        for (int r = 0; r < n; r++) {
            int label = c[r * CifarReader.RECORD] & 0xff;
            if (label >= 10) {
                return Expect.error((long) r * CifarReader.RECORD, "a label in 0..9, found " + label);
            }
            System.arraycopy(c, r * CifarReader.RECORD + 1, out, r * CifarReader.PIXELS, CifarReader.PIXELS);
            out[n * CifarReader.PIXELS + r] = (byte) label;
        }
        return Expect.load(out);
    }

    // ---- the corpus ------------------------------------------------------------------------------

    static byte[] validImages() {
        byte[] pixels = new byte[N * ROWS * COLS];
        new Random(1).nextBytes(pixels);
        return IdxWriter.imageBytes(N, ROWS, COLS, pixels);
    }

    static byte[] validLabels() {
        return IdxWriter.labelBytes(new byte[] {0, 9, 3, 3, 7, 1});
    }

    /** Every truncation, extension and single-bit flip of the (decompressed) content. */
    static List<byte[]> contentMutations(byte[] valid) {
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < valid.length; k++) {
            out.add(Arrays.copyOf(valid, k));
        }
        for (int extra : new int[] {1, 2, 3, 4, 17, 4096}) {
            out.add(Arrays.copyOf(valid, valid.length + extra));
        }
        for (int pos = 0; pos < valid.length; pos++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] m = valid.clone();
                m[pos] ^= (byte) (1 << bit);
                out.add(m);
            }
        }
        for (int pos = 0; pos < valid.length; pos++) {
            byte[] m = valid.clone();
            m[pos] = (byte) 0xff;
            out.add(m);
        }
        return out;
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void imageFilesTruncatedExtendedAndFlipped(boolean gzip) throws Exception {
        for (byte[] content : contentMutations(validImages())) {
            run(Role.IMAGES, content, gzip, expectImages(content, gzip));
        }
        finish(800);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelFilesTruncatedExtendedAndFlipped(boolean gzip) throws Exception {
        for (byte[] content : contentMutations(validLabels())) {
            run(Role.LABELS, content, gzip, expectLabels(content, gzip));
        }
        finish(120);
    }

    /**
     * Seeded random damage of several kinds at once: 1 to 4 bytes overwritten with random or
     * boundary values (0x00, 0x7f, 0x80, 0xff), then in a third of the cases a cut or an
     * extension at a random length.
     */
    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void randomMultiByteDamage(boolean gzip) throws Exception {
        Random r = new Random(gzip ? 12 : 11);
        int[] special = {0x00, 0x7f, 0x80, 0xff};
        for (Role role : Role.values()) {
            byte[] valid = role == Role.IMAGES ? validImages() : validLabels();
            for (int k = 0; k < 820; k++) {
                byte[] m = valid.clone();
                int writes = 1 + r.nextInt(4);
                for (int w = 0; w < writes; w++) {
                    int pos = r.nextInt(m.length);
                    m[pos] = (byte) (r.nextBoolean() ? r.nextInt(256) : special[r.nextInt(special.length)]);
                }
                if (r.nextInt(3) == 0) {
                    m = Arrays.copyOf(m, r.nextInt(m.length + 20));
                }
                run(role, m, gzip, role == Role.IMAGES ? expectImages(m, gzip) : expectLabels(m, gzip));
            }
        }
        finish(1600);
    }

    /** Wrong magic numbers: the other role's, other IDX types and ranks, and arbitrary values. */
    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void wrongMagicNumbers(boolean gzip) throws Exception {
        int[] magics = {0, 0x801, 0x803, 0x802, 0x804, 0x903, 0xB03, 0xC03, 0xD03, 0xE03, 0x0803_0000, 0x1f8b0803,
            0x03080000, -1, Integer.MIN_VALUE, 2051, 2049};
        for (int magic : magics) {
            byte[] images = validImages();
            ByteBuffer.wrap(images).putInt(0, magic);
            run(Role.IMAGES, images, gzip, expectImages(images, gzip));
            byte[] labels = validLabels();
            ByteBuffer.wrap(labels).putInt(0, magic);
            run(Role.LABELS, labels, gzip, expectLabels(labels, gzip));
        }
        finish(30);
    }

    /**
     * Headers promising huge or impossible sizes — products that overflow int (65536 x 65536)
     * and long (2^31-1 cubed), negative and zero sizes — over a small real payload. Nothing may
     * be allocated for the promise.
     */
    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void hugeAndImpossibleDimensions(boolean gzip) throws Exception {
        int[] sizes = {1, 3, 4, 28, 65_536, 60_000, 1 << 30, Integer.MAX_VALUE, 0, -1, Integer.MIN_VALUE};
        byte[] tail = new byte[12];
        new Random(2).nextBytes(tail);
        for (int n : sizes) {
            for (int rows : sizes) {
                for (int cols : sizes) {
                    byte[] c = ByteBuffer.allocate(16 + tail.length).putInt(IdxReader.IMAGES_MAGIC).putInt(n)
                            .putInt(rows).putInt(cols).put(tail).array();
                    run(Role.IMAGES, c, gzip, expectImages(c, gzip));
                }
            }
            byte[] l = ByteBuffer.allocate(8 + 6).putInt(IdxReader.LABELS_MAGIC).putInt(n)
                    .put(new byte[] {1, 2, 3, 4, 5, 6}).array();
            run(Role.LABELS, l, gzip, expectLabels(l, gzip));
        }
        finish(1000);
    }

    /**
     * Damage to the compressed bytes themselves: every truncation and every single-bit flip of
     * the .gz file. Each read fails with the documented form or loads exactly the original
     * content (flips in gzip header fields such as the timestamp change nothing).
     */
    @Test
    void damagedGzipStreams() throws Exception {
        for (Role role : Role.values()) {
            byte[] content = role == Role.IMAGES ? validImages() : validLabels();
            byte[] gz = IdxWriter.gzip(content);
            Function<byte[], Expect> semantic = role == Role.IMAGES ? c -> expectImages(c, false)
                    : c -> expectLabels(c, false);
            for (int k = 0; k < gz.length; k++) {
                byte[] cut = Arrays.copyOf(gz, k);
                runFile(role, cut, k < 2 ? semantic.apply(cut) : Expect.error(-1, null), null);
            }
            for (int pos = 0; pos < gz.length; pos++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] m = gz.clone();
                    m[pos] ^= (byte) (1 << bit);
                    Expect original = semantic.apply(content);
                    runFile(role, m, pos == 0 || pos == 1 ? semantic.apply(m) : null, original.content());
                }
            }
            byte[] garbage = new byte[200];
            new Random(3).nextBytes(garbage);
            garbage[0] = 0x1f;
            garbage[1] = (byte) 0x8b;
            runFile(role, garbage, Expect.error(-1, null), null);
        }
        finish(1000);
    }

    /**
     * Bytes after a gzip member: refused like extra bytes after a raw file (at the offset in the
     * compressed file where they start), whatever they are — one byte, zeros, random bytes, a
     * lone 0x1f, a gzip magic followed by junk, a second header cut short. Further whole members
     * (what {@code cat a.gz b.gz} makes) are read as one stream, as documented.
     */
    @Test
    void gzipMembersFollowedByAnythingElseAreRefused() throws Exception {
        Random r = new Random(5);
        for (Role role : Role.values()) {
            byte[] content = role == Role.IMAGES ? validImages() : validLabels();
            byte[] gz = IdxWriter.gzip(content);
            Expect whole = role == Role.IMAGES ? expectImages(content, false) : expectLabels(content, false);
            List<byte[]> tails = new ArrayList<>();
            tails.add(new byte[] {0});
            tails.add(new byte[] {0x1f});
            tails.add(new byte[] {0x1f, (byte) 0x8b});
            tails.add(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
            tails.add(new byte[] {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 0});
            tails.add(new byte[4096]);
            tails.add("\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int k = 0; k < 30; k++) {
                byte[] t = new byte[1 + r.nextInt(300)];
                r.nextBytes(t);
                tails.add(t);
            }
            for (byte[] tail : tails) {
                byte[] onDisk = Arrays.copyOf(gz, gz.length + tail.length);
                System.arraycopy(tail, 0, onDisk, gz.length, tail.length);
                runFile(role, onDisk, Expect.error(gz.length, "gzip member"), null);
                byte[] raw = Arrays.copyOf(content, content.length + tail.length);
                System.arraycopy(tail, 0, raw, content.length, tail.length);
                runFile(role, raw, Expect.error(content.length, "end of file"), null);
            }
            // a second member cut short is a damaged stream, at whatever offset the damage shows
            for (int cut : new int[] {12, gz.length / 2, gz.length - 1}) {
                byte[] onDisk = Arrays.copyOf(gz, gz.length + cut);
                System.arraycopy(gz, 0, onDisk, gz.length, cut);
                runFile(role, onDisk, Expect.error(-1, null), null);
            }
            // documented multi-member gzip: the members' contents, one after another
            int half = content.length / 2;
            byte[] a = IdxWriter.gzip(Arrays.copyOf(content, half));
            byte[] b = IdxWriter.gzip(Arrays.copyOfRange(content, half, content.length));
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            runFile(role, both, whole, null);
            byte[] empty = IdxWriter.gzip(new byte[0]);
            byte[] withEmpty = Arrays.copyOf(gz, gz.length + empty.length);
            System.arraycopy(empty, 0, withEmpty, gz.length, empty.length);
            runFile(role, withEmpty, whole, null);
        }
        finish(80);
    }

    /** CIFAR-10 batches cut at every byte of the first record and around every record boundary, extended, flipped. */
    @Test
    void damagedCifarBatches() throws Exception {
        Random r = new Random(4);
        byte[] pixels = new byte[3 * CifarReader.PIXELS];
        r.nextBytes(pixels);
        byte[] valid = CifarWriter.bytes(pixels, new byte[] {6, 0, 9});
        List<byte[]> mutations = new ArrayList<>();
        for (int k = 0; k <= 300; k++) {
            mutations.add(Arrays.copyOf(valid, k));
        }
        for (int b = 1; b <= 3; b++) {
            for (int d = -3; d <= 3; d++) {
                mutations.add(Arrays.copyOf(valid, b * CifarReader.RECORD + d));
            }
        }
        for (int k = 0; k < 200; k++) {
            mutations.add(Arrays.copyOf(valid, 1 + r.nextInt(valid.length + 100)));
        }
        for (int rec = 0; rec < 3; rec++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] m = valid.clone();
                m[rec * CifarReader.RECORD] ^= (byte) (1 << bit);
                mutations.add(m);
            }
        }
        for (int k = 0; k < 100; k++) {
            byte[] m = valid.clone();
            m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
            mutations.add(m);
        }
        for (byte[] m : mutations) {
            Expect e = expectCifar(m);
            Path file = dir.resolve("batch.bin");
            Files.write(file, m);
            cases++;
            try {
                CifarRecords got = CifarReader.read(file);
                byte[] flat = Arrays.copyOf(got.pixels(), got.pixels().length + got.labels().length);
                System.arraycopy(got.labels(), 0, flat, got.pixels().length, got.labels().length);
                verifyLoad("cifar len " + m.length, e, flat);
            } catch (BadFileException ex) {
                verifyError("cifar len " + m.length, file, e, ex);
            } catch (RuntimeException | Error ex) {
                failures.add("cifar len " + m.length + ": unexpected " + ex);
            }
        }
        byte[] gz = IdxWriter.gzip(valid);
        Path file = dir.resolve("batch.bin");
        Files.write(file, gz);
        cases++;
        try {
            CifarReader.read(file);
            failures.add("gzip CIFAR batch was loaded");
        } catch (BadFileException ex) {
            verifyError("gzip cifar", file, Expect.error(0, "gzip"), ex);
        }
        finish(600);
    }

    // ---- running and checking one case -----------------------------------------------------------------

    private void run(Role role, byte[] content, boolean gzip, Expect expect) throws Exception {
        runFile(role, gzip ? IdxWriter.gzip(content) : content, expect, null);
    }

    /**
     * Writes {@code onDisk} and reads it as {@code role}. {@code expect} null means "an error or a
     * load of exactly {@code orLoad}"; an expected error with offset -1 accepts any offset.
     */
    private void runFile(Role role, byte[] onDisk, Expect expect, byte[] orLoad) throws Exception {
        Path file = dir.resolve(role == Role.IMAGES ? "images" : "labels");
        Files.write(file, onDisk);
        String name = role + " case " + cases + " (" + onDisk.length + " bytes on disk)";
        cases++;
        long before = allocated();
        try {
            byte[] got = role == Role.IMAGES ? IdxReader.readImages(file).pixels() : IdxReader.readLabels(file, CLASSES);
            checkAllocation(name, before);
            if (expect == null) {
                if (!Arrays.equals(got, orLoad)) {
                    failures.add(name + ": loaded bytes that differ from the original");
                }
            } else {
                verifyLoad(name, expect, got);
            }
        } catch (BadFileException ex) {
            checkAllocation(name, before);
            verifyError(name, file, expect == null ? Expect.error(-1, null) : expect, ex);
        } catch (RuntimeException | Error ex) {
            failures.add(name + ": unexpected " + ex);
        }
    }

    private void verifyLoad(String name, Expect expect, byte[] got) {
        if (expect.isError()) {
            failures.add(name + ": loaded, but expected an error at byte " + expect.offset() + " with '"
                    + expect.words() + "'");
        } else if (!Arrays.equals(got, expect.content())) {
            failures.add(name + ": loaded different bytes than the file holds");
        }
    }

    private void verifyError(String name, Path file, Expect expect, BadFileException ex) {
        String m = ex.getMessage();
        if (!expect.isError()) {
            failures.add(name + ": expected a load, got " + m);
            return;
        }
        String head = file + ": at byte " + ex.offset() + ": expected ";
        boolean ok = ex.file().equals(file) && ex.offset() >= 0 && m.startsWith(head) && m.contains(", found ")
                && !m.contains("\n") && m.length() < 400;
        if (expect.offset() >= 0 && ex.offset() != expect.offset()) {
            ok = false;
        }
        if (expect.words() != null && !m.contains(expect.words())) {
            ok = false;
        }
        if (!ok) {
            failures.add(name + ": expected an error at byte " + expect.offset() + " with '" + expect.words()
                    + "', got: " + m);
        }
    }

    private void finish(int minimumCases) {
        total += cases;
        assertThat(failures).as("%d of %d cases failed", failures.size(), cases).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(minimumCases);
    }

    @AfterAll
    static void report() {
        System.out.println("damaged-file corpus: " + total + " cases");
    }

    // ---- helpers -------------------------------------------------------------------------------

    static int intAt(byte[] c, int off) {
        return ByteBuffer.wrap(c, off, 4).getInt();
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private void checkAllocation(String name, long before) {
        long after = allocated();
        if (before >= 0 && after - before > ALLOCATION_LIMIT) {
            failures.add(name + ": allocated " + (after - before) + " bytes reading a tiny file");
        }
    }
}
