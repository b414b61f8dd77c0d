package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTest {

    @Test
    void convNetHasTheNotebooksLayersAndParameterCount() {
        Model m = Model.parse("cnn-3x32x32");
        assertThat(m.isConv()).isTrue();
        assertThat(m.layers()).extracting(Layer::name).containsExactly("conv1", "conv2", "fc");
        assertThat(m.layers().get(0).weightShape()).containsExactly(32, 3, 5, 5);
        assertThat(m.layers().get(1).weightShape()).containsExactly(16, 32, 3, 3);
        assertThat(m.layers().get(2).weightShape()).containsExactly(10, 16 * 32 * 32);
        // 2400 + 32 + 4608 + 16 + 163840 + 10
        assertThat(m.parameters()).isEqualTo(170_906);
    }

    @Test
    void mlpOf784IsAnMnistImage() {
        Model m = Model.parse("mlp-784-4000");
        assertThat(m.isConv()).isFalse();
        assertThat(new int[] {m.channels(), m.height(), m.width()}).containsExactly(1, 28, 28);
        assertThat(m.layers().get(1).weightShape()).containsExactly(4000, 4000);
        assertThat(m.parameters()).isEqualTo(784L * 4000 + 4000 + 4000L * 4000 + 4000 + 4000L * 10 + 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-3x32", "resnet", "mlp-0-10", "cnn-3x32x32x2"})
    void badNamesAreRejectedNamingTheOption(String name) {
        assertThatThrownBy(() -> Model.parse(name)).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("--workloads: expected");
    }

    @Test
    void modeParsesItsLabel() {
        assertThat(Mode.parse("TRAIN")).isEqualTo(Mode.TRAIN);
        assertThatThrownBy(() -> Mode.parse("eval")).hasMessage("--modes: expected train or infer, got 'eval'");
    }
}
