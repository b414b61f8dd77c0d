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
