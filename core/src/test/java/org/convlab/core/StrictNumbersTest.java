package org.convlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictNumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"3e-3f", "3e-3F", "1d", "1D", "1f", "0x1p-3", "0x10", "٣", "３", "1٣", "Infinity", "-Infinity",
        "NaN", " 1", "1 ", "", "+", "-", ".", "e3", "1e", "1e+", "1.5.2", "1,5", "1_000", "١٢", "\u0661", "1e3 "})
    void refusesWhatTheHelpDoesNotShowAsADecimal(String text) {
        assertThatThrownBy(() -> StrictNumbers.parseDouble(text)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> StrictNumbers.parseFloat(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"٣", "３", "1٣", "0x10", "1e3", "1.0", "1d", " 1", "1 ", "", "+", "-", "1_000",
        "9223372036854775808", "-9223372036854775809", "\u0967"})
    void refusesWhatIsNotAnAsciiInteger(String text) {
        assertThatThrownBy(() -> StrictNumbers.parseLong(text)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> StrictNumbers.parseInt(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void acceptsTheDocumentedForms() {
        assertThat(StrictNumbers.parseDouble("3e-3")).isEqualTo(0.003);
        assertThat(StrictNumbers.parseDouble("-1.5E+2")).isEqualTo(-150.0);
        assertThat(StrictNumbers.parseDouble(".5")).isEqualTo(0.5);
        assertThat(StrictNumbers.parseDouble("2.")).isEqualTo(2.0);
        assertThat(StrictNumbers.parseDouble("+7")).isEqualTo(7.0);
        assertThat(StrictNumbers.parseDouble("1e400")).isInfinite();
        assertThat(StrictNumbers.parseFloat("0.4914")).isEqualTo(0.4914f);
        assertThat(StrictNumbers.parseInt("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(StrictNumbers.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> StrictNumbers.parseInt("2147483648")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void anErrorEchoesAShortPrefixOfAHugeValue() {
        String huge = "9".repeat(1_000_000) + "x";
        assertThatThrownBy(() -> StrictNumbers.parseLong(huge)).hasMessage("9".repeat(40) + "... (1000001 characters)");
        assertThat(StrictNumbers.prefix("short")).isEqualTo("short");
        BadParameterException e = new BadParameterException("--lr", "a number", huge);
        assertThat(e.getMessage()).hasSizeLessThan(120).endsWith("(1000001 characters)'");
    }
}
