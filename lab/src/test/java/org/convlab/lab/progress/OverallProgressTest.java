package org.convlab.lab.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The whole run's fraction and time left, on a fake clock. */
class OverallProgressTest {
    long now;

    @Test
    void fractionCountsFinishedRunsAndTheStepsOfTheCurrentOne() {
        OverallProgress p = new OverallProgress(() -> now);
        p.plan(1, false);
        p.plan(3, false);
        assertThat(p.fraction()).isZero();
        assertThat(p.eta()).isNaN();
        p.begin(1);
        p.started("a", 2, 5, 0);
        for (int i = 0; i < 10; i++) {
            p.stepped(i / 5, i % 5, 0, 0);
        }
        now = 10_000_000_000L; // 10 s for the first quarter of the work
        p.end(false);
        assertThat(p.fraction()).isCloseTo(0.25, within(1e-12));
        assertThat(p.eta()).isCloseTo(30, within(1e-9));
        p.begin(3);
        p.started("b", 1, 10, 0);
        for (int i = 0; i < 5; i++) {
            p.stepped(0, i, 0, 0);
        }
        now = 25_000_000_000L; // half of the second run: 2.5 of 4 units in 25 s
        assertThat(p.fraction()).isCloseTo(0.625, within(1e-12));
        assertThat(p.eta()).isCloseTo(25.0 / 2.5 * 1.5, within(1e-9));
        assertThat(p.text()).isEqualTo("all 62.5% · run 2/2 · 0:25 elapsed · eta 0:15");
        assertThat(p.shortText()).isEqualTo("all 62.5% eta 0:15");
    }

    @Test
    void keptRunsCountAsDoneButNotTowardsTheSpeed() {
        OverallProgress p = new OverallProgress(() -> now);
        p.plan(6, true);
        p.plan(2, false);
        assertThat(p.fraction()).isCloseTo(0.75, within(1e-12));
        p.begin(6);
        p.end(true);
        p.begin(2);
        p.started("resumed", 2, 10, 1); // continued from its checkpoint after epoch 1
        assertThat(p.fraction()).isCloseTo((6 + 1.0) / 8, within(1e-12));
        for (int i = 0; i < 5; i++) {
            p.stepped(1, i, 0, 0);
        }
        now = 5_000_000_000L;
        assertThat(p.fraction()).isCloseTo((6 + 1.5) / 8, within(1e-12));
        // Only the 5 steps this invocation ran (0.5 unit in 5 s) set the speed: 0.5 unit left, 5 s.
        assertThat(p.eta()).isCloseTo(5, within(1e-9));
        assertThat(p.text()).startsWith("all 93.8% · run 2/2");
    }

    @Test
    void progressLinesEndWithTheWholeRunsProgress() {
        OverallProgress p = new OverallProgress(() -> now);
        p.plan(1, false);
        StringWriter s = new StringWriter();
        LineProgress line = new LineProgress(new PrintWriter(s), p);
        line.started("cnn seed 7", 1, 4, 0);
        line.stepped(0, 0, 1.0, 0.5);
        line.validated(1, 0.4);
        assertThat(s.toString()).contains("cnn seed 7  epoch 1/1  iter 1/4").contains("|  all ");
    }
}
