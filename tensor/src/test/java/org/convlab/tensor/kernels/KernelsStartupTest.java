package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a program sees at its first kernel use, in child JVMs started with chosen flags. */
class KernelsStartupTest {
    @Test
    void withoutTheVectorModuleOneNoticeSaysWhatRunsAndHowToEnableTheSimdKernels() throws Exception {
        Output out = run(List.of());
        assertThat(out.stdout).containsExactly("simd=false bits=0 c=4.0");
        List<String> notices = out.stderr.stream().filter(l -> l.startsWith("convlab:")).toList();
        assertThat(notices).containsExactly("convlab: the Vector API module is not loaded, so the reference kernels run"
                + " (several times slower); start java with --add-modules jdk.incubator.vector"
                + " (the ./convlab launcher does) for the SIMD kernels");
    }

    @Test
    void turningTheSimdKernelsOffOnPurposePrintsNoNotice() throws Exception {
        Output out = run(List.of("-Dconvlab.simd=false"));
        assertThat(out.stdout).containsExactly("simd=false bits=0 c=4.0");
        assertThat(out.stderr).noneMatch(l -> l.startsWith("convlab:"));
    }

    @Test
    void aPinnedWidthIsUsed() throws Exception {
        Output out = run(List.of("--add-modules", "jdk.incubator.vector", "-Dconvlab.vector.bits=128"));
        assertThat(out.stdout).containsExactly("simd=true bits=128 c=4.0");
    }

    @Test
    void anUnsupportedWidthIsOneLineAtTheFirstKernelUse() throws Exception {
        Output out = run(List.of("--add-modules", "jdk.incubator.vector", "-Dconvlab.vector.bits=384"));
        assertThat(out.stdout).containsExactly("error: convlab.vector.bits: expected 128, 256 or 512"
                + " (or unset for the machine's preferred width), got '384'");
    }

    private record Output(List<String> stdout, List<String> stderr) {
    }

    private static Output run(List<String> flags) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kernels-startup", ".out");
        Path err = Files.createTempFile("kernels-startup", ".err");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(flags);
            command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    KernelsStartup.class.getName()));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("stderr: %s", Files.readString(err)).isZero();
            return new Output(Files.readAllLines(out), Files.readAllLines(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
