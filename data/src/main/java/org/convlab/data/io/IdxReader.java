package org.convlab.data.io;

import java.nio.file.Path;
import org.convlab.core.BadFileException;

/**
 * Reads the IDX files of MNIST, Fashion-MNIST and KMNIST (raw or gzip), validating every
 * header field before anything is allocated.
 *
 * <p>The format (big-endian): a magic number {@code 0x0000TTRR} — two zero bytes, the element
 * type {@code TT} ({@code 0x08} = unsigned byte) and the rank {@code RR} — then one 32-bit
 * size per dimension, then the elements. Images are {@code 0x00000803} = 2051 with sizes
 * (count, rows, cols); labels are {@code 0x00000801} = 2049 with size (count).
 *
 * <p>Checks, in order: the magic number for the file's role; every size positive; the product
 * of the sizes (computed exactly) at most {@code maxBytes}; for a raw file, the file length
 * equal to header plus elements (before any allocation); for gzip, the content neither shorter
 * nor longer than promised; every label below the class count. A failure is a
 * {@link BadFileException}: {@code "<file>: at byte <offset>: expected <what>, found <what>"}.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Header length of an image file: magic and three sizes. */
    public static final int IMAGES_HEADER = 16;
    /** Header length of a label file: magic and one size. */
    public static final int LABELS_HEADER = 8;
    /** Default cap on the pixel bytes of one file (1 GiB), far above any MNIST-family file. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private IdxReader() {
    }

    /** Reads an image file with the default cap of {@link #DEFAULT_MAX_BYTES}. */
    public static IdxImages readImages(Path file) {
        return readImages(file, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads an IDX image file.
     *
     * @param maxBytes the largest pixel content accepted (at most 2^31 - 9, a Java array)
     * @throws BadFileException when the file is missing, unreadable or not a valid image file
     */
    public static IdxImages readImages(Path file, long maxBytes) {
        long cap = Math.min(maxBytes, Integer.MAX_VALUE - 8L);
        try (FileInput in = FileInput.open(file)) {
            checkMagic(in, IMAGES_MAGIC);
            int count = readSize(in, "the number of images");
            int rows = readSize(in, "the number of rows");
            int cols = readSize(in, "the number of columns");
            long bytes = product(in, cap, count, rows, cols);
            String promise = count + " images of " + rows + "x" + cols;
            checkRawLength(in, IMAGES_HEADER, bytes, promise);
            byte[] pixels = in.readExactly((int) bytes, "the pixels of " + promise);
            in.expectEnd(promise);
            return new IdxImages(file, count, rows, cols, pixels);
        }
    }

    /**
     * Reads an IDX label file whose labels must lie in {@code 0..classes-1}.
     *
     * @throws BadFileException when the file is invalid or a label is out of range (naming
     *         the first such label's offset)
     */
    public static byte[] readLabels(Path file, int classes) {
        try (FileInput in = FileInput.open(file)) {
            checkMagic(in, LABELS_MAGIC);
            int count = readSize(in, "the number of labels");
            long bytes = product(in, DEFAULT_MAX_BYTES, count);
            String promise = count + " labels";
            checkRawLength(in, LABELS_HEADER, bytes, promise);
            byte[] labels = in.readExactly(count, "the " + promise);
            in.expectEnd(promise);
            checkLabels(file, labels, LABELS_HEADER, 1, classes);
            return labels;
        }
    }

    /** Fails at the first label (every {@code stride}-th byte from {@code offset}) not below {@code classes}. */
    static void checkLabels(Path file, byte[] labels, long offset, long stride, int classes) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= classes) {
                throw new BadFileException(file, offset + i * stride, "a label in 0.." + (classes - 1),
                        Integer.toString(label));
            }
        }
    }

    private static void checkMagic(FileInput in, int expected) {
        String what = "the magic number " + hex(expected) + " (" + role(expected) + ")";
        int magic = in.readInt(what);
        if (magic != expected) {
            String found = hex(magic) + text(magic);
            String role = role(magic);
            throw new BadFileException(in.file(), 0, what, found + (role.isEmpty() ? "" : " (" + role + ")"));
        }
    }

    private static String role(int magic) {
        return switch (magic) {
            case IMAGES_MAGIC -> "IDX images: unsigned bytes, 3 dimensions";
            case LABELS_MAGIC -> "IDX labels: unsigned bytes, 1 dimension";
            default -> (magic >>> 16) == 0 ? "IDX type 0x" + String.format("%02x", (magic >>> 8) & 0xff)
                    + ", " + (magic & 0xff) + " dimensions" : "";
        };
    }

    /** The four bytes as text, e.g. {@code " (text \"<htm\")"}, when they are all printable ASCII. */
    private static String text(int v) {
        StringBuilder s = new StringBuilder();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int b = (v >>> shift) & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return "";
            }
            s.append((char) b);
        }
        return " (text \"" + s + "\")";
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    private static int readSize(FileInput in, String what) {
        long at = in.position();
        int v = in.readInt(what);
        if (v <= 0) {
            throw new BadFileException(in.file(), at, what + " as a positive 32-bit integer",
                    Integer.toString(v) + (v < 0 ? " (" + Integer.toUnsignedString(v) + " unsigned)" : ""));
        }
        return v;
    }

    /** The exact product of the sizes, or a failure at the first size's offset when it exceeds {@code cap}. */
    private static long product(FileInput in, long cap, int... sizes) {
        long at = in.position() - 4L * sizes.length;
        StringBuilder dims = new StringBuilder();
        long p = 1;
        boolean overflow = false;
        for (int s : sizes) {
            dims.append(dims.length() == 0 ? "" : " x ").append(s);
            if (!overflow) {
                try {
                    p = Math.multiplyExact(p, (long) s);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (overflow || p > cap) {
            throw new BadFileException(in.file(), at, "sizes whose product is at most " + cap + " bytes",
                    dims + (overflow ? " (more than 2^63)" : " = " + p));
        }
        return p;
    }

    /** For a raw file, the length must be exactly header plus content; checked before allocating. */
    static void checkRawLength(FileInput in, long header, long content, String promise) {
        if (in.gzip()) {
            return;
        }
        long expected = header + content;
        long actual = in.fileLength();
        if (actual < expected) {
            throw new BadFileException(in.file(), actual, "a file of " + expected + " bytes (" + promise + ")",
                    "end of file after " + actual + " bytes");
        }
        if (actual > expected) {
            long more = actual - expected;
            throw new BadFileException(in.file(), expected, "end of file (" + promise + ")",
                    more + " more byte" + (more == 1 ? "" : "s"));
        }
    }
}
