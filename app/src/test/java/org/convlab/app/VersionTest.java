package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VersionTest {
    /** The project's root: the app module's parent folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void versionPrintsTheVersionTheCommitAndTheJdk() throws Exception {
        Cli r = Cli.run("--version");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("convlab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines[1]).matches("commit  ([0-9a-f]{7,40}(-dirty)?|unknown)");
        assertThat(lines[2]).startsWith("JDK     ").contains(System.getProperty("java.version"))
                .contains(System.getProperty("java.home"));

        String head = gitHead();
        if (head != null) {
            // Built in a git checkout: the commit is the checkout's HEAD, not a placeholder.
            String commit = lines[1].substring("commit  ".length()).replace("-dirty", "");
            assertThat(head).startsWith(commit);
        }
    }

    /** The full hash of the checkout's HEAD, or null when the sources are not a git checkout (or git is missing). */
    private static String gitHead() throws InterruptedException {
        if (!Files.exists(ROOT.resolve(".git"))) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
