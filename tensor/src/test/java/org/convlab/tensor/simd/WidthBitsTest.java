package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernels give the same bits at 128, 256 and 512 bits and on 1 and 2 threads, and the
 * bits the 256-bit kernels gave before they became generic over the width (the golden file):
 * {@link WidthDigests} runs in one child JVM per width (the species is chosen once per JVM) and
 * its digests are compared case by case. The Vector API runs every width on any CPU (emulating
 * what the hardware lacks), so the 512-bit path is checked on an AVX2 machine too.
 */
class WidthBitsTest {
    private static Map<String, String> golden;

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new LinkedHashMap<>();
        try (InputStream in = WidthBitsTest.class.getResourceAsStream("width-digests.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    golden.put(f[0], f[1]);
                }
            }
        }
        assertThat(golden).hasSizeGreaterThan(200);
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void everyKernelGivesTheGoldenBitsOnOneAndTwoThreads(int bits) throws Exception {
        // The species is chosen once per JVM: this JVM's own width runs here, the others in a child JVM.
        List<String> lines = bits == Lanes.F.vectorBitSize() ? WidthDigests.digests() : runDigests(bits);
        assertThat(lines.get(0)).isEqualTo("width " + bits);
        Map<String, String> oneThread = new LinkedHashMap<>();
        Map<String, String> twoThreads = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            (f[1].equals("1") ? oneThread : twoThreads).put(f[0], f[2]);
        }
        assertThat(oneThread.keySet()).containsExactlyElementsOf(golden.keySet());
        assertThat(oneThread).as("digests at %d bits, 1 thread, against the golden file", bits)
                .containsExactlyEntriesOf(golden);
        assertThat(twoThreads).as("digests at %d bits, 2 threads", bits).containsExactlyEntriesOf(golden);
    }

    /** Runs {@link WidthDigests} in a JVM pinned to {@code bits}; its stdout lines. */
    private static List<String> runDigests(int bits) throws IOException, InterruptedException {
        Path out = Files.createTempFile("width-digests-" + bits, ".txt");
        Path err = Files.createTempFile("width-digests-" + bits, ".err");
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dconvlab.vector.bits=" + bits,
                    "-cp", System.getProperty("java.class.path"),
                    WidthDigests.class.getName()));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child JVM at %d bits finished", bits).isTrue();
            assertThat(p.exitValue()).as("exit code at %d bits; stderr: %s", bits, Files.readString(err)).isZero();
            return Files.readAllLines(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
