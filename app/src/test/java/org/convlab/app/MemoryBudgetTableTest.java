package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.convlab.core.MemoryBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arguments that pass every element-count check but imply more memory than any test JVM has
 * (tens of GiB) are refused before the allocation, with one line naming the option, the
 * estimate and the limit, and nothing on standard output — never an OutOfMemoryError.
 */
class MemoryBudgetTableTest {
    private static final String DATA = "synthetic:train=1010,test=20";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("--hidden", new String[] {"train", "--data", DATA, "--model", "mlp", "--hidden", "65536"}),
                Arguments.of("--hidden", new String[] {"train", "--data", DATA, "--model", "frozen-mlp", "--hidden",
                    "60000"}),
                Arguments.of("--channels", new String[] {"train", "--data", DATA, "--model", "lc", "--channels",
                    "512,512"}),
                Arguments.of("--channels", new String[] {"train", "--data", DATA, "--model", "lc", "--channels",
                    "1000,250"}),
                Arguments.of("--channels", new String[] {"train", "--data", DATA, "--model", "cnn", "--channels",
                    "16,2000000"}),
                Arguments.of("--channels", new String[] {"train", "--data", DATA, "--model", "frozen-conv1",
                    "--channels", "20000000,2"}));
    }

    @ParameterizedTest(name = "{index}: {0}: {1}")
    @MethodSource("cases")
    void aHugeEstimateIsRefusedBeforeAllocating(String option, String[] args) {
        Cli r = Cli.run(args);
        String shown = Arrays.toString(args);
        assertThat(r.exit()).as("%s: %s", shown, r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout of %s", shown).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("OutOfMemory")
                .containsAnyOf(option + ": needs about", option + ": expected");
        if (r.err().contains("needs about")) {
            assertThat(r.err()).contains("GiB of memory").contains("maximum heap").contains("-Xmx");
        }
    }

    @org.junit.jupiter.api.Test
    void theBudgetIsTheHeapLessWhatIsUsedAndAMargin() {
        Runtime rt = Runtime.getRuntime();
        assertThat(MemoryBudget.available()).isLessThanOrEqualTo(rt.maxMemory() - MemoryBudget.MARGIN_BYTES);
        assertThat(MemoryBudget.product(1L << 40, 1L << 40)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.size(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(MemoryBudget.size(Long.MAX_VALUE)).isEqualTo("more than 8 EiB");
    }
}
