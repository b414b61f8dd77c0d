package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldIsaTest {

    private static Map<String, String> heldEnvironment() {
        return new HashMap<>(HeldIsa.AVX2_VARIABLES);
    }

    @Test
    void everyVariableSetAndConvlabAt256BitsIsHeld() {
        assertThat(HeldIsa.problem(heldEnvironment(), 256, 2)).isNull();
        assertThat(HeldIsa.problem(heldEnvironment(), 256, null)).as("a JVM without UseAVX").isNull();
    }

    @Test
    void aMissingOrDifferentVariableIsNamed() {
        Map<String, String> env = heldEnvironment();
        env.remove("MKL_ENABLE_INSTRUCTIONS");
        assertThat(HeldIsa.problem(env, 256, 2)).startsWith("--isa avx2: MKL_ENABLE_INSTRUCTIONS is not AVX2 in the environment");
        env = heldEnvironment();
        env.put("ATEN_CPU_CAPABILITY", "avx512");
        assertThat(HeldIsa.unset(env)).isEqualTo("ATEN_CPU_CAPABILITY");
    }

    @Test
    void convlabAtAnotherWidthIsNotHeld() {
        assertThat(HeldIsa.problem(heldEnvironment(), 512, 2))
                .isEqualTo("--isa avx2: convlab's kernels use 512-bit vectors, not 256 (-Dconvlab.vector.bits=256, which "
                        + "bench/peers.sh --isa avx2 passes)");
    }

    @Test
    void aJitWithAvx512IsNotHeld() {
        assertThat(HeldIsa.problem(heldEnvironment(), 256, 3))
                .isEqualTo("--isa avx2: the JIT uses AVX-512 (UseAVX=3), with 32 vector registers where an AVX2 core has 16 "
                        + "(-XX:UseAVX=2, which bench/peers.sh --isa avx2 passes)");
        if (System.getProperty("os.arch").matches("amd64|x86_64")) {
            assertThat(HeldIsa.jitAvxLevel()).as("this JVM's UseAVX (HotSpot on x86)").isNotNull().isBetween(0, 3);
        }
    }

    @Test
    void theReportSaysWhatWasHeldAndWhatWasNot() {
        Map<String, String> env = new HashMap<>();
        env.put("isa", HeldIsa.AVX2);
        assertThat(HeldIsa.describe(env)).startsWith("every engine held to AVX2 but ONNX Runtime")
                .contains("convlab at 256 bits with the JIT at -XX:UseAVX=2").contains("ONEDNN_MAX_CPU_ISA=AVX2").contains("OPENBLAS_CORETYPE=Haswell");
        env.put("isa", HeldIsa.NATIVE);
        env.put("env OPENBLAS_CORETYPE", "Haswell");
        env.put("env ATEN_CPU_CAPABILITY", "null");
        assertThat(HeldIsa.describe(env))
                .isEqualTo("each engine's widest, but set in the environment (PyTorch reads them): OPENBLAS_CORETYPE=Haswell");
        env.remove("env OPENBLAS_CORETYPE");
        assertThat(HeldIsa.describe(env)).isNull();
    }

    @Test
    void peersRefusesAnUnknownIsaAndAnUnheldEnvironmentInOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PeersMain.run(new String[] {"--isa", "avx512"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim()).startsWith("peers: --isa").contains("native or avx2")
                .doesNotContain("\n").doesNotContain("Exception");
        if (HeldIsa.unset(System.getenv()) != null) { // this test's JVM does not hold PyTorch to AVX2
            err.reset();
            code = PeersMain.run(new String[] {"--isa", "avx2"}, new PrintStream(out), new PrintStream(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).trim()).startsWith("peers: --isa avx2: ATEN_CPU_CAPABILITY is not avx2")
                    .doesNotContain("\n");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anOptionWithoutItsValueIsOneLineToo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PeersMain.run(new String[] {"--isa"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("peers: Missing required parameter for option '--isa' (native|avx2) (see: ./convlab bench --peers --help)"
                        + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
