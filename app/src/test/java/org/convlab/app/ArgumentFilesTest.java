package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @FILE} is never read as an argument file: a directory, a device, a FIFO nobody writes
 * to, a huge file or a file of options all give one usage line at once (within a timeout, so a
 * hang fails the test instead of stalling the build).
 */
class ArgumentFilesTest {
    @TempDir
    static Path dir;

    private static Path fifo;
    private static Path options;

    @BeforeAll
    static void fixtures() throws IOException, InterruptedException {
        fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() != 0) {
            fifo = null;
        }
        options = Files.writeString(dir.resolve("opts.txt"), "--help\n");
    }

    static Stream<Arguments> cases() {
        List<String> targets = new ArrayList<>(List.of(dir.toString(), "/dev/zero", "/dev/null", "/dev/urandom",
                options.toString(), dir.resolve("missing").toString(), "", "/"));
        if (fifo != null) {
            targets.add(fifo.toString());
        }
        List<Arguments> c = new ArrayList<>();
        for (String t : targets) {
            c.add(Arguments.of((Object) new String[] {"@" + t}));
            c.add(Arguments.of((Object) new String[] {"train", "@" + t}));
            c.add(Arguments.of((Object) new String[] {"shape", "--input", "9", "@" + t}));
        }
        return c.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void anAtArgumentIsOneUsageLineAndNeverAHang(String[] args) {
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Cli.run(args));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains("argument files (@FILE) are not read")
                .doesNotContain("Exception");
    }
}
