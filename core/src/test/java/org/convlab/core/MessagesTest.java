package org.convlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void badParameterNamesTheParameterTheExpectationAndTheValue() {
        var e = new BadParameterException("--stride", "a positive integer", 0);
        assertThat(e.getMessage()).isEqualTo("--stride: expected a positive integer, got 0");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(new BadParameterException("--input", "DIMS like 28x28", "28y28").getMessage())
                .isEqualTo("--input: expected DIMS like 28x28, got '28y28'");
    }

    @Test
    void badFileNamesTheFileTheOffsetAndBothValues() {
        var e = new BadFileException(Path.of("t10k-images-idx3-ubyte"), 0, "magic 2051", "2049");
        assertThat(e.getMessage())
                .isEqualTo("t10k-images-idx3-ubyte: at byte 0: expected magic 2051, found 2049");
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.offset()).isZero();
    }
}
