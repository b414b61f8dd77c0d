package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that writes refuses a target that is a symbolic link, a device, a pipe or a
 * folder, checks all its targets before writing the first, leaves no temporary file behind,
 * and says what is wrong in words: {@code train --save}, {@code data --out} (the sample PNG)
 * and {@code data --export} (the four IDX files), each against each kind of bad target.
 */
class SafeWritesTableTest {
    private static final String DATA = "synthetic:train=1010,test=20";

    @TempDir
    Path dir;

    /** Puts a bad target of {@code kind} at {@code path}; returns the words the message must contain. */
    private String badTarget(String kind, Path path) throws Exception {
        switch (kind) {
            case "link" -> {
                Files.createSymbolicLink(path, Files.writeString(dir.resolve("victim"), "keep me"));
                return "symbolic link";
            }
            case "dangling-link" -> {
                Files.createSymbolicLink(path, dir.resolve("created-through-link"));
                return "symbolic link";
            }
            case "device" -> {
                Files.createSymbolicLink(path, Path.of("/dev/null"));
                return "symbolic link";
            }
            case "fifo" -> {
                if (new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
                    Files.createDirectory(path);
                    return "folder";
                }
                return "not a regular file";
            }
            case "folder" -> {
                Files.createDirectory(path);
                Files.writeString(path.resolve("inside"), "x");
                return "director";
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"link", "dangling-link", "device", "fifo", "folder"})
    void trainSaveRefusesABadTargetBeforeTraining(String kind) throws Exception {
        Path ckpt = dir.resolve("run.ckpt");
        String words = badTarget(kind, ckpt);
        Cli r = Cli.run("train", "--data", DATA, "--limit", "8", "--epochs", "1", "--save", ckpt.toString());
        assertRefused(r, ckpt, words.equals("director") ? "directory" : words);
        assertUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"link", "dangling-link", "device", "fifo", "folder"})
    void dataOutRefusesABadSamplePng(String kind) throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path png = out.resolve("synthetic-samples.png");
        String words = badTarget(kind, png);
        Cli r = Cli.run("data", "--data", DATA, "--out", out.toString());
        assertRefused(r, png, words.equals("director") ? "folder" : words);
        assertUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"link", "dangling-link", "device", "fifo", "folder"})
    void dataExportChecksEveryTargetBeforeWritingTheFirst(String kind) throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path export = Files.createDirectory(dir.resolve("export"));
        Path last = export.resolve("t10k-labels-idx1-ubyte.gz");
        String words = badTarget(kind, last);
        Cli r = Cli.run("data", "--data", DATA, "--out", out.toString(), "--export", export.toString());
        assertRefused(r, last, words.equals("director") ? "folder" : words);
        assertThat(listing(out)).as("nothing written to --out").isEmpty();
        assertThat(listing(export)).as("nothing else written to --export").containsExactly(last.getFileName().toString());
        assertUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"loop", "file-in-path", "missing"})
    void pathProblemsAreToldApartInWords(String kind) throws Exception {
        Path folder = switch (kind) {
            case "loop" -> Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
            case "file-in-path" -> Files.writeString(dir.resolve("plain"), "x");
            default -> dir.resolve("no-such-folder");
        };
        Cli r = Cli.run("train", "--data", DATA, "--limit", "8", "--epochs", "1", "--save",
                folder.resolve("run.ckpt").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        String err = r.err().strip();
        assertThat(err).doesNotContain("\n").doesNotContain("Exception").contains(folder.toString());
        switch (kind) {
            case "loop" -> assertThat(err).containsAnyOf("loop of symbolic links", "not a folder");
            case "file-in-path" -> assertThat(err).contains("not a folder");
            default -> assertThat(err).contains("no such folder");
        }
    }

    private void assertRefused(Cli r, Path target, String words) {
        String shown = r.err().strip();
        assertThat(r.exit()).as(shown).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(shown).doesNotContain("\n").contains(target.toString()).contains(words)
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    /** The link's victim is intact, nothing was created through a link, no temporary file is left anywhere. */
    private void assertUntouched() throws IOException {
        Path victim = dir.resolve("victim");
        if (Files.exists(victim)) {
            assertThat(Files.readString(victim)).isEqualTo("keep me");
        }
        assertThat(Files.exists(dir.resolve("created-through-link"))).isFalse();
        try (Stream<Path> all = Files.walk(dir)) {
            List<String> temporaries = all.map(Path::toString).filter(p -> p.contains(".convlab-tmp-")
                    || p.contains(".tmp")).toList();
            assertThat(temporaries).isEmpty();
        }
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    static String[] args(String... a) {
        return Arrays.copyOf(a, a.length);
    }
}
