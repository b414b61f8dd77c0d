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

    @Test
    void aFrontEndRenamesTheParameterAndTheParametersTheExplanationMentions() {
        var e = new BadParameterException("padding", "not with a stride; use sameMode tf, or padding in numbers")
                .mentioning("sameMode");
        assertThat(e.getMessage()).isEqualTo("padding: not with a stride; use sameMode tf, or padding in numbers");
        assertThat(e.problem()).isEqualTo("not with a stride; use sameMode tf, or padding in numbers");
        assertThat(e.messageFor(n -> n.equals("sameMode") ? "--same-mode" : "--" + n))
                .isEqualTo("--padding: not with a stride; use --same-mode tf, or padding in numbers");
        assertThat(new BadParameterException("stride", "a positive integer", 0).messageFor(n -> n))
                .isEqualTo("stride: expected a positive integer, got 0");
    }

    @Test
    void onlyWholeWordsAreRenamed() {
        var e = new BadParameterException("mean", "both mean and std, or neither; not meanValue", "only std")
                .mentioning("mean", "std");
        assertThat(e.messageFor(n -> "--" + n))
                .isEqualTo("--mean: expected both --mean and --std, or neither; not meanValue, got 'only --std'");
    }
}
