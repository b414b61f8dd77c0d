package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.convlab.nn.check.GradCheck;
import org.convlab.nn.check.GradCheckResult;
import org.convlab.nn.check.GradCheckSuite;
import org.convlab.nn.check.Twin;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checks of {@code convlab gradcheck}: every layer passes, and a wrong gradient does not. */
class GradCheckTest {
    @Test
    void everyLayerPasses() {
        List<GradCheckResult> results = GradCheckSuite.run(1, 6);
        assertThat(results).hasSizeGreaterThan(40);
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    }

    @Test
    void anotherSeedPassesToo() {
        assertThat(GradCheckSuite.run(20240601, 6)).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    }

    @Test
    void aWrongEngineGradientFails() {
        Conv2d conv = Conv2d.builder(2, 2, 3).build(new Rng(1));
        Sequential broken = new Sequential(conv) {
            @Override
            public Tensor backward(Tensor dy) {
                Tensor dx = super.backward(dy);
                conv.weight().grad().data()[4] *= 1.001f; // a 0.1% error in one element
                return dx;
            }
        };
        GradCheckResult r = GradCheck.check("broken", broken, Shape.of(2, 2, 5, 5), 3);
        assertThat(r.floatError()).isGreaterThan(1e-5);
        assertThat(r.passed()).isFalse();
        assertThat(GradCheck.check("conv", conv, Shape.of(2, 2, 5, 5), 3).passed()).isTrue();
    }

    @Test
    void aWrongAnalyticGradientFailsTheCentralDifferences() {
        // f(x) = x^3 element-wise with the gradient 3x^2 written wrongly as 3x^2 + 1e-4
        Twin cube = new Twin() {
            private double[] x;

            @Override
            public double[] forward(double[] in) {
                x = in;
                double[] y = new double[in.length];
                for (int i = 0; i < in.length; i++) {
                    y[i] = in[i] * in[i] * in[i];
                }
                return y;
            }

            @Override
            public double[] backward(double[] dy) {
                double[] dx = new double[dy.length];
                for (int i = 0; i < dy.length; i++) {
                    dx[i] = dy[i] * (3 * x[i] * x[i] + (i == 2 ? 1e-4 : 0));
                }
                return dx;
            }

            @Override
            public List<double[]> params() {
                return List.of();
            }

            @Override
            public List<double[]> grads() {
                return List.of();
            }
        };
        double[] x = {0.5, -0.3, 0.8, 0.1};
        double[] r = {1, 1, 1, 1};
        assertThat(GradCheck.centralDifferenceError(cube, x, r)).isGreaterThan(GradCheck.FD_TOLERANCE);
        assertThat(x).containsExactly(0.5, -0.3, 0.8, 0.1); // the check restores what it perturbs
    }
}
