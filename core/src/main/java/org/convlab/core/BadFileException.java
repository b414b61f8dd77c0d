package org.convlab.core;

import java.nio.file.Path;

/**
 * A file that is missing, unreadable or damaged, reported with the file, the byte offset
 * (when it is known), what was expected and what was found; exit code 1.
 */
public class BadFileException extends ConvlabException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * A damaged file: {@code "<file>: at byte <offset>: expected <expected>, found <found>"}.
     */
    public BadFileException(Path file, long offset, String expected, String found) {
        super(EXIT_RUNTIME, file + ": at byte " + offset + ": expected " + expected + ", found " + found);
        this.file = file;
        this.offset = offset;
    }

    /** A file that cannot be used at all, e.g. missing or a directory: {@code "<file>: <problem>"}. */
    public BadFileException(Path file, String problem) {
        super(EXIT_RUNTIME, file + ": " + problem);
        this.file = file;
        this.offset = -1;
    }

    /** As {@link #BadFileException(Path, String)}, keeping the I/O error that revealed it. */
    public BadFileException(Path file, String problem, Throwable cause) {
        super(EXIT_RUNTIME, file + ": " + problem, cause);
        this.file = file;
        this.offset = -1;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The byte offset of the fault, or -1 when the fault is not at a particular byte. */
    public long offset() {
        return offset;
    }
}
