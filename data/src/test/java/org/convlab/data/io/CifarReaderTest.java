package org.convlab.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.convlab.core.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreSplitIntoLabelsAndChannelMajorPixels() throws Exception {
        byte[] file = new byte[2 * CifarReader.RECORD];
        file[0] = 3;
        file[1] = 11; // record 0: red (0, 0)
        file[1 + 1024] = 22; // green (0, 0)
        file[1 + 2048 + 32 + 1] = 33; // blue (1, 1)
        file[CifarReader.RECORD] = 9;
        file[CifarReader.RECORD + 3072] = 44; // record 1: blue (31, 31)
        Path p = dir.resolve("data_batch_1.bin");
        Files.write(p, file);
        CifarRecords r = CifarReader.read(p);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.labels()).containsExactly(3, 9);
        assertThat(r.pixels()[0]).isEqualTo((byte) 11);
        assertThat(r.pixels()[1024]).isEqualTo((byte) 22);
        assertThat(r.pixels()[2048 + 33]).isEqualTo((byte) 33);
        assertThat(r.pixels()[3072 + 3071]).isEqualTo((byte) 44);
    }

    @Test
    void writerAndReaderAgree() {
        Random r = new Random(5);
        byte[] pixels = new byte[7 * 3072];
        r.nextBytes(pixels);
        byte[] labels = {0, 1, 2, 9, 8, 5, 5};
        Path p = dir.resolve("b.bin");
        CifarWriter.write(p, pixels, labels);
        CifarRecords back = CifarReader.read(p);
        assertThat(back.pixels()).isEqualTo(pixels);
        assertThat(back.labels()).isEqualTo(labels);
    }

    @Test
    void lengthLabelsAndCompressionAreChecked() throws Exception {
        Path p = dir.resolve("b.bin");
        byte[] ok = CifarWriter.bytes(new byte[2 * 3072], new byte[] {1, 2});
        Files.write(p, Arrays.copyOf(ok, 3073 + 100));
        assertThatThrownBy(() -> CifarReader.read(p)).isInstanceOf(BadFileException.class)
                .hasMessage(p + ": at byte 3073: expected records of 3073 bytes (1 label + 3072 pixels), so a length"
                        + " divisible by 3073, found a partial record of 100 bytes (file length 3173)");
        Files.write(p, new byte[0]);
        assertThatThrownBy(() -> CifarReader.read(p))
                .hasMessage(p + ": at byte 0: expected at least one record of 3073 bytes, found an empty file");
        byte[] badLabel = ok.clone();
        badLabel[3073] = 10;
        Files.write(p, badLabel);
        assertThatThrownBy(() -> CifarReader.read(p))
                .hasMessage(p + ": at byte 3073: expected a label in 0..9, found 10");
        IdxWriter.write(p, ok, true);
        assertThatThrownBy(() -> CifarReader.read(p))
                .hasMessage(p + ": at byte 0: expected a raw CIFAR-10 binary batch (records of 3073 bytes), found"
                        + " gzip-compressed data (unpack it first, e.g. with gunzip)");
        Files.write(p, ok);
        assertThat(CifarReader.count(p, 1L << 30)).isEqualTo(2);
        assertThatThrownBy(() -> CifarReader.count(p, 3072))
                .hasMessage(p + ": at byte 0: expected at most 3072 bytes of pixels, found 2 records = 6144 bytes");
    }
}
