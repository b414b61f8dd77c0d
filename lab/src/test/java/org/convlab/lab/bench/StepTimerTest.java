package org.convlab.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StepTimerTest {
    private static volatile Object sink;

    @Test
    void theMedianLiesInTheRangeAndTheAllocationsPerCallAreCounted() {
        StepTimer timer = new StepTimer(0.005, 0.002, 3);
        StepTimer.Measurement m = timer.measure(() -> sink = new long[1000]);
        assertThat(m.minSeconds()).isPositive().isLessThanOrEqualTo(m.medianSeconds());
        assertThat(m.medianSeconds()).isLessThanOrEqualTo(m.maxSeconds());
        assertThat(m.callsPerRepeat()).isPositive();
        // a long[1000] is 8,000 bytes of data plus a 16-byte header
        assertThat(m.bytesPerCall()).isBetween(8000.0, 8100.0);
        assertThat(timer.measure(() -> sink = "same").bytesPerCall()).isLessThan(1.0);
    }

    @Test
    void theStepTrainsTheModelAndTheNotebookStepsExist() {
        TrainingStep step = TrainingStep.synthetic(rng -> new Linear(12, 10, rng), 12);
        assertThat(step.images()).isEqualTo(TrainingStep.BATCH);
        float first = step.run();
        float later = first;
        for (int i = 0; i < 50; i++) {
            later = step.run();
        }
        assertThat(later).as("loss after 50 steps on one batch").isLessThan(first);
        assertThat(TrainingStep.notebook("cnn-1x28x28").images()).isEqualTo(64);
        assertThatThrownBy(() -> TrainingStep.notebook("resnet")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("name: expected one of [cnn-3x32x32");
        assertThatThrownBy(() -> new TrainingStep(new Linear(3, 2, new Rng(1)), Tensor.zeros(4, 3), new int[3], 0.1f))
                .hasMessageStartingWith("labels: expected 4 labels");
    }
}
