package org.convlab.tensor.kernels;

/** The plain loops of {@link ElementwiseKernels}: the oracle of the fast versions. */
public final class ReferenceElementwise implements ElementwiseKernels {
    @Override
    public void relu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public void addBiasRows(float[] x, int rows, int features, float[] bias) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] += bias[j];
            }
        }
    }
}
