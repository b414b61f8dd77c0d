package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Kernels} wires the fast kernels without this package depending on the SIMD package. */
class KernelsWiringTest {
    @Test
    void noClassOfThisPackageUsesTheSimdPackageInCode() throws IOException {
        Path dir = Path.of("src/main/java/org/convlab/tensor/kernels");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(20);
        for (Path f : sources) {
            for (String line : Files.readAllLines(f)) {
                String code = line.trim();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                    continue;
                }
                assertThat(code).as("%s", f.getFileName()).doesNotContain("org.convlab.tensor.simd");
            }
        }
    }

    @Test
    void exactlyOneFastKernelSetIsRegistered() {
        assertThat(ServiceLoader.load(FastKernels.class).stream().count()).isEqualTo(1);
        assertThat(Kernels.vectorBits()).isIn(128, 256, 512);
    }
}
