package org.convlab.lab.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StepProgressTest {
    @Test
    void offATerminalPrintsALinePerStep() {
        StringWriter text = new StringWriter();
        try (StepProgress p = StepProgress.create(new PrintWriter(text), false, "bench", 3)) {
            p.begin("the FMA peak");
            p.begin("conv in its own JVM");
            p.begin("train in its own JVM");
        }
        assertThat(text.toString().split("\\R")).containsExactly(
                "bench: the FMA peak (1/3)", "bench: conv in its own JVM (2/3)", "bench: train in its own JVM (3/3)");
    }

    @Test
    void onATerminalDrawsABarThatEndsComplete() {
        StringWriter text = new StringWriter();
        try (StepProgress p = StepProgress.create(new PrintWriter(text), true, "bench", 2)) {
            p.begin("the FMA peak");
            p.begin("gemm in its own JVM");
        }
        String[] frames = text.toString().split("\r");
        assertThat(frames[frames.length - 1]).contains("bench", "100%", "2/2");
        assertThat(text.toString()).doesNotContain("(1/2)");
    }

    @Test
    void refusesNoSteps() {
        assertThatThrownBy(() -> StepProgress.create(new PrintWriter(new StringWriter()), false, "bench", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
    }
}
