package org.convlab.data.io;

import java.nio.file.Path;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;

/**
 * Reads the binary version of CIFAR-10 ({@code data_batch_1.bin} ... {@code test_batch.bin}):
 * records of 1 label byte (0..9) followed by 3,072 pixel bytes, the 32x32 red plane, then
 * green, then blue, each row-major — so a record's pixels are already (C, H, W).
 *
 * <p>Checks before allocating: the file is raw (a gzip file is refused with a hint), its length
 * is a positive multiple of 3,073 and the pixels fit the cap; while reading: every label in
 * 0..9. Failures are {@link BadFileException}s naming the file, the offset, expected and found.
 */
public final class CifarReader {
    /** Bytes per record: a label and 3 x 32 x 32 pixels. */
    public static final int RECORD = 3073;
    /** Pixel bytes per record. */
    public static final int PIXELS = 3072;
    /** Image side. */
    public static final int SIDE = 32;
    /** Colour channels. */
    public static final int CHANNELS = 3;
    /** Labels are 0..CLASSES-1. */
    public static final int CLASSES = 10;

    private static final int RECORDS_PER_READ = 256;

    private CifarReader() {
    }

    /**
     * The number of records in {@code file}, after checking that it is a raw CIFAR-10 batch
     * file whose length is a positive multiple of {@link #RECORD} and whose pixels fit {@code maxBytes}.
     */
    public static int count(Path file, long maxBytes) {
        try (FileInput in = FileInput.open(file)) {
            if (in.gzip()) {
                throw new BadFileException(file, 0, "a raw CIFAR-10 binary batch (records of 3073 bytes)",
                        "gzip-compressed data (unpack it first, e.g. with gunzip)");
            }
            long length = in.fileLength();
            if (length == 0) {
                throw new BadFileException(file, 0, "at least one record of " + RECORD + " bytes", "an empty file");
            }
            long partial = length % RECORD;
            if (partial != 0) {
                throw new BadFileException(file, length - partial, "records of " + RECORD
                        + " bytes (1 label + 3072 pixels), so a length divisible by " + RECORD,
                        "a partial record of " + partial + " bytes (file length " + length + ")");
            }
            long records = length / RECORD;
            long cap = Math.min(maxBytes, Integer.MAX_VALUE - 8L);
            if (records * PIXELS > cap) {
                throw new BadFileException(file, 0, "at most " + cap + " bytes of pixels",
                        records + " records = " + records * PIXELS + " bytes");
            }
            return (int) records;
        }
    }

    /**
     * Reads {@code records} records (as counted by {@link #count}) into {@code pixels} from
     * index {@code pixelOffset} (record r's image at {@code pixelOffset + r * 3072}) and
     * {@code labels} from {@code labelOffset}.
     *
     * @throws BadFileException when a label is not in 0..9 or the file changed since it was counted
     */
    public static void readInto(Path file, int records, byte[] pixels, int pixelOffset, byte[] labels,
                                int labelOffset) {
        if (records < 0 || pixelOffset < 0 || labelOffset < 0
                || (long) pixelOffset + (long) records * PIXELS > pixels.length
                || (long) labelOffset + records > labels.length) {
            throw new BadParameterException("records", "room for " + records + " records in the arrays given",
                    records);
        }
        byte[] chunk = new byte[RECORDS_PER_READ * RECORD];
        try (FileInput in = FileInput.open(file)) {
            int done = 0;
            while (done < records) {
                int n = Math.min(RECORDS_PER_READ, records - done);
                long start = in.position();
                int got = in.readUpTo(chunk, 0, n * RECORD);
                if (got < n * RECORD) {
                    throw new BadFileException(file, start + got, records + " records of " + RECORD + " bytes",
                            "end of file after " + (start + got) + " bytes (did it change while read?)");
                }
                for (int r = 0; r < n; r++) {
                    int label = chunk[r * RECORD] & 0xff;
                    if (label >= CLASSES) {
                        throw new BadFileException(file, start + (long) r * RECORD, "a label in 0.." + (CLASSES - 1),
                                Integer.toString(label));
                    }
                    labels[labelOffset + done + r] = (byte) label;
                    System.arraycopy(chunk, r * RECORD + 1, pixels, pixelOffset + (done + r) * PIXELS, PIXELS);
                }
                done += n;
            }
            in.expectEnd(records + " records");
        }
    }

    /** Reads a whole batch file with the default cap. */
    public static CifarRecords read(Path file) {
        int n = count(file, IdxReader.DEFAULT_MAX_BYTES);
        byte[] pixels = Memory.bytes(file, n * PIXELS, "the pixels of " + n + " CIFAR-10 images");
        byte[] labels = new byte[n];
        readInto(file, n, pixels, 0, labels, 0);
        return new CifarRecords(file, n, pixels, labels);
    }
}
