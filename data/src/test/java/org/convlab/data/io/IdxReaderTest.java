package org.convlab.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void handWrittenImageFileIsReadByteForByte() throws Exception {
        // magic 0x00000803, 2 images of 2 rows x 3 columns, then 12 pixel bytes.
        byte[] file = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
            1, 2, 3, 4, 5, 6, (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255};
        Path p = dir.resolve("imgs");
        Files.write(p, file);
        IdxImages images = IdxReader.readImages(p);
        assertThat(images.count()).isEqualTo(2);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(3);
        assertThat(images.pixels()).containsExactly(1, 2, 3, 4, 5, 6, (byte) 250, (byte) 251, (byte) 252,
                (byte) 253, (byte) 254, (byte) 255);
        assertThat(images.file()).isEqualTo(p);
    }

    @Test
    void handWrittenLabelFile() throws Exception {
        byte[] file = {0, 0, 8, 1, 0, 0, 0, 4, 9, 0, 3, 7};
        Path p = dir.resolve("labels");
        Files.write(p, file);
        assertThat(IdxReader.readLabels(p, 10)).containsExactly(9, 0, 3, 7);
        assertThatThrownBy(() -> IdxReader.readLabels(p, 9))
                .isInstanceOf(BadFileException.class)
                .hasMessage(p + ": at byte 8: expected a label in 0..8, found 9");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void writerAndReaderAgreeOnRandomFiles(boolean gzip) {
        Random r = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(30);
            int rows = 1 + r.nextInt(12);
            int cols = 1 + r.nextInt(12);
            byte[] pixels = new byte[n * rows * cols];
            r.nextBytes(pixels);
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) r.nextInt(10);
            }
            Path ip = dir.resolve("i" + trial + (gzip ? ".gz" : ""));
            Path lp = dir.resolve("l" + trial + (gzip ? ".gz" : ""));
            IdxWriter.writeImages(ip, n, rows, cols, pixels, gzip);
            IdxWriter.writeLabels(lp, labels, gzip);
            IdxImages back = IdxReader.readImages(ip);
            assertThat(back.pixels()).isEqualTo(pixels);
            assertThat(new int[] {back.count(), back.rows(), back.cols()}).containsExactly(n, rows, cols);
            assertThat(IdxReader.readLabels(lp, 10)).isEqualTo(labels);
        }
    }

    @Test
    void gzipIsRecognisedByContentNotByName() {
        byte[] pixels = {7, 8, 9, 10};
        Path gzNamedPlain = dir.resolve("plain-images");
        Path plainNamedGz = dir.resolve("raw-images.gz");
        IdxWriter.writeImages(gzNamedPlain, 1, 2, 2, pixels, true);
        IdxWriter.writeImages(plainNamedGz, 1, 2, 2, pixels, false);
        assertThat(IdxReader.readImages(gzNamedPlain).pixels()).containsExactly(7, 8, 9, 10);
        assertThat(IdxReader.readImages(plainNamedGz).pixels()).containsExactly(7, 8, 9, 10);
    }

    @Test
    void aLabelFileGivenAsImagesSaysWhatItIs() {
        Path p = dir.resolve("labels");
        IdxWriter.writeLabels(p, new byte[] {1, 2}, false);
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .isInstanceOf(BadFileException.class)
                .hasMessage(p + ": at byte 0: expected the magic number 0x00000803 (IDX images: unsigned bytes,"
                        + " 3 dimensions), found 0x00000801 (IDX labels: unsigned bytes, 1 dimension)");
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readImages(missing)).isInstanceOf(BadFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> IdxReader.readImages(dir)).isInstanceOf(BadFileException.class)
                .hasMessage(dir + ": is a directory, expected a file");
    }

    @Test
    void shortAndLongRawFilesAreRefusedBeforeReading() throws Exception {
        Path p = dir.resolve("imgs");
        byte[] ok = IdxWriter.imageBytes(2, 2, 2, new byte[8]);
        Files.write(p, java.util.Arrays.copyOf(ok, 20));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 20: expected a file of 24 bytes (2 images of 2x2), found end of file after 20 bytes");
        Files.write(p, java.util.Arrays.copyOf(ok, 27));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 24: expected end of file (2 images of 2x2), found 3 more bytes");
    }

    @Test
    void gzipContentShortOrLongIsFoundWhileReading() throws Exception {
        Path p = dir.resolve("imgs.gz");
        byte[] ok = IdxWriter.imageBytes(2, 2, 2, new byte[8]);
        IdxWriter.write(p, java.util.Arrays.copyOf(ok, 20), true);
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 20: expected the pixels of 2 images of 2x2 (8 bytes from byte 16),"
                        + " found end of decompressed data after 4 of them");
        IdxWriter.write(p, java.util.Arrays.copyOf(ok, 25), true);
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 24: expected end of decompressed data (2 images of 2x2), found 1 more byte");
    }

    @Test
    void dimensionProductsAreExact() throws Exception {
        Path p = dir.resolve("imgs");
        // 65536 x 65536 x 1 = 2^32 overflows an int; 2^31-1 cubed overflows a long.
        Files.write(p, header(65536, 65536, 1));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 4: expected sizes whose product is at most 1073741824 bytes,"
                        + " found 65536 x 65536 x 1 = 4294967296");
        Files.write(p, header(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 4: expected sizes whose product is at most 1073741824 bytes,"
                        + " found 2147483647 x 2147483647 x 2147483647 (more than 2^63)");
        Files.write(p, header(-1, 28, 28));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 4: expected the number of images as a positive 32-bit integer,"
                        + " found -1 (4294967295 unsigned)");
        Files.write(p, header(10, 0, 28));
        assertThatThrownBy(() -> IdxReader.readImages(p))
                .hasMessage(p + ": at byte 8: expected the number of rows as a positive 32-bit integer, found 0");
    }

    @Test
    void theCapIsConfigurable() throws Exception {
        Path p = dir.resolve("imgs");
        IdxWriter.writeImages(p, 4, 2, 2, new byte[16], false);
        assertThat(IdxReader.readImages(p, 16).count()).isEqualTo(4);
        assertThatThrownBy(() -> IdxReader.readImages(p, 15))
                .hasMessage(p + ": at byte 4: expected sizes whose product is at most 15 bytes, found 4 x 2 x 2 = 16");
    }

    static byte[] header(int n, int rows, int cols) {
        return java.nio.ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols)
                .array();
    }
}
