/**
 * The notebook's training protocol on nn's fit loop ({@link org.convlab.nn.train.Fit}):
 * {@link org.convlab.lab.train.Trainer} trains a
 * {@link org.convlab.lab.train.ModelSpec model} on a {@link org.convlab.data.DataSet} with a
 * {@link org.convlab.lab.train.TrainConfig} (the notebook's protocol by default: plain SGD,
 * lr 3e-3, batch 64, 2 epochs, seed 7) and returns a {@link org.convlab.lab.train.TrainResult}:
 * validation accuracy every N iterations and per epoch, test accuracy, wall time, images/s.
 *
 * <p>Guarantees, each checked by a test:
 * <ul>
 * <li>Determinism: a seed fixes the initial weights ({@code Rng(seed)}) and the batch order of
 *     every epoch ({@code Batcher}: a function of seed and epoch), and the engine's kernels sum
 *     in an order independent of the thread count, so the final weights are bit-identical on
 *     1 or 2 threads.</li>
 * <li>Resume: the fit loop saves ({@link org.convlab.nn.checkpoint.Checkpoints}), after every
 *     epoch, the model's architecture and state dict, the optimiser's state and step counts, the
 *     epoch and the history so far; {@link org.convlab.lab.train.RunCheckpoint} adds the
 *     configuration and the data's identity and fingerprint, and refuses a resume of another run
 *     or on other data; resuming continues with the next epoch's batches and ends with the same
 *     bits as an uninterrupted run.</li>
 * <li>NaN guard: a non-finite loss stops training at that step with
 *     {@link org.convlab.lab.train.TrainingDivergedException}, naming the step, the batch and
 *     the first layer whose output went non-finite; checkpoints are only written at the end of
 *     a finite epoch, so the last good one stays intact.</li>
 * </ul>
 */
package org.convlab.lab.train;
