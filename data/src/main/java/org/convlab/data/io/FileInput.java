package org.convlab.data.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.convlab.core.BadFileException;

/**
 * A data file opened for sequential reading, raw or gzip-compressed (recognised by its first
 * two bytes, 0x1f 0x8b, not by its name), that counts the bytes read so that every error can
 * name the offset at which it was found.
 *
 * <p>A gzip file is one member or several concatenated ones ({@link GzipMembers}); bytes after
 * the last member are refused like extra bytes in a raw file.
 *
 * <p>For a gzip file, offsets count bytes of the decompressed content, which is what the
 * format's header describes; {@link #content()} says so in messages. Every I/O failure,
 * including a corrupt compressed stream, becomes a {@link BadFileException}.
 */
final class FileInput implements Closeable {
    private static final int BUFFER = 1 << 16;
    /** Deflate never expands data by more than this factor (RFC 1951; zlib's technical notes). */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Trailing bytes counted for a "found N more bytes" message before giving up counting. */
    private static final long MAX_COUNTED_EXTRA = 1 << 20;

    private final Path file;
    private final boolean gzip;
    private final long fileLength;
    private final InputStream in;
    private long position;

    private FileInput(Path file, boolean gzip, long fileLength, InputStream in) {
        this.file = file;
        this.gzip = gzip;
        this.fileLength = fileLength;
        this.in = in;
    }

    /** Opens {@code file}, failing with a clear message when it is missing, a directory or unreadable. */
    static FileInput open(Path file) {
        checkReadableFile(file);
        InputStream raw = null;
        try {
            long length = Files.size(file);
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                InputStream gz = openGzip(file, raw);
                return new FileInput(file, true, length, gz);
            }
            return new FileInput(file, false, length, raw);
        } catch (IOException e) {
            closeQuietly(raw);
            throw cannotRead(file, e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static InputStream openGzip(Path file, InputStream raw) {
        try {
            return new GzipMembers(raw, BUFFER);
        } catch (IOException e) {
            throw new BadFileException(file, 0, "a gzip header", describe(e));
        }
    }

    /** Fails unless {@code file} exists, is a regular file (not a directory) and is readable. */
    static void checkReadableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadFileException(file, "is a directory, expected a file");
        }
        if (!Files.exists(file)) {
            throw new BadFileException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadFileException(file, "is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new BadFileException(file, "cannot be read (permission denied)");
        }
    }

    static BadFileException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BadFileException(file, "no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new BadFileException(file, "cannot be read (permission denied)", e);
        }
        return new BadFileException(file, "cannot be read: " + describe(e), e);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof EOFException) {
            return "the compressed stream cut short" + (m == null ? "" : " (" + m + ")");
        }
        if (e instanceof ZipException) {
            return "damaged compressed data (" + m + ")";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    Path file() {
        return file;
    }

    boolean gzip() {
        return gzip;
    }

    /** The length of the file on disk (compressed length for gzip). */
    long fileLength() {
        return fileLength;
    }

    /** Bytes of content read so far: the offset of the next byte. */
    long position() {
        return position;
    }

    /** How messages name the content: "file" or "decompressed data". */
    String content() {
        return gzip ? "decompressed data" : "file";
    }

    /**
     * Reads up to {@code len} bytes into {@code b[off..]}, stopping early only at the end of
     * the content.
     *
     * @return the number of bytes read; fewer than {@code len} means the content ended
     */
    int readUpTo(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n;
            try {
                n = in.read(b, off + done, len - done);
            } catch (IOException e) {
                throw damaged(e);
            }
            if (n < 0) {
                break;
            }
            done += n;
            position += n;
        }
        return done;
    }

    /**
     * Reads a big-endian 32-bit integer, the field {@code what} at the current offset.
     *
     * @throws BadFileException naming the field's offset when the content ends inside it
     */
    int readInt(String what) {
        long at = position;
        byte[] b = new byte[4];
        int n = readUpTo(b, 0, 4);
        if (n < 4) {
            throw new BadFileException(file, at, what + " (4 bytes)", "end of " + content() + " after "
                    + (at + n) + " bytes");
        }
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /**
     * Reads exactly {@code length} bytes of content, which {@code what} describes for messages.
     *
     * <p>The header that promised {@code length} is not trusted for the allocation: a raw file's
     * length has already been checked against it by the caller, and for gzip the first buffer
     * is capped by what the compressed file could possibly expand to (deflate's ratio is at
     * most 1032:1) and grows only as content actually arrives.
     *
     * @throws BadFileException at the offset where the content ended too early
     */
    byte[] readExactly(int length, String what) {
        long start = position;
        int first = gzip ? (int) Math.min(length, Math.min(Integer.MAX_VALUE - 8L,
                fileLength * MAX_DEFLATE_RATIO + BUFFER)) : length;
        byte[] buf = Memory.bytes(file, first, what);
        int filled = readUpTo(buf, 0, first);
        while (filled == buf.length && filled < length) {
            int next = (int) Math.min(length, 2L * buf.length);
            buf = Arrays.copyOf(buf, next);
            filled += readUpTo(buf, filled, next - filled);
        }
        if (filled < length) {
            throw new BadFileException(file, start + filled, what + " (" + length + " bytes from byte " + start
                    + ")", "end of " + content() + " after " + filled + " of them");
        }
        return buf;
    }

    /**
     * Checks that the content ends here, as the header promised.
     *
     * @throws BadFileException naming the expected end and how many bytes follow it
     */
    void expectEnd(String promise) {
        long end = position;
        if (!atEnd()) {
            long more = 1 + skipRest(MAX_COUNTED_EXTRA);
            String count = more > MAX_COUNTED_EXTRA ? "more than " + MAX_COUNTED_EXTRA : Long.toString(more);
            throw new BadFileException(file, end, "end of " + content() + " (" + promise + ")",
                    count + " more byte" + (more == 1 ? "" : "s"));
        }
    }

    /** Whether the content has ended: reads one byte ahead, and counts it if there is one. */
    boolean atEnd() {
        try {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            position++;
            return false;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /** The rest of the content is skipped and counted (for "found N more bytes" messages), up to {@code max}. */
    long skipRest(long max) {
        long skipped = 0;
        byte[] sink = new byte[8192];
        while (skipped < max) {
            int n = readUpTo(sink, 0, (int) Math.min(sink.length, max - skipped));
            skipped += n;
            if (n < sink.length) {
                break;
            }
        }
        return skipped;
    }

    private BadFileException damaged(IOException e) {
        if (e instanceof GzipMembers.TrailingBytesException t) {
            return new BadFileException(file, t.offset(), "the end of the file after the last gzip member",
                    (fileLength - t.offset()) + " more byte" + (fileLength - t.offset() == 1 ? "" : "s")
                    + " of something else (offset in the compressed file)");
        }
        if (gzip) {
            return new BadFileException(file, position, "a valid gzip stream", describe(e));
        }
        return new BadFileException(file, position, "readable data", describe(e));
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing was written; a failed close of a read stream loses nothing
            }
        }
    }
}
