package org.convlab.nn.loss;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * Cross-entropy of class logits, PyTorch's {@code nn.CrossEntropyLoss()} (mean reduction, no
 * weights, no label smoothing), through a stable log-softmax:
 * <pre>
 *   loss = (1/N) * sum_i ( logsumexp(z_i) - z_i[label_i] ),   logsumexp(z) = m + log(sum_j exp(z_j - m)), m = max_j z_j
 *   dloss/dz_i[j] = (softmax(z_i)[j] - [j == label_i]) / N
 * </pre>
 * Logits are {@code (N, K)}, or {@code (K)} for one sample; labels are class indices in
 * {@code [0, K)}. Sums run in double; the gradient is float32. The gradient tensor is owned by
 * this object and reused by the next call.
 */
public final class CrossEntropyLoss implements Loss {
    private Tensor grad;
    private float loss = Float.NaN;
    private boolean ready;

    /**
     * The mean loss over the batch; also computes the gradient that {@link #backward()} returns.
     *
     * @throws BadParameterException when the shapes disagree or a label is out of range
     */
    @Override
    public float forward(Tensor logits, int[] labels) {
        int rank = logits.rank();
        if (rank != 1 && rank != 2) {
            throw new BadParameterException("cross-entropy logits", "shape (N, classes) or (classes)", logits.shape());
        }
        int n = rank == 2 ? logits.dim(0) : 1;
        int k = logits.dim(-1);
        if (labels == null || labels.length != n) {
            throw new BadParameterException("cross-entropy labels", n + " labels for logits " + logits.shape(),
                    labels == null ? "none" : labels.length + " labels");
        }
        if (grad == null || !grad.shape().equals(logits.shape())) {
            grad = Tensor.zeros(logits.shape());
        }
        float[] z = logits.data();
        float[] g = grad.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label >= k) {
                throw new BadParameterException("cross-entropy labels", "class indices in 0.." + (k - 1),
                        "label " + label + " at position " + i);
            }
            int row = i * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0;
            // StrictMath: the same bits on every JDK and CPU (Math.exp/log may differ by an ulp).
            for (int j = 0; j < k; j++) {
                sum += StrictMath.exp((double) z[row + j] - max);
            }
            double logSumExp = max + StrictMath.log(sum);
            total += logSumExp - z[row + label];
            for (int j = 0; j < k; j++) {
                double softmax = StrictMath.exp(z[row + j] - logSumExp);
                g[row + j] = (float) ((softmax - (j == label ? 1 : 0)) / n);
            }
        }
        loss = (float) (total / n);
        ready = true;
        return loss;
    }

    /** {@code dloss/dlogits} of the last {@link #forward}, the logits' shape. */
    @Override
    public Tensor backward() {
        if (!ready) {
            throw new IllegalStateException("cross-entropy: backward called before forward");
        }
        return grad;
    }

    /** The loss of the last {@link #forward}. */
    public float lastLoss() {
        return loss;
    }

    /** The index of the largest logit of row {@code i} (the predicted class; the first of equal maxima). */
    public static int argmax(Tensor logits, int i) {
        int k = logits.dim(-1);
        float[] z = logits.data();
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z[i * k + j] > z[i * k + best]) {
                best = j;
            }
        }
        return best;
    }

    /** How many rows of {@code logits (N, K)} have their largest logit at the label. */
    public static int correct(Tensor logits, int[] labels) {
        int n = logits.rank() == 2 ? logits.dim(0) : 1;
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += argmax(logits, i) == labels[i] ? 1 : 0;
        }
        return c;
    }
}
