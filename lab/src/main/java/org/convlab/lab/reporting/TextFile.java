package org.convlab.lab.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.core.BadFileException;

/** Writes a UTF-8 text file, creating its folder. */
public final class TextFile {
    private TextFile() {
    }

    /** Writes {@code text} to {@code file}. */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be written: " + e.getMessage(), e);
        }
    }
}
