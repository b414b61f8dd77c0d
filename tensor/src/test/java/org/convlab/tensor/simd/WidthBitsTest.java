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
import org.junit.jupiter.api.Test;
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

    /**
     * The GEMM's two loop orders at 256 bits (row panels or B strips outside, chosen by the L2
     * size: {@link SimdGemm#rowPanelsOutside}) give the golden bits: a child JVM told an L2 of
     * 512 KiB (AMD Zen 3's: strips outside) and one told 2 MiB (panels outside, 1024-column chunks).
     */
    @ParameterizedTest(name = "L2 {0}")
    @ValueSource(strings = {"512K", "2M"})
    void bothGemmLoopOrdersGiveTheGoldenBits(String l2) throws Exception {
        List<String> lines = runDigests(Path.of(System.getProperty("java.home")), 256, "-Dconvlab.cache.l2=" + l2);
        assertThat(lines.get(0)).isEqualTo("width 256");
        Map<String, String> gemm = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            if (f[0].startsWith("gemm")) {
                assertThat(f[2]).as("%s on %s threads, L2 %s", f[0], f[1], l2).isEqualTo(golden.get(f[0]));
                gemm.put(f[0] + " " + f[1], f[2]);
            }
        }
        assertThat(gemm).as("GEMM cases on 1 and 2 threads").hasSizeGreaterThan(100);
    }

    /**
     * Every JDK 17 or newer installed beside this one (./convlab runs the newest) gives the golden
     * bits at its own default width: JDK 25 checks the indices of a masked gather's unset lanes,
     * which JDK 17 does not, and a kernel that relied on that failed only there.
     */
    @Test
    void everyInstalledJdkGivesTheGoldenBits() throws Exception {
        List<Path> homes = installedJdks();
        assertThat(homes).as("JDKs found (this one included)").isNotEmpty();
        for (Path home : homes) {
            List<String> lines = runDigests(home, null);
            Map<String, String> oneThread = new LinkedHashMap<>();
            Map<String, String> twoThreads = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ");
                (f[1].equals("1") ? oneThread : twoThreads).put(f[0], f[2]);
            }
            assertThat(oneThread).as("digests on %s, 1 thread (%s)", home, lines.get(0)).containsExactlyEntriesOf(golden);
            assertThat(twoThreads).as("digests on %s, 2 threads (%s)", home, lines.get(0)).containsExactlyEntriesOf(golden);
        }
    }

    /** This JVM's home and every other JDK 17 or newer under /usr/lib/jvm (by its release file). */
    private static List<Path> installedJdks() throws IOException {
        Path self = Path.of(System.getProperty("java.home")).toRealPath();
        List<Path> homes = new ArrayList<>(List.of(self));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var dirs = Files.list(jvms)) {
                for (Path dir : dirs.sorted().toList()) {
                    Path real = dir.toRealPath();
                    if (!homes.contains(real) && Files.isExecutable(real.resolve("bin/java")) && major(real) >= 17) {
                        homes.add(real);
                    }
                }
            }
        }
        return homes;
    }

    /** The feature release in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"}), 0 if unreadable. */
    private static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Runs {@link WidthDigests} in a JVM pinned to {@code bits}; its stdout lines. */
    private static List<String> runDigests(int bits) throws IOException, InterruptedException {
        return runDigests(Path.of(System.getProperty("java.home")), bits);
    }

    /**
     * Runs {@link WidthDigests} on the JDK at {@code home}, pinned to {@code bits} unless {@code null},
     * with the system properties {@code properties} ({@code -Dname=value}); its stdout lines.
     */
    private static List<String> runDigests(Path home, Integer bits, String... properties)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("width-digests-" + bits, ".txt");
        Path err = Files.createTempFile("width-digests-" + bits, ".err");
        try {
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin").resolve("java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:+UseSerialGC"));
            if (bits != null) {
                command.add("-Dconvlab.vector.bits=" + bits);
            }
            command.addAll(List.of(properties));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), WidthDigests.class.getName()));
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
