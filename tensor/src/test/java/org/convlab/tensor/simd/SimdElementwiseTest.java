package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.convlab.tensor.kernels.ElementwiseKernels;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.ReferenceElementwise;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimdElementwiseTest {
    private final ElementwiseKernels fast = new SimdElementwise();
    private final ElementwiseKernels reference = new ReferenceElementwise();

    @Test
    void reluKeepsPositivesAndNaNAndZeroesTheRest() {
        float[] x = {-2f, -0f, 0f, 3f, Float.NaN, Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f, 5f};
        float[] y = new float[x.length];
        fast.relu(x, y, x.length);
        assertThat(y).containsExactly(0f, 0f, 0f, 3f, Float.NaN, 0f, 1e-30f, 0f, 5f);
        float[] dx = new float[x.length];
        fast.reluBackward(y, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, dx, x.length);
        assertThat(dx).containsExactly(0f, 0f, 0f, 4f, 0f, 0f, 7f, 0f, 9f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 63, 1000, SimdElementwise.CHUNK + 13, 3 * SimdElementwise.CHUNK + 5})
    void matchesTheReferenceBitForBit(int n) {
        Random r = new Random(n);
        float[] x = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
            dy[i] = r.nextFloat() * 2 - 1;
        }
        float[] y1 = new float[n + 3];
        float[] y2 = new float[n + 3];
        reference.relu(x, y1, n);
        fast.relu(x, y2, n);
        assertThat(y2).isEqualTo(y1);
        float[] d1 = new float[n];
        float[] d2 = new float[n];
        reference.reluBackward(y1, dy, d1, n);
        fast.reluBackward(y2, dy, d2, n);
        assertThat(d2).isEqualTo(d1);
        int features = 1 + n % 37;
        int rows = n / features;
        float[] bias = new float[features];
        for (int j = 0; j < features; j++) {
            bias[j] = j - 5;
        }
        float[] b1 = x.clone();
        float[] b2 = x.clone();
        reference.addBiasRows(b1, rows, features, bias);
        fast.addBiasRows(b2, rows, features, bias);
        assertThat(b2).isEqualTo(b1);
    }

    @Test
    void isSelectedWithTheVectorKernels() {
        assertThat(Kernels.elementwise()).isInstanceOf(SimdElementwise.class);
    }
}
