package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code elements} and {@code matrix} with arguments that pass every element-count check but
 * need far more than a small heap (on main each of these ends in an OutOfMemoryError) are
 * refused before they allocate, in a child JVM with {@value #HEAP}: exit 2, nothing on standard
 * output, one line naming the option and the estimate. A small command still runs in that heap,
 * and an OutOfMemoryError no estimate foresaw ends as one line with exit 1.
 */
class AlgebraMemoryTableTest {
    static final String HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("--at", List.of("elements", "--input", "100000", "--kernel", "2000", "--at", "all",
                    "--json")),
                Arguments.of("--kernel", List.of("elements", "--input", "100000000", "--kernel", "100000000")),
                Arguments.of("--kernel", List.of("elements", "--input", "64x4000x4000", "--kernel", "400",
                    "--at", "first")),
                Arguments.of("--kernel", List.of("matrix", "--input", "100000000", "--kernel", "100000000",
                    "--format", "coo")),
                Arguments.of("--elide", List.of("matrix", "--input", "20000x20000", "--kernel", "3", "--elide",
                    "20000x20000")));
    }

    @ParameterizedTest(name = "{index}: {0}: {1}")
    @MethodSource("cases")
    void aHugeEstimateIsRefusedBeforeAllocating(String option, List<String> args) throws Exception {
        Run r = run(args);
        assertThat(r.exit).as("%s: %s", args, r.err).isEqualTo(2);
        assertThat(r.out).as("stdout of %s", args).isEmpty();
        assertThat(r.err.strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("OutOfMemory")
                .doesNotContain("\tat ").contains(option + ": needs about").contains("of memory for")
                .contains("maximum heap 128 MiB");
    }

    @Test
    void aSmallCommandStillRunsInTheSameHeap() throws Exception {
        Run r = run(List.of("matrix", "--input", "3x16x16", "--kernel", "3", "--filters", "2", "--format", "coo"));
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).startsWith("row,col,value").endsWith("391,767,k[2,3,3,3]\n").hasLineCount(1 + 2 * 14 * 14 * 27);
    }

    @Test
    void anUnforeseenOutOfMemoryErrorEndsAsOneLine() throws Exception {
        // 'cost' makes no estimate (its memory grows only with the command line): 120,000 layers
        // cannot fit 16 MiB of heap; one argument stays below Linux's 128 KiB limit per argument
        List<String> args = new ArrayList<>(List.of("cost", "--input", "8"));
        String layers = String.join(",", java.util.Collections.nCopies(30_000, "k1"));
        for (int i = 0; i < 4; i++) {
            args.add("--stack");
            args.add(layers);
        }
        Run r = run(args, "-Xmx16m");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.err.strip()).startsWith("convlab: out of memory: these arguments need more than the")
                .doesNotContain("\n").doesNotContain("\tat ");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> args) throws IOException, InterruptedException {
        return run(args, HEAP);
    }

    private Run run(List<String> args, String heap) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(Arrays.asList(javaBin, "--add-modules", "jdk.incubator.vector", heap,
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", args).isTrue();
        String errText = Files.readString(err, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), errText);
    }
}
