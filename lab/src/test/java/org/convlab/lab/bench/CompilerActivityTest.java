package org.convlab.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerActivityTest {
    @Test
    void aZeroBudgetRunsNothing() throws Exception {
        List<Double> seen = new ArrayList<>();
        CompilerActivity.runUntilIdle(() -> 0.1, 0, seen::add);
        assertThat(seen).isEmpty();
    }

    @Test
    void itRunsAtLeastOneIdleWindowAndStopsWithinTheBudget() throws Exception {
        List<Double> seen = new ArrayList<>();
        // Calls that report 0.1 s each: an idle window is 3 calls; a budget of 1 s allows 4 windows
        // (the last may overrun it by one window: 12 calls at most).
        CompilerActivity.runUntilIdle(() -> 0.1, 1.0, seen::add);
        assertThat(seen).hasSizeBetween(3, 12).containsOnly(0.1);
    }

    @Test
    void aBudgetShorterThanTheIdleWindowShortensTheWindow() throws Exception {
        List<Double> seen = new ArrayList<>();
        CompilerActivity.runUntilIdle(() -> 0.01, 0.02, seen::add);
        assertThat(seen).hasSizeBetween(2, 4);
    }
}
