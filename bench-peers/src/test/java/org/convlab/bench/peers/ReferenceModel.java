package org.convlab.bench.peers;

import java.util.List;
import org.convlab.tensor.Tensor;

/**
 * The benchmark models' forward pass and loss written out in plain loops, in double
 * precision: the oracle the engines' weight loading is tested against.
 */
final class ReferenceModel {
    private ReferenceModel() {
    }

    /** Logits {@code (N, 10)} of {@code x (N, C, H, W)}. */
    static float[] logits(Model model, Weights weights, Tensor x) {
        int n = x.dim(0);
        double[] h = new double[x.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = x.data()[i];
        }
        int c = model.channels();
        int height = model.height();
        int width = model.width();
        List<Layer> layers = model.layers();
        for (int li = 0; li < layers.size(); li++) {
            Layer l = layers.get(li);
            float[] w = weights.weight(l.name()).data();
            float[] b = weights.bias(l.name()).data();
            if (l.isConv()) {
                h = conv(h, n, c, height, width, w, b, l.out(), l.conv().axis(0).kernel(), l.conv().axis(0).padBefore());
                c = l.out();
            } else {
                h = linear(h, n, l.in(), w, b, l.out());
            }
            if (li < layers.size() - 1) {
                for (int i = 0; i < h.length; i++) {
                    h[i] = Math.max(0, h[i]);
                }
            }
        }
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = (float) h[i];
        }
        return out;
    }

    /** Same-size stride-1 cross-correlation with zero padding {@code p}: y[n][o][i][j]. */
    private static double[] conv(double[] x, int n, int c, int height, int width, float[] w, float[] b, int out, int k, int p) {
        double[] y = new double[n * out * height * width];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        double acc = b[o];
                        for (int ci = 0; ci < c; ci++) {
                            for (int u = 0; u < k; u++) {
                                int yi = i + u - p;
                                if (yi < 0 || yi >= height) {
                                    continue;
                                }
                                for (int v = 0; v < k; v++) {
                                    int xj = j + v - p;
                                    if (xj >= 0 && xj < width) {
                                        acc += w[((o * c + ci) * k + u) * k + v] * x[((s * c + ci) * height + yi) * width + xj];
                                    }
                                }
                            }
                        }
                        y[((s * out + o) * height + i) * width + j] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** y[n][o] = b[o] + sum_i w[o][i] x[n][i], with x flattened per sample in NCHW order. */
    private static double[] linear(double[] x, int n, int in, float[] w, float[] b, int out) {
        double[] y = new double[n * out];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                for (int i = 0; i < in; i++) {
                    acc += w[o * in + i] * x[s * in + i];
                }
                y[s * out + o] = acc;
            }
        }
        return y;
    }

    /** Mean cross-entropy of logits {@code (N, 10)} against labels, with a stable log-softmax. */
    static double crossEntropy(float[] z, int[] labels) {
        int k = Model.CLASSES;
        double sum = 0;
        for (int s = 0; s < labels.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[s * k + j]);
            }
            double e = 0;
            for (int j = 0; j < k; j++) {
                e += Math.exp(z[s * k + j] - max);
            }
            sum += max + Math.log(e) - z[s * k + labels[s]];
        }
        return sum / labels.length;
    }
}
