package org.convlab.app;

import java.util.Arrays;
import java.util.Comparator;

/** Class probabilities from logits: {@code p[k] = exp(z[k] - max z) / sum_j exp(z[j] - max z)}, in double. */
final class Softmax {
    private Softmax() {
    }

    /** The probabilities of the {@code k} logits {@code z[from .. from + k)}. */
    static double[] of(float[] z, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, z[from + i]);
        }
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(z[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The indices of the {@code n} largest probabilities, largest first (ties: the lower index first). */
    static int[] top(double[] p, int n) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
