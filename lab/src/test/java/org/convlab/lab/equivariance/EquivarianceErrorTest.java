package org.convlab.lab.equivariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.EquivarianceCnn;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EquivarianceErrorTest {
    static Tensor random(Random r, int c, int h, int w) {
        Tensor t = Tensor.zeros(c, h, w);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }

    @Test
    void aShiftedCopyHasNoErrorAnywhere() {
        Tensor fx = random(new Random(1), 2, 6, 7);
        Tensor moved = EquivarianceError.shift(fx, 1, -2);
        EquivarianceError.Result r = EquivarianceError.measure(fx, moved, 1, -2, 0);
        assertThat(r.whole()).isZero();
        assertThat(r.interior()).isZero();
        assertThat(r.pixels()).isEqualTo(42);
    }

    @Test
    void handComputedRelativeError() {
        // f(x) = [1 2 3], f(Tx) = [0 1 0] for a shift of one to the right: T f(x) = [0 1 2],
        // difference [0 0 -2]: ||.|| = 2, ||f(Tx)|| = 1, error 2.
        Tensor fx = Tensor.wrap(new float[] {1, 2, 3}, 1, 1, 3);
        Tensor fTx = Tensor.wrap(new float[] {0, 1, 0}, 1, 1, 3);
        EquivarianceError.Result r = EquivarianceError.measure(fx, fTx, 0, 1, 0);
        assertThat(r.whole()).isCloseTo(2.0, within(1e-12));
        // margin 1 on a 1-row output leaves nothing: no interior
        assertThat(EquivarianceError.measure(fx, fTx, 0, 1, 1).interior()).isNaN();
    }

    @Test
    void theInteriorExcludesTheMarginOfBothPositions() {
        int count = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                count += EquivarianceError.interior(y, x, 10, 10, 2, 0, 3) ? 1 : 0;
            }
        }
        // rows: 3 <= y < 7 and 3 <= y - 2 < 7 -> y in 5..6; columns 3..6
        assertThat(count).isEqualTo(2 * 4);
        Tensor a = random(new Random(2), 1, 10, 10);
        assertThat(EquivarianceError.measure(a, a, 2, 0, 3).interiorPixels()).isEqualTo(8);
    }

    @Test
    void zeroOutputsHaveZeroErrorAndUnrelatedOnesOrderOne() {
        Tensor z = Tensor.zeros(1, 5, 5);
        assertThat(EquivarianceError.measure(z, z, 1, 1, 1).interior()).isZero();
        Random r = new Random(3);
        double e = EquivarianceError.measure(random(r, 3, 20, 20), random(r, 3, 20, 20), 2, 3, 2).interior();
        assertThat(e).isBetween(1.0, 2.0); // sqrt(2) in expectation for independent Gaussians
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void theUntrainedCnnIsEquivariantOnRandomImages(int seed) {
        Random r = new Random(seed);
        EquivarianceCnn cnn = new EquivarianceCnn(new Rng(seed));
        int dy = r.nextInt(7) - 3;
        int dx = r.nextInt(7) - 3;
        Tensor x = random(r, 1, 14, 15).reshape(1, 1, 14, 15);
        Tensor fx = cnn.forward(x).copy();
        Tensor fTx = cnn.forward(EquivarianceError.shift(x, dy, dx)).copy();
        int margin = EquivarianceError.receptiveRadius(cnn, cnn.size() - 1, 14, 15);
        assertThat(margin).isEqualTo(3);
        assertThat(EquivarianceError.measure(fx, fTx, dy, dx, margin).interior()).isLessThan(1e-5);
    }

    @Test
    void badShapesAndLayersAreNamed() {
        assertThatThrownBy(() -> EquivarianceError.measure(Tensor.zeros(1, 4, 4), Tensor.zeros(1, 4, 5), 0, 0, 0))
                .hasMessageContaining("f(Tx)");
        assertThatThrownBy(() -> EquivarianceError.receptiveRadius(ShiftedNets.strided(1), 0, 8, 8))
                .hasMessageContaining("conv1");
    }
}
