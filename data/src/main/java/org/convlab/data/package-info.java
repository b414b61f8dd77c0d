/**
 * Data sets for convlab: a {@code --data} spec ({@link org.convlab.data.DataSpec}) is loaded by
 * {@link org.convlab.data.DataSets} into a {@link org.convlab.data.DataSet} of train,
 * validation and test {@link org.convlab.data.ImageSet}s held as bytes, with a per-channel
 * {@link org.convlab.data.Normalization}; a {@link org.convlab.data.Batcher} turns a set into
 * seeded, shuffled batches of float tensors (N, C, H, W) in a reusable {@link org.convlab.data.Batch}.
 *
 * <pre>
 * DataSet d = DataSets.load(DataSpec.parse("auto"), LoadOptions.defaults());
 * Batcher b = Batcher.shuffled(d.train(), d.normalization(), 64, 7);
 * Batch batch = b.newBatch();
 * for (int epoch = 0; epoch &lt; 2; epoch++) {
 *     for (Batch x : b.epoch(epoch, batch)) { ... x.images() is (n, 1, 28, 28), x.labels() ... }
 * }
 * </pre>
 */
package org.convlab.data;
