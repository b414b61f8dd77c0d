package org.convlab.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a saving process (SIGKILL) at 100 random moments; every time the checkpoint path must
 * load, pass its checksum, and hold either the last generation the child reported saved or the
 * one it was writing.
 */
class KilledSaveTest {
    private static final int KILLS = 100;
    private static final int SIZE = 256 * 1024; // 1 MiB of floats: a save takes a few milliseconds

    @TempDir
    Path dir;

    @Test
    void theCheckpointIsAlwaysTheOldOrTheNewVersion() throws Exception {
        Path file = dir.resolve("model.ckpt");
        Random random = new Random(7);
        long lastSaved = 0;
        int killedMidSave = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = dir.resolve("child-" + kill + ".out");
            Process child = start(file, lastSaved, log);
            awaitFirstSave(child, log, kill);
            Thread.sleep(random.nextInt(25));
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long reported = lastReported(log);
            if (hasTemporary(file)) {
                killedMidSave++;
            }
            TensorFile.Contents c = TensorFile.read(file); // checks the CRC
            Map<String, Tensor> t = c.tensors();
            long g = (long) t.get("generation").data()[0];
            assertThat(g).as("kill %d: generation on disk vs last reported %d", kill, reported)
                    .isBetween(reported, reported + 1);
            assertThat(c.metadata()).containsEntry("generation", Long.toString(g));
            assertThat(Arrays.equals(t.get("w").data(), CrashSaver.generation(g, SIZE).get("w").data()))
                    .as("kill %d: the values of generation %d", kill, g).isTrue();
            lastSaved = g;
        }
        // The kills must really have hit saves in progress for the test to mean anything.
        assertThat(killedMidSave).as("kills that left a temporary file behind").isPositive();
    }

    private static void awaitFirstSave(Process child, Path log, int kill) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lastReported(log) < 0) {
            assertThat(child.isAlive()).as("child %d still running before its first save", kill).isTrue();
            assertThat(System.nanoTime()).as("child %d saved within 30 s", kill).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** The last generation the child reported as saved, or -1. */
    private static long lastReported(Path log) throws IOException {
        long last = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("saved ")) {
                last = Long.parseLong(line.substring(6).trim());
            }
        }
        return last;
    }

    private Process start(Path file, long from, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), CrashSaver.class.getName(), file.toString(),
                Long.toString(from), Integer.toString(SIZE));
        return new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private boolean hasTemporary(Path file) throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".tmp-"));
        }
    }

}
