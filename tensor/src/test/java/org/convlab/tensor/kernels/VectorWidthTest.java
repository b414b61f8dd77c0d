package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorWidthTest {
    private final String saved = System.getProperty(VectorWidth.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(VectorWidth.PROPERTY);
        } else {
            System.setProperty(VectorWidth.PROPERTY, saved);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void theAcceptedWidthsArePinned(int bits) {
        System.setProperty(VectorWidth.PROPERTY, " " + bits + " ");
        assertThat(VectorWidth.requestedBits()).isEqualTo(bits);
    }

    @Test
    void theDefaultIsThePreferredWidthButNot512BitsBeforeJdk25WithoutTheInliningCleanup() {
        assertThat(VectorWidth.defaultBits(256, 17, false)).isEqualTo(256);
        assertThat(VectorWidth.defaultBits(512, 17, false)).isEqualTo(256); // JDK 17's C2 boxes 512-bit kernels
        assertThat(VectorWidth.defaultBits(512, 24, false)).isEqualTo(256);
        assertThat(VectorWidth.defaultBits(512, 17, true)).isEqualTo(512);
        assertThat(VectorWidth.defaultBits(512, 21, true)).isEqualTo(256); // not measured there
        assertThat(VectorWidth.defaultBits(256, 17, true)).isEqualTo(256);
        assertThat(VectorWidth.defaultBits(512, 25, false)).isEqualTo(512);
        assertThat(VectorWidth.defaultBits(128, 17, false)).isEqualTo(128);
        assertThat(VectorWidth.defaultBits(64, 25, true)).isEqualTo(128);
    }

    @Test
    void theInliningCleanupIsReadFromTheJvm() {
        // Whatever this JVM was started with (the build passes the flag before JDK 25).
        boolean passed = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+" + VectorWidth.CLEANUP_FLAG);
        assertThat(VectorWidth.inliningCleanup()).isEqualTo(passed);
    }

    @Test
    void unsetOrBlankMeansThePreferredWidth() {
        System.clearProperty(VectorWidth.PROPERTY);
        assertThat(VectorWidth.requestedBits()).isZero();
        System.setProperty(VectorWidth.PROPERTY, "");
        assertThat(VectorWidth.requestedBits()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"64", "1024", "300", "wide", "256bits"})
    void anyOtherValueIsOneLineNamingThePropertyAndTheAcceptedValues(String value) {
        System.setProperty(VectorWidth.PROPERTY, value);
        assertThatThrownBy(VectorWidth::requestedBits).isInstanceOf(BadParameterException.class)
                .hasMessage("convlab.vector.bits: expected 128, 256 or 512 (or unset for the machine's preferred width),"
                        + " got '" + value + "'");
    }
}
