package org.convlab.data.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The decompressed content of a gzip file (RFC 1952): one member, or several members one after
 * another (what {@code cat a.gz b.gz} makes), each checked against its CRC-32 and length — and
 * nothing else.
 *
 * <p>{@link java.util.zip.GZIPInputStream} stops silently at bytes after a member that do not
 * start another one, so a gzip file with garbage appended would load while a raw file with the
 * same garbage is refused. Here any byte after the last member that does not begin a valid
 * member header is an error ({@link TrailingBytesException}), like extra bytes in a raw file.
 */
final class GzipMembers extends InputStream {
    private static final int FTEXT_HCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    /** Bytes after the last gzip member that are not another member. */
    static final class TrailingBytesException extends ZipException {
        private static final long serialVersionUID = 1L;
        private final long offset;

        TrailingBytesException(long offset) {
            super("bytes after the end of the gzip data at byte " + offset + " of the file, not another gzip member");
            this.offset = offset;
        }

        /** Where in the (compressed) file the stray bytes begin. */
        long offset() {
            return offset;
        }
    }

    private final InputStream in;
    private final byte[] buf;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] one = new byte[1];
    private int bufStart;
    private int bufEnd;
    private long fileOffset;
    private boolean done;

    /** Reads the first member's header from {@code in}; fails with a {@link ZipException} if it is not one. */
    GzipMembers(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buf = new byte[bufferSize];
        readHeader();
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                bufStart = bufEnd - inflater.getRemaining();
                readTrailer();
                nextMemberOrEnd();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("a deflate stream that needs a preset dictionary");
            } else if (inflater.needsInput()) {
                if (bufStart == bufEnd && !fill()) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                inflater.setInput(buf, bufStart, bufEnd - bufStart);
                bufStart = bufEnd;
            }
        }
        return -1;
    }

    private void nextMemberOrEnd() throws IOException {
        long at = fileOffset - (bufEnd - bufStart);
        int b0 = peekByte();
        if (b0 < 0) {
            done = true;
            return;
        }
        if (b0 != 0x1f) {
            throw new TrailingBytesException(at);
        }
        try {
            readHeader();
        } catch (ZipException | EOFException e) {
            throw new TrailingBytesException(at);
        }
        inflater.reset();
        crc.reset();
    }

    private void readHeader() throws IOException {
        if (nextByte() != 0x1f || nextByte() != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        if (nextByte() != 8) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = nextByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("reserved gzip header flags set");
        }
        skip(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skip(nextByte() | nextByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FTEXT_HCRC) != 0) {
            skip(2);
        }
    }

    private void readTrailer() throws IOException {
        long storedCrc = uint32();
        long storedSize = uint32();
        if (storedCrc != crc.getValue() || storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("Corrupt GZIP trailer");
        }
    }

    private long uint32() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) nextByte() << (8 * i);
        }
        return v;
    }

    private void skipZeroTerminated() throws IOException {
        while (nextByte() != 0) {
            // a file name or comment: not needed
        }
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            nextByte();
        }
    }

    /** The next compressed byte, which must exist. */
    private int nextByte() throws IOException {
        if (bufStart == bufEnd && !fill()) {
            throw new EOFException("Unexpected end of gzip data");
        }
        return buf[bufStart++] & 0xff;
    }

    /** The next compressed byte without consuming it, or -1 at the end of the file. */
    private int peekByte() throws IOException {
        if (bufStart == bufEnd && !fill()) {
            return -1;
        }
        return buf[bufStart] & 0xff;
    }

    /** Refills the buffer once it is used up; false at the end of the file. */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            bufStart = 0;
            bufEnd = 0;
            return false;
        }
        bufStart = 0;
        bufEnd = n;
        fileOffset += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
