package org.convlab.data.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;

/**
 * Writes IDX image and label files (raw or gzip), the format {@link IdxReader} reads: used to
 * export data sets (e.g. the synthetic one) and by tests that need files in the real format.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** The bytes of an IDX image file: {@code pixels} is (count, rows, cols). */
    public static byte[] imageBytes(int count, int rows, int cols, byte[] pixels) {
        if (count < 0 || rows < 0 || cols < 0 || (long) count * rows * cols != pixels.length) {
            throw new BadParameterException("pixels", count + " x " + rows + " x " + cols + " bytes", pixels.length);
        }
        ByteBuffer b = ByteBuffer.allocate(IdxReader.IMAGES_HEADER + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** The bytes of an IDX label file. */
    public static byte[] labelBytes(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(IdxReader.LABELS_HEADER + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }

    /** Writes an IDX image file, gzip-compressed when {@code gzip}. */
    public static void writeImages(Path file, int count, int rows, int cols, byte[] pixels, boolean gzip) {
        write(file, imageBytes(count, rows, cols, pixels), gzip);
    }

    /** Writes an IDX label file, gzip-compressed when {@code gzip}. */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) {
        write(file, labelBytes(labels), gzip);
    }

    /** {@code content} gzip-compressed. */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code content} to {@code file}, compressed when {@code gzip}. */
    public static void write(Path file, byte[] content, boolean gzip) {
        SafeFiles.write(file, gzip ? gzip(content) : content);
    }
}
