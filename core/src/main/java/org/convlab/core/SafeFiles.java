package org.convlab.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * The one way convlab writes a file: only a regular file or a new name is replaced (never a
 * device, a pipe, a folder or a symbolic link — a link is not followed, so nothing is written
 * where the user did not point), the bytes go to a temporary file in the same folder that is
 * renamed over the target when complete, and the temporary file is removed when anything fails.
 *
 * <p>Failures are {@link BadFileException}s whose reason is in words ("permission denied",
 * "a loop of symbolic links", "the folder ... does not exist"), never a Java class name.
 */
public final class SafeFiles {
    /** Marks the temporary file of a write in progress: {@code FILE.convlab-tmp-PID}. */
    public static final String TMP_MARK = ".convlab-tmp-";

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (buffered; closed by the caller). */
        void writeTo(OutputStream out) throws IOException;
    }

    private SafeFiles() {
    }

    /**
     * Checks that {@code file} can be written safely: it is absent or a regular file (not a
     * symbolic link, folder, device or pipe), and its folder exists and is a folder.
     *
     * @throws BadFileException naming the path and the reason in words
     */
    public static void checkTarget(Path file) {
        Path abs = file.toAbsolutePath();
        BasicFileAttributes a = attributes(abs);
        if (a != null) {
            if (a.isSymbolicLink()) {
                throw new BadFileException(file, "is a symbolic link; convlab does not write through links"
                        + " (remove it or choose another name)");
            }
            if (a.isDirectory()) {
                throw new BadFileException(file, "is a folder, not a file");
            }
            if (!a.isRegularFile()) {
                throw new BadFileException(file, "is not a regular file (a device, pipe or socket);"
                        + " convlab only replaces regular files");
            }
        }
        checkFolder(file, abs.getParent());
    }

    /** Checks every target before any is written (see {@link #checkTarget}). */
    public static void checkTargets(List<Path> files) {
        for (Path f : files) {
            checkTarget(f);
        }
    }

    /**
     * Writes {@code content} to {@code file} through a temporary file in the same folder, renamed
     * over {@code file} when complete; on any failure the temporary file is removed and
     * {@code file} is left as it was.
     *
     * @throws BadFileException for a target that may not be replaced or a write that failed
     */
    public static void write(Path file, Content content) {
        checkTarget(file);
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + TMP_MARK + ProcessHandle.current().pid());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(false);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BadFileException(file, "cannot be written: its temporary file " + tmp.getFileName()
                    + " already exists (another convlab writing it?)", e);
        } catch (AccessDeniedException e) {
            deleteQuietly(tmp);
            throw new BadFileException(file, "cannot be written: permission denied (in the folder "
                    + abs.getParent() + ")", e);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new BadFileException(file, "cannot be written: " + reason(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes {@code bytes} to {@code file} as {@link #write(Path, Content)} does. */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Creates {@code dir} and its missing parents; an existing path must be a folder.
     *
     * @throws BadFileException naming the path and the reason in words
     */
    public static void createFolders(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BadFileException(dir, "is a file, not a folder", e);
        } catch (IOException e) {
            throw new BadFileException(dir, "cannot be created: " + reason(e), e);
        }
    }

    /** The reason of an I/O failure in words, without Java class names. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + other(e);
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + other(e);
        }
        if (e instanceof NotDirectoryException) {
            return "part of the path is a file, not a folder" + other(e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists" + other(e);
        }
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        String w = why == null ? "" : why.toLowerCase(Locale.ROOT);
        if (w.contains("too many levels of symbolic links")) {
            return "a loop of symbolic links" + other(e);
        }
        if (w.contains("not a directory")) {
            return "part of the path is a file, not a folder" + other(e);
        }
        if (w.contains("no space left")) {
            return "the disk is full" + other(e);
        }
        if (w.contains("read-only file system")) {
            return "the file system is read-only" + other(e);
        }
        if (w.contains("permission denied") || w.contains("operation not permitted")) {
            return "permission denied" + other(e);
        }
        return why == null || why.isBlank() ? "an input/output error" : why;
    }

    /** " (at PATH)" when the failure was about another path than the one the message names. */
    private static String other(IOException e) {
        return e instanceof FileSystemException f && f.getFile() != null ? " (at " + f.getFile() + ")" : "";
    }

    private static void checkFolder(Path file, Path parent) {
        if (parent == null) {
            throw new BadFileException(file, "has no folder to write in");
        }
        BasicFileAttributes p = attributes(parent);
        if (p != null && p.isSymbolicLink()) {
            try {
                parent.toRealPath();
            } catch (IOException e) {
                throw new BadFileException(parent, "cannot hold " + file.getFileName() + ": " + reason(e), e);
            }
        }
        if (p == null) {
            throw new BadFileException(parent, "does not exist (the folder for " + file.getFileName() + ")");
        }
        if (!Files.isDirectory(parent)) {
            throw new BadFileException(parent, "is a file, not a folder (for " + file.getFileName() + ")");
        }
    }

    /** The attributes of {@code path} itself (links not followed), or null when nothing is there. */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BadFileException(path, "cannot be inspected: " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the write already failed and says so
        }
    }
}
