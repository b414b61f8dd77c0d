package org.convlab.nn.train;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/**
 * The training data as numbered batches. For a resumed run to end bit-identical to an
 * uninterrupted one, batch {@code index} of epoch {@code epoch} must depend on those two
 * numbers alone (a shuffle drawn from a seed and the epoch, say), never on what came before.
 */
public interface BatchSource {
    /** Batches per epoch (at least 1). */
    int batchesPerEpoch();

    /** Batch {@code index} (0-based) of epoch {@code epoch} (0-based); may reuse its buffers on the next call. */
    LabelledBatch batch(int epoch, int index);

    /**
     * In-memory data in a fixed order: batch {@code b} holds samples {@code b*batchSize ..} of
     * {@code inputs} {@code (N, ...)} with their {@code labels}, the same in every epoch.
     */
    static BatchSource of(Tensor inputs, int[] labels, int batchSize) {
        int n = inputs.rank() < 1 ? 0 : inputs.dim(0);
        if (n < 1 || labels.length != n) {
            throw new BadParameterException("labels", "one label per sample of inputs " + inputs.shape(),
                    labels.length);
        }
        if (batchSize < 1) {
            throw new BadParameterException("batchSize", "a positive integer", batchSize);
        }
        int per = inputs.size() / n;
        int batches = (n + batchSize - 1) / batchSize;
        return new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return batches;
            }

            @Override
            public LabelledBatch batch(int epoch, int index) {
                int from = index * batchSize;
                int m = Math.min(batchSize, n - from);
                int[] dims = inputs.shape().dims();
                dims[0] = m;
                float[] x = new float[m * per];
                System.arraycopy(inputs.data(), from * per, x, 0, x.length);
                int[] y = new int[m];
                System.arraycopy(labels, from, y, 0, m);
                return new LabelledBatch(Tensor.wrap(x, dims), y);
            }
        };
    }
}
