package org.convlab.data.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.convlab.data.ImageSet;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TransformsTest {
    /** (N, C, H, W) with element value = 1000 n + 100 c + 10 y + x + 1 (never 0). */
    static Tensor coded(int n, int c, int h, int w) {
        Tensor t = Tensor.zeros(n, c, h, w);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < c; b++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        t.set(1000 * a + 100 * b + 10 * y + x + 1, a, b, y, x);
                    }
                }
            }
        }
        return t;
    }

    @Test
    void theNotebooksFortyNinePositions() {
        List<Canvas.Position> p = Canvas.notebookPositions();
        assertThat(p).hasSize(49);
        assertThat(p.get(0)).isEqualTo(new Canvas.Position(0, 0));
        assertThat(p.get(1)).isEqualTo(new Canvas.Position(0, 4));
        assertThat(p.get(48)).isEqualTo(new Canvas.Position(24, 24));
        assertThat(p).allMatch(q -> q.top() % 4 == 0 && q.left() % 4 == 0 && q.top() <= 24 && q.left() <= 24);
        assertThat(Canvas.positions(56, 28, 4)).hasSize(64); // up to 28 inclusive when allowed
    }

    @Test
    void placeOnCanvas() {
        Tensor x = coded(2, 2, 3, 4);
        Tensor out = Canvas.place(x, 8, 9, 5, 2);
        assertThat(out.shape().dims()).containsExactly(2, 2, 8, 9);
        double sum = 0;
        for (float v : out.data()) {
            sum += v;
        }
        double expected = 0;
        for (float v : x.data()) {
            expected += v;
        }
        assertThat(sum).isEqualTo(expected);
        assertThat(out.get(1, 1, 5, 2)).isEqualTo(x.get(1, 1, 0, 0));
        assertThat(out.get(1, 0, 7, 5)).isEqualTo(x.get(1, 0, 2, 3));
        assertThat(out.get(0, 0, 4, 2)).isZero();
        assertThat(out.get(0, 0, 5, 6)).isZero();
        // reuse of a dirty buffer zeroes it first
        Canvas.place(x, 0, 0, out);
        assertThat(out.get(1, 1, 5, 2)).isZero();
        assertThatThrownBy(() -> Canvas.place(x, 8, 9, 6, 0)).hasMessageStartingWith("position: expected an image of 3x4");
    }

    @Test
    void shiftIsAZeroFilledTranslation() {
        Tensor x = coded(1, 1, 4, 4);
        Tensor s = Shift.apply(x, 1, -2);
        assertThat(s.get(0, 0, 1, 0)).isEqualTo(x.get(0, 0, 0, 2));
        assertThat(s.get(0, 0, 3, 1)).isEqualTo(x.get(0, 0, 2, 3));
        assertThat(s.get(0, 0, 0, 0)).isZero();
        assertThat(s.get(0, 0, 2, 2)).isZero();
        assertThat(Shift.apply(x, 0, 0).data()).isEqualTo(x.data());
        assertThat(Shift.apply(x, 4, 0).data()).containsOnly(0f);
        // shifting back and forth loses only the border
        Tensor back = Shift.apply(Shift.apply(x, 1, 1), -1, -1);
        assertThat(back.get(0, 0, 2, 2)).isEqualTo(x.get(0, 0, 2, 2));
        assertThat(back.get(0, 0, 3, 3)).isZero();
    }

    @Test
    void shiftedImageSetForAShiftedTestSet() {
        byte[] px = new byte[9];
        for (int k = 0; k < 9; k++) {
            px[k] = (byte) (k + 1);
        }
        ImageSet set = ImageSet.of(px, new byte[] {1}, 1, 3, 3, List.of("a", "b"));
        ImageSet s = Shift.apply(set, 0, 1);
        assertThat(s.image(0)).containsExactly(0, 1, 2, 0, 4, 5, 0, 7, 8);
        assertThat(s.label(0)).isEqualTo(1);
    }

    @Test
    void crop() {
        Tensor x = coded(2, 1, 5, 6);
        Tensor c = Crop.apply(x, 1, 2, 3, 2);
        assertThat(c.shape().dims()).containsExactly(2, 1, 3, 2);
        assertThat(c.get(1, 0, 0, 0)).isEqualTo(x.get(1, 0, 1, 2));
        assertThat(c.get(1, 0, 2, 1)).isEqualTo(x.get(1, 0, 3, 3));
        assertThat(Crop.center(x, 3, 4).get(0, 0, 0, 0)).isEqualTo(x.get(0, 0, 1, 1));
        assertThatThrownBy(() -> Crop.apply(x, 3, 0, 3, 2)).hasMessageStartingWith("crop: expected a window inside");
    }

    @Test
    void randomTranslationIsSeededAndEachImageIsAShift() {
        Tensor x = coded(8, 2, 6, 6);
        Tensor out = Tensor.zeros(x.shape());
        int[] offsets = new RandomTranslation(2, 42).apply(x, -1f, out);
        Tensor again = Tensor.zeros(x.shape());
        assertThat(new RandomTranslation(2, 42).apply(x, -1f, again)).isEqualTo(offsets);
        assertThat(again.data()).isEqualTo(out.data());
        for (int i = 0; i < 8; i++) {
            assertThat(offsets[2 * i]).isBetween(-2, 2);
            Tensor one = Crop.apply(x, 0, 0, 6, 6);
            Tensor expected = Shift.apply(one, offsets[2 * i], offsets[2 * i + 1], -1f, Tensor.zeros(one.shape()));
            int per = 72;
            for (int k = 0; k < per; k++) {
                assertThat(out.data()[i * per + k]).isEqualTo(expected.data()[i * per + k]);
            }
        }
    }
}
