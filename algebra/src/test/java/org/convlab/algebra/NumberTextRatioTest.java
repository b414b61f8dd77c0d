package org.convlab.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberTextRatioTest {
    @ParameterizedTest
    @CsvSource({
        "10, 4, 2.5",
        "9, 3, 3",
        "2, 3, 0.7",
        "1, 20, 0.1",
        "1, 21, 0",
        "12345, 1, '12,345'",
        "2469, 2, '1,234.5'",
        "99883155456, 2432, '41,070,376.4'",
        "5, 0, -"})
    void oneDecimalGroupedAndADashForNothing(long a, long b, String expected) {
        assertThat(NumberText.ratio(BigInteger.valueOf(a), BigInteger.valueOf(b))).isEqualTo(expected);
    }
}
