package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.tensor.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolKernelsTest {
    private static final PoolKernels REFERENCE = new ReferencePool();

    private static ConvPlan pool(int c, int h, int w, int k, int s, int pad) {
        return ConvPlan.of(ConvGeometry.builder().inChannels(c).outChannels(c).groups(c).size(h, w).kernel(k)
                .stride(s).padding(pad).build());
    }

    @Test
    void handComputedMaxAndAverage() {
        // 4x4 ramp, 2x2 windows, stride 2
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        ConvPlan p = pool(1, 4, 4, 2, 2, 0);
        for (PoolKernels k : new PoolKernels[] {REFERENCE, Kernels.pool()}) {
            float[] y = new float[4];
            int[] at = new int[4];
            k.maxForward(p, 1, x, y, at);
            assertThat(y).containsExactly(5, 7, 13, 15);
            assertThat(at).containsExactly(5, 7, 13, 15);
            float[] dx = new float[16];
            k.maxBackward(p, 1, new float[] {1, 2, 3, 4}, at, dx);
            assertThat(dx[5]).isEqualTo(1);
            assertThat(dx[15]).isEqualTo(4);
            assertThat(dx[0]).isZero();
            k.avgForward(p, 1, true, x, y);
            assertThat(y).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
            k.avgBackward(p, 1, true, new float[] {4, 8, 12, 16}, dx);
            assertThat(dx[0]).isEqualTo(1);
            assertThat(dx[15]).isEqualTo(4);
        }
    }

    @Test
    void averageDivisorCountsPaddingOnlyWhenAsked() {
        // 2x2 ones, kernel 3, stride 1, padding 1: every window holds 4 ones and 5 zeros of padding
        ConvPlan p = pool(1, 2, 2, 3, 1, 1);
        float[] x = {1, 1, 1, 1};
        float[] y = new float[4];
        for (PoolKernels k : new PoolKernels[] {REFERENCE, Kernels.pool()}) {
            k.avgForward(p, 1, true, x, y);
            assertThat(y).containsExactly(4 / 9f, 4 / 9f, 4 / 9f, 4 / 9f);
            k.avgForward(p, 1, false, x, y);
            assertThat(y).containsExactly(1, 1, 1, 1);
        }
    }

    @Test
    void maxTakesTheFirstOfEqualValuesAndPropagatesNaN() {
        ConvPlan p = pool(1, 2, 2, 2, 2, 0);
        float[] y = new float[1];
        int[] at = new int[1];
        for (PoolKernels k : new PoolKernels[] {REFERENCE, Kernels.pool()}) {
            k.maxForward(p, 1, new float[] {3, 3, 1, 3}, y, at);
            assertThat(at[0]).isZero();
            k.maxForward(p, 1, new float[] {3, Float.NaN, 1, 3}, y, at);
            assertThat(y[0]).isNaN();
            assertThat(at[0]).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void directKernelsMatchTheReferenceOnRandomShapes(long seed) {
        Random r = new Random(seed);
        for (int t = 0; t < 30; t++) {
            int c = 1 + r.nextInt(3);
            int n = 1 + r.nextInt(3);
            ConvPlan p = ConvPlan.of(RandomCases.pool(r, c, t % 2 == 0));
            String what = p + " n=" + n;
            float[] x = RandomCases.distinct(r, n * p.inputSize());
            float[] dy = RandomCases.values(r, n * p.outputSize());
            float[] y = new float[dy.length];
            float[] y2 = new float[dy.length];
            int[] at = new int[dy.length];
            int[] at2 = new int[dy.length];
            float[] dx = new float[x.length];
            float[] dx2 = new float[x.length];
            REFERENCE.maxForward(p, n, x, y, at);
            Kernels.pool().maxForward(p, n, x, y2, at2);
            assertThat(y2).as("max " + what).isEqualTo(y);
            assertThat(at2).as("argmax " + what).isEqualTo(at);
            REFERENCE.maxBackward(p, n, dy, at, dx);
            Kernels.pool().maxBackward(p, n, dy, at2, dx2);
            Tolerance.F32.assertClose("max dx " + what, dx, dx2);
            boolean include = r.nextBoolean();
            REFERENCE.avgForward(p, n, include, x, y);
            Kernels.pool().avgForward(p, n, include, x, y2);
            Tolerance.F32.assertClose("avg " + what, y, y2);
            REFERENCE.avgBackward(p, n, include, dy, dx);
            Kernels.pool().avgBackward(p, n, include, dy, dx2);
            Tolerance.F32.assertClose("avg dx " + what, dx, dx2);
        }
    }
}
