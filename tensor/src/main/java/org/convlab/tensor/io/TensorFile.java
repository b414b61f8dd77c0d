package org.convlab.tensor.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/**
 * Reads and writes files of named tensors (the format is in {@code package-info}).
 *
 * <p>Writing is crash-safe: the data goes to a temporary file in the same folder, which is
 * forced to disk; the current file, if any, is hard-linked (or copied) to {@code FILE.bak};
 * then the temporary file is renamed atomically over {@code FILE} and the folder is forced.
 * At every moment {@code FILE} is either the complete old version or the complete new one.
 */
public final class TensorFile {
    static final byte[] MAGIC = "CVLBTNSR".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int MAX_METADATA = 1 << 20;
    static final int MAX_TENSORS = 65_536;
    static final int MAX_NAME = 1024;
    static final int MAX_RANK = 8;
    private static final String TMP_MARK = ".tmp-";

    private TensorFile() {
    }

    /** What a file holds: its metadata and its tensors in file order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    /** The path of the previous version kept beside {@code file}. */
    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code file}, atomically replacing it and
     * keeping its previous version as {@link #backupOf(Path) FILE.bak}.
     *
     * @throws BadParameterException for names, metadata or tensors the format cannot hold
     * @throws BadFileException      when the folder cannot be written
     */
    public static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) {
        byte[] meta = encodeMetadata(metadata);
        if (tensors.size() > MAX_TENSORS) {
            throw new BadParameterException("tensors", "at most " + MAX_TENSORS, tensors.size());
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadFileException(file, "the folder to save in does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new BadFileException(file, "is a directory, not a file");
        }
        SafeFiles.checkTarget(file); // no device, pipe or symbolic link is ever replaced
        removeStaleTemporaries(abs);
        Path tmp = abs.resolveSibling(abs.getFileName() + TMP_MARK + ProcessHandle.current().pid());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32C crc = new CRC32C();
                OutputStream out = new CheckedOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), crc);
                out.write(MAGIC);
                writeInt(out, VERSION);
                writeInt(out, meta.length);
                out.write(meta);
                writeInt(out, tensors.size());
                for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                    writeEntry(out, e.getKey(), e.getValue());
                }
                out.flush();
                writeInt(Channels.newOutputStream(ch), (int) crc.getValue());
                ch.force(true);
            }
            if (Files.exists(abs)) {
                keepBackup(abs);
            }
            moveAtomically(tmp, abs);
            forceFolder(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new BadFileException(file, "cannot be written: " + describe(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Reads a whole file, checking every length before allocating and the checksum before
     * returning.
     *
     * @throws BadFileException naming the file, the byte offset, what was expected and found
     */
    public static Contents read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadFileException(file, "is a directory, not a checkpoint file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A pipe or device: its size says nothing and opening it may block until a writer comes.
            throw new BadFileException(file, "is not a regular file (a pipe or device?), not a checkpoint file");
        }
        long length;
        try {
            length = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadFileException(file, "does not exist");
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read: " + describe(e), e);
        }
        try (InputStream raw = Files.newInputStream(file)) {
            CRC32C crc = new CRC32C();
            Reader in = new Reader(file, length, new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc));
            return in.readAll(crc);
        } catch (AccessDeniedException e) {
            throw new BadFileException(file, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read: " + describe(e), e);
        }
    }

    private static void writeEntry(OutputStream out, String name, Tensor t) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length < 1 || n.length > MAX_NAME) {
            throw new BadParameterException("tensor name", "1.." + MAX_NAME + " UTF-8 bytes", name);
        }
        int[] dims = t.shape().dims();
        if (dims.length > MAX_RANK) {
            throw new BadParameterException("tensor " + name, "rank at most " + MAX_RANK, dims.length);
        }
        out.write(n.length & 0xff);
        out.write(n.length >>> 8);
        out.write(n);
        out.write(dims.length);
        for (int d : dims) {
            writeInt(out, d);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 15).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = t.data();
        for (int i = 0; i < data.length; ) {
            buf.clear();
            int m = Math.min(data.length - i, buf.capacity() / 4);
            buf.asFloatBuffer().put(data, i, m);
            out.write(buf.array(), 0, m * 4);
            i += m;
        }
    }

    private static byte[] encodeMetadata(Map<String, String> metadata) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k.isEmpty() || k.contains("=") || k.contains("\n") || v.contains("\n")) {
                throw new BadParameterException("metadata", "keys without '=' or newlines and one-line values",
                        k + "=" + v);
            }
            s.append(k).append('=').append(v).append('\n');
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_METADATA) {
            throw new BadParameterException("metadata", "at most " + MAX_METADATA + " bytes", b.length + " bytes");
        }
        return b;
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void keepBackup(Path file) throws IOException {
        Path bak = backupOf(file);
        Path bakTmp = bak.resolveSibling(bak.getFileName() + TMP_MARK + ProcessHandle.current().pid());
        Files.deleteIfExists(bakTmp);
        try {
            Files.createLink(bakTmp, file);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(file, bakTmp, StandardCopyOption.REPLACE_EXISTING);
        }
        moveAtomically(bakTmp, bak);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a folder; the rename is still atomic.
        }
    }

    /** Deletes temporaries left by saves that were killed (only this file's, only ours). */
    private static void removeStaleTemporaries(Path file) {
        String prefix = file.getFileName() + TMP_MARK;
        String bakPrefix = backupOf(file).getFileName() + TMP_MARK;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(file.getParent())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if ((n.startsWith(prefix) || n.startsWith(bakPrefix)) && isDeadPid(n.substring(n.lastIndexOf('-') + 1))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Best effort: a stale temporary wastes space but never replaces the file.
        }
    }

    private static boolean isDeadPid(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p != ProcessHandle.current().pid() && ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    /** Parses the format from a stream, tracking the byte offset for error messages. */
    private static final class Reader {
        private final Path file;
        private final long length;
        private final DataInputStream in;
        private long offset;

        Reader(Path file, long length, InputStream in) {
            this.file = file;
            this.length = length;
            this.in = new DataInputStream(in);
        }

        Contents readAll(CRC32C crc) throws IOException {
            long minimum = MAGIC.length + 4 + 4 + 4 + 4;
            if (length < minimum) {
                throw bad(0, "at least " + minimum + " bytes (header and checksum)", length + " bytes");
            }
            byte[] magic = bytes(MAGIC.length, "the magic bytes");
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw bad(0, "magic \"CVLBTNSR\" (a convlab checkpoint)", "\"" + printable(magic) + "\"");
                }
            }
            long at = offset;
            long version = u32();
            if (version != VERSION) {
                throw bad(at, "version " + VERSION, Long.toString(version));
            }
            at = offset;
            long metaLength = u32();
            if (metaLength > MAX_METADATA || metaLength > remaining()) {
                throw bad(at, "metadata length at most " + Math.min(MAX_METADATA, remaining()), Long.toString(metaLength));
            }
            Map<String, String> metadata = decodeMetadata(at + 4, bytes((int) metaLength, "metadata"));
            at = offset;
            long count = u32();
            if (count > MAX_TENSORS) {
                throw bad(at, "a tensor count at most " + MAX_TENSORS, Long.toString(count));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (long t = 0; t < count; t++) {
                readEntry(tensors, t);
            }
            long sumAt = offset;
            if (remaining() != 4) {
                throw bad(sumAt, "the 4-byte checksum to end the file", (length - sumAt) + " bytes left");
            }
            int computed = (int) crc.getValue();
            int stored = Integer.reverseBytes(in.readInt());
            if (computed != stored) {
                throw bad(sumAt, String.format("checksum %08x (computed over the file)", computed),
                        String.format("%08x: the file is damaged", stored));
            }
            return new Contents(metadata, tensors);
        }

        private void readEntry(Map<String, Tensor> tensors, long index) throws IOException {
            long at = offset;
            int nameLength = u8() | (u8() << 8);
            if (nameLength < 1 || nameLength > MAX_NAME || nameLength > remaining()) {
                throw bad(at, "tensor " + index + ": a name length in 1.." + MAX_NAME, Integer.toString(nameLength));
            }
            String name = new String(bytes(nameLength, "a tensor name"), StandardCharsets.UTF_8);
            if (tensors.containsKey(name)) {
                throw bad(at, "unique tensor names", "'" + name + "' twice");
            }
            at = offset;
            int rank = u8();
            if (rank > MAX_RANK) {
                throw bad(at, "tensor '" + name + "': rank at most " + MAX_RANK, Integer.toString(rank));
            }
            int[] dims = new int[rank];
            long product = 1;
            for (int d = 0; d < rank; d++) {
                at = offset;
                long v = u32();
                if (v < 1 || v > Integer.MAX_VALUE) {
                    throw bad(at, "tensor '" + name + "': dimension " + d + " in 1..2^31-1", Long.toString(v));
                }
                dims[d] = (int) v;
                product = Math.multiplyExact(product, v);
                if (product > Integer.MAX_VALUE - 8) {
                    throw bad(at, "tensor '" + name + "': at most 2^31-9 elements", "a product of " + product);
                }
            }
            at = offset;
            if (product * 4 > remaining() - 4) {
                throw bad(at, "tensor '" + name + "': " + product * 4 + " bytes of values",
                        Math.max(0, remaining() - 4) + " bytes left before the checksum");
            }
            float[] data = new float[(int) product];
            byte[] chunk = new byte[(int) Math.min(1 << 15, product * 4)];
            ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; ) {
                int m = Math.min(data.length - i, chunk.length / 4);
                readFully(chunk, m * 4);
                buf.clear();
                buf.asFloatBuffer().get(data, i, m);
                i += m;
            }
            tensors.put(name, Tensor.wrap(data, Shape.of(dims)));
        }

        private Map<String, String> decodeMetadata(long at, byte[] b) {
            Map<String, String> m = new LinkedHashMap<>();
            String text = new String(b, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw bad(at, "metadata lines of the form key=value", "'" + line + "'");
                }
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return m;
        }

        private long remaining() {
            return length - offset;
        }

        private int u8() throws IOException {
            if (remaining() < 1) {
                throw bad(offset, "1 more byte", "the end of the file");
            }
            int v = in.read();
            if (v < 0) {
                throw bad(offset, "1 more byte", "the end of the file");
            }
            offset++;
            return v;
        }

        private long u32() throws IOException {
            if (remaining() < 4) {
                throw bad(offset, "4 more bytes", remaining() + " (the end of the file)");
            }
            try {
                int v = Integer.reverseBytes(in.readInt());
                offset += 4;
                return v & 0xffffffffL;
            } catch (EOFException e) {
                throw bad(offset, "4 more bytes", "the end of the file");
            }
        }

        private byte[] bytes(int n, String what) throws IOException {
            if (n > remaining()) {
                throw bad(offset, n + " bytes of " + what, remaining() + " bytes left");
            }
            byte[] b = new byte[n];
            readFully(b, n);
            return b;
        }

        private void readFully(byte[] b, int n) throws IOException {
            try {
                in.readFully(b, 0, n);
            } catch (EOFException e) {
                throw bad(offset, n + " more bytes", "the end of the file (it shrank while being read)");
            }
            offset += n;
        }

        private BadFileException bad(long at, String expected, String found) {
            return new BadFileException(file, at, expected, found);
        }

        private static String printable(byte[] b) {
            StringBuilder s = new StringBuilder();
            for (byte x : b) {
                s.append(x >= 32 && x < 127 ? (char) x : '?');
            }
            return s.toString();
        }
    }
}
