package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    @Test
    void viewsShareBytesAndCountClasses() {
        ImageSet all = BatcherTest.numbered(25);
        ImageSet mid = all.range(5, 15);
        assertThat(mid.size()).isEqualTo(10);
        assertThat(mid.pixel(0, 1, 2, 2)).isEqualTo(5);
        assertThat(mid.label(9)).isEqualTo(4);
        assertThat(mid.classCounts()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(all.classCounts()).containsExactly(3, 3, 3, 3, 3, 2, 2, 2, 2, 2);
        assertThat(mid.range(2, 4).pixel(1, 0, 0, 0)).isEqualTo(8);
        assertThat(all.limit(100).size()).isEqualTo(25);
        assertThat(all.indexOfClass(3, 4)).isEqualTo(13);
        assertThat(mid.image(1)).hasSize(18).containsOnly(6);
    }

    @Test
    void tensorOfSelectedImages() {
        ImageSet all = BatcherTest.numbered(12);
        Tensor t = all.tensor(BatcherTest.RAW, 11, 2);
        assertThat(t.shape().dims()).containsExactly(2, 2, 3, 3);
        assertThat(t.get(0, 1, 1, 1)).isCloseTo(11f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(t.get(1, 0, 0, 0)).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(all.labels(11, 2)).containsExactly(1, 2);
    }

    @Test
    void inconsistentInputIsRefused() {
        assertThatThrownBy(() -> ImageSet.of(new byte[10], new byte[2], 1, 2, 2, List.of("a")))
                .hasMessageStartingWith("pixels: expected 8 bytes for 2 images of 1x2x2");
        assertThatThrownBy(() -> ImageSet.of(new byte[4], new byte[] {1}, 1, 2, 2, List.of("a")))
                .hasMessageStartingWith("labels: expected labels in 0..0");
        ImageSet s = BatcherTest.numbered(3);
        assertThatThrownBy(() -> s.pixel(3, 0, 0, 0)).hasMessageStartingWith("image: expected an index in 0..2");
        assertThatThrownBy(() -> s.pixel(0, 2, 0, 0)).hasMessageStartingWith("pixel: expected (c, y, x) inside");
        assertThatThrownBy(() -> s.range(2, 1)).hasMessageStartingWith("range:");
    }
}
