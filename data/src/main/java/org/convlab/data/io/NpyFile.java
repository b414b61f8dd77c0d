package org.convlab.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.core.BadFileException;
import org.convlab.tensor.Tensor;

/**
 * NumPy's {@code .npy} format for float32 arrays: little-endian ({@code '<f4'}), C order, any
 * rank. The header is read and checked (magic, version, dictionary, dimensions against
 * overflow, data length against the file's) before the array is allocated; every failure is a
 * {@link BadFileException} naming the file, the offset and what was expected.
 *
 * <pre>
 *   "\x93NUMPY" major minor HEADER_LEN (u16 for 1.0, u32 for 2.0/3.0)
 *   {'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 1, 28, 28), }   padded to 64 bytes
 *   data: prod(shape) float32 values, little-endian
 * </pre>
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Most elements read: 2^29 - 4 floats, so that the data fits one Java byte array. */
    static final long MAX_ELEMENTS = (Integer.MAX_VALUE - 16) / 4;
    /** The longest header accepted (NumPy writes well under 1 KiB). */
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DICT = Pattern.compile("\\{.*\\}\\s*", Pattern.DOTALL);

    private NpyFile() {
    }

    /** The float32 array in {@code file} as a tensor of its shape (a 0-d array becomes shape {@code (1)}). */
    public static Tensor read(Path file) {
        FileInput.checkReadableFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            byte[] pre = in.readNBytes(10);
            if (pre.length < 10 || !startsWithMagic(pre)) {
                throw new BadFileException(file, 0, "a .npy file (magic \\x93NUMPY)", describe(pre));
            }
            int major = pre[6] & 0xff;
            if (major < 1 || major > 3) {
                throw new BadFileException(file, 6, ".npy format version 1, 2 or 3", "version " + major + "." + (pre[7] & 0xff));
            }
            long headerLen;
            int headerStart;
            if (major == 1) {
                headerLen = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
                headerStart = 10;
            } else {
                byte[] more = in.readNBytes(2);
                if (more.length < 2) {
                    throw new BadFileException(file, 10, "a 4-byte header length", "the end of the file");
                }
                headerLen = (pre[8] & 0xffL) | (pre[9] & 0xffL) << 8 | (more[0] & 0xffL) << 16 | (more[1] & 0xffL) << 24;
                headerStart = 12;
            }
            if (headerLen > MAX_HEADER || headerStart + headerLen > size) {
                throw new BadFileException(file, 8, "a header length of at most " + Math.min(MAX_HEADER, size - headerStart)
                        + " bytes", headerLen + " bytes");
            }
            byte[] header = in.readNBytes((int) headerLen);
            int[] shape = parseHeader(file, headerStart, new String(header,
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            long count = 1;
            for (int d : shape) {
                count *= d;
                if (count > MAX_ELEMENTS) {
                    throw new BadFileException(file, headerStart, "at most " + MAX_ELEMENTS + " elements",
                            "shape " + shapeText(shape));
                }
            }
            long dataStart = headerStart + headerLen;
            long expected = 4 * count;
            if (size - dataStart != expected) {
                throw new BadFileException(file, dataStart, expected + " bytes of float32 data for shape "
                        + shapeText(shape), (size - dataStart) + " bytes" + (size - dataStart < expected ? " (cut short)" : ""));
            }
            byte[] raw = in.readNBytes((int) expected);
            if (raw.length != expected) {
                throw new BadFileException(file, dataStart + raw.length, expected + " bytes of data", "the end of the file");
            }
            float[] data = new float[(int) count];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return Tensor.wrap(data, shape.length == 0 ? new int[] {1} : shape);
        } catch (IOException e) {
            throw FileInput.cannotRead(file, e);
        }
    }

    private static int[] parseHeader(Path file, int at, String header) {
        if (!DICT.matcher(header).matches()) {
            throw new BadFileException(file, at, "a header dictionary {...}", quote(header));
        }
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new BadFileException(file, at, "a 'descr' entry", quote(header));
        }
        String type = descr.group(1);
        if (!type.equals("<f4")) {
            throw new BadFileException(file, at, "float32 little-endian data (descr '<f4')", "descr '" + type + "'"
                    + (type.equals(">f4") ? " (big-endian)" : ""));
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find()) {
            throw new BadFileException(file, at, "a 'fortran_order' entry", quote(header));
        }
        if (fortran.group(1).equals("True")) {
            throw new BadFileException(file, at, "C order (fortran_order False)", "fortran_order True");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new BadFileException(file, at, "a 'shape' tuple", quote(header));
        }
        String body = shape.group(1).trim();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split(",");
        int n = parts.length - (parts[parts.length - 1].isBlank() ? 1 : 0);
        if (n > 32) {
            throw new BadFileException(file, at, "at most 32 dimensions", n + " in (" + body + ")");
        }
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            String p = parts[i].trim();
            try {
                long v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                dims[i] = (int) v;
            } catch (NumberFormatException e) {
                throw new BadFileException(file, at, "non-negative integer dimensions", "shape (" + body + ")");
            }
        }
        return dims;
    }

    /** Writes {@code t} as a float32 little-endian C-order {@code .npy} (version 1.0), replacing the file only when complete. */
    public static void write(Path file, Tensor t) {
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < t.rank(); i++) {
            dict.append(t.dim(i)).append(t.rank() == 1 ? "," : i + 1 < t.rank() ? ", " : "");
        }
        dict.append("), }");
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        dict.append(" ".repeat(pad)).append('\n');
        byte[] header = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        b.asFloatBuffer().put(t.data(), 0, t.size());
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            try {
                Files.write(tmp, b.array());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be written: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(byte[] b) {
        if (b.length == 0) {
            return "an empty file";
        }
        StringBuilder s = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(6, b.length); i++) {
            s.append(String.format(" %02x", b[i] & 0xff));
        }
        return s.toString();
    }

    private static String quote(String header) {
        String h = header.strip().replaceAll("[\\p{Cntrl}]", "?");
        return "'" + (h.length() > 80 ? h.substring(0, 80) + "..." : h) + "'";
    }

    private static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
