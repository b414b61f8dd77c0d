/**
 * Training any {@link org.convlab.nn.Module}: {@link org.convlab.nn.train.Fit} runs epochs of
 * batches from a {@link org.convlab.nn.train.BatchSource} with an optimiser and a loss, with
 * validation, checkpoints, listeners and the non-finite-loss guard.
 */
package org.convlab.nn.train;
