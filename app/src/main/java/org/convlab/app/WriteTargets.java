package org.convlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.core.BadFileException;

/**
 * The checks of a file a command is about to replace, on top of {@link PathOptions#outputFile}:
 * an existing target must be a regular file (a device, a pipe or a socket is refused rather than
 * replaced by a rename), and it must not be one of the command's own inputs.
 */
final class WriteTargets {
    private WriteTargets() {
    }

    /**
     * {@code path} can be written for {@code option} and is none of {@code inputs}.
     *
     * @throws BadFileException naming the path and the option
     */
    static Path regularFile(String option, Path path, Path... inputs) {
        PathOptions.outputFile(option, path);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new BadFileException(path, "is not a regular file (a device, pipe or socket?); " + option
                    + " writes a file, which would replace it");
        }
        for (Path in : inputs) {
            if (in != null && Files.exists(path) && same(path, in)) {
                throw new BadFileException(path, "is also the input " + in + "; " + option
                        + " needs another file name (nothing was written)");
            }
        }
        return path;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
