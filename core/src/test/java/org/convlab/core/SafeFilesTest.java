package org.convlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesARegularFileLeavingNoTemporary() throws IOException {
        Path f = dir.resolve("out.txt");
        SafeFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        SafeFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(listing()).containsExactly("out.txt");
    }

    @Test
    void neverWritesThroughASymbolicLink() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), victim);
        assertThatThrownBy(() -> SafeFiles.write(link, new byte[] {1})).isInstanceOf(BadFileException.class)
                .hasMessage(link + ": is a symbolic link; convlab does not write through links (remove it or choose"
                        + " another name)");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("nowhere.txt"));
        assertThatThrownBy(() -> SafeFiles.write(dangling, new byte[] {1})).hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.exists(dir.resolve("nowhere.txt"))).isFalse();
    }

    @Test
    void refusesDevicesFoldersAndPipesNamingThemInWords() throws Exception {
        assertThatThrownBy(() -> SafeFiles.checkTarget(Path.of("/dev/null")))
                .hasMessage("/dev/null: is not a regular file (a device, pipe or socket); convlab only replaces"
                        + " regular files");
        assertThatThrownBy(() -> SafeFiles.checkTarget(dir)).hasMessage(dir + ": is a folder, not a file");
        Path fifo = dir.resolve("pipe");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThatThrownBy(() -> SafeFiles.write(fifo, new byte[] {1})).hasMessageContaining("not a regular file");
        }
    }

    @Test
    void tellsAMissingFolderALoopAndAFileInThePathApart() throws IOException {
        Path missing = dir.resolve("no-such-folder").resolve("x.png");
        assertThatThrownBy(() -> SafeFiles.write(missing, new byte[] {1}))
                .hasMessage(dir.resolve("no-such-folder") + ": does not exist (the folder for x.png)");
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        assertThatThrownBy(() -> SafeFiles.write(loop.resolve("x.png"), new byte[] {1}))
                .hasMessageContaining("a loop of symbolic links").hasMessageNotContaining("Exception");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> SafeFiles.write(file.resolve("x.png"), new byte[] {1}))
                .hasMessageContaining("part of the path is a file, not a folder").hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> SafeFiles.createFolders(file.resolve("sub")))
                .hasMessageContaining("part of the path is a file, not a folder");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = Files.writeString(dir.resolve("report.html"), "old");
        assertThatThrownBy(() -> SafeFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        })).isInstanceOf(BadFileException.class).hasMessage(f + ": cannot be written: the disk is full");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(listing()).containsExactly("report.html");
    }

    @Test
    void aReadOnlyFolderIsAPermissionProblem() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        ro.toFile().setWritable(false, false);
        try {
            if (Files.isWritable(ro)) {
                return; // root: permissions do not stop it
            }
            assertThatThrownBy(() -> SafeFiles.write(ro.resolve("x"), new byte[] {1}))
                    .hasMessageContaining("permission denied");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
