/**
 * The lab: convlab's training loop and the experiments of the notebook (NOTEBOOK.md) with
 * their reports.
 *
 * <ul>
 * <li>{@link org.convlab.lab.train} — the trainer: epochs of shuffled batches, cross-entropy,
 *     SGD/momentum/Adam, validation curves, checkpoints that resume bit-identically, a guard
 *     that stops on a non-finite loss.</li>
 * <li>{@link org.convlab.lab.progress} — progress bars on a terminal, plain lines otherwise.</li>
 * <li>{@link org.convlab.lab.equivariance} — the equivariance error, one documented metric.</li>
 * <li>{@link org.convlab.lab.experiments} — the five experiments (cnn-vs-mlp, equivariance,
 *     untrained-features, frozen-cnn, sharing), each returning a result record.</li>
 * <li>{@link org.convlab.lab.reporting} — charts (XChart), images and GIFs (written by data's ImageFiles), and the
 *     offline HTML report with results.json.</li>
 * </ul>
 */
package org.convlab.lab;
