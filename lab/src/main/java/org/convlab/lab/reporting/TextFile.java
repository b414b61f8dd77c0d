package org.convlab.lab.reporting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.convlab.core.SafeFiles;

/** Writes a UTF-8 text file, creating its folder ({@link SafeFiles}: no links, no devices, no half-written files). */
public final class TextFile {
    private TextFile() {
    }

    /** Writes {@code text} to {@code file}. */
    public static void write(Path file, String text) {
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
        SafeFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
