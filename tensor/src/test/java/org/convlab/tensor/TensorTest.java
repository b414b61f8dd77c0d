package org.convlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void rowMajorIndexing() {
        Tensor t = Tensor.zeros(2, 3, 4);
        t.set(7f, 1, 2, 3);
        assertThat(t.data()[1 * 12 + 2 * 4 + 3]).isEqualTo(7f);
        assertThat(t.reshape(6, -1).get(5, 3)).isEqualTo(7f);
        assertThat(t.shape()).hasToString("(2, 3, 4)");
    }

    @Test
    void badShapesAreRefusedWithTheShape() {
        assertThatThrownBy(() -> Tensor.zeros(2, 0)).hasMessageContaining("[2, 0]");
        assertThatThrownBy(() -> Tensor.zeros(65536, 65536)).hasMessageContaining("elements");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2)).hasMessageStartingWith("reshape:");
    }
}
