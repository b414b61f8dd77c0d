package org.convlab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;

/**
 * Checks of the paths given to options, made before a command starts any work, so that a
 * typo in {@code --save} or {@code --out} fails at once rather than after an hour of training.
 *
 * <p>An empty path is a usage error (exit 2, naming the option); a path of the wrong kind
 * (missing, a directory instead of a file, inside a file, unreadable) is a file error (exit 1,
 * naming the path and the option).
 */
final class PathOptions {
    private PathOptions() {
    }

    /** A file to read ({@code --resume}): it exists, is a regular file and can be read. */
    static Path inputFile(String option, Path path) {
        requireNonEmpty(option, path);
        if (!Files.exists(path)) {
            throw new BadFileException(path, "no such file (given to " + option + ")");
        }
        if (Files.isDirectory(path)) {
            throw new BadFileException(path, "is a directory; " + option + " needs a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadFileException(path, "is not a regular file (a pipe or device?); " + option + " needs a file");
        }
        if (!Files.isReadable(path)) {
            throw new BadFileException(path, "cannot be read (permission denied; given to " + option + ")");
        }
        return path;
    }

    /**
     * A file to write ({@code --save}): not a directory, and its folder exists (it is not
     * created, so that a mistyped folder is noticed).
     */
    static Path outputFile(String option, Path path) {
        requireNonEmpty(option, path);
        if (Files.isSymbolicLink(path)) {
            throw new BadFileException(path, "is a symbolic link; " + option + " does not write through links"
                    + " (remove it or choose another name)");
        }
        if (Files.isDirectory(path)) {
            throw new BadFileException(path, "is a directory; " + option + " needs a file name");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new BadFileException(path, "is not a regular file (a device, pipe or socket); " + option
                    + " only replaces regular files");
        }
        Path parent = path.toAbsolutePath().getParent();
        brokenLink(option, path, parent);
        if (parent == null || !Files.exists(parent)) {
            throw new BadFileException(parent == null ? path : parent, "no such folder (for " + option + " " + path
                    + "); create it first");
        }
        if (!Files.isDirectory(parent)) {
            throw new BadFileException(parent, "is not a folder (for " + option + " " + path + ")");
        }
        if (!Files.isWritable(parent)) {
            throw new BadFileException(parent, "is not writable (for " + option + " " + path + ")");
        }
        return path;
    }

    /**
     * A folder to write into ({@code --out}): a directory, or a path that can be created as one
     * (its nearest existing ancestor is a writable directory).
     */
    static Path outputDirectory(String option, Path path) {
        requireNonEmpty(option, path);
        Path p = path.toAbsolutePath();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new BadFileException(path, "is a file, not a folder; " + option + " needs a folder");
        }
        brokenLink(option, path, p);
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        if (!Files.isDirectory(existing)) {
            throw new BadFileException(existing, "is a file, so " + option + " " + path + " cannot be created");
        }
        if (!Files.isWritable(existing)) {
            throw new BadFileException(existing, "is not writable (for " + option + " " + path + ")");
        }
        return path;
    }

    /** A folder to read from that may not exist yet ({@code serve --reports}), but is not a file. */
    static Path optionalInputDirectory(String option, Path path) {
        requireNonEmpty(option, path);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new BadFileException(path, "is a file, not a folder; " + option + " needs a folder");
        }
        return path;
    }

    /** A folder that is a symbolic link leading nowhere or into a loop is named as such, not as missing. */
    private static void brokenLink(String option, Path path, Path folder) {
        if (folder != null && Files.isSymbolicLink(folder) && !Files.exists(folder)) {
            try {
                folder.toRealPath();
            } catch (java.io.IOException e) {
                throw new BadFileException(folder, "is a symbolic link that cannot be followed: "
                        + org.convlab.core.SafeFiles.reason(e) + " (for " + option + " " + path + ")");
            }
        }
    }

    private static void requireNonEmpty(String option, Path path) {
        if (path == null || path.toString().isBlank()) {
            throw new BadParameterException(option, "a path", "");
        }
    }
}
