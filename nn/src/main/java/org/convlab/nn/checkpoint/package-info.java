/**
 * Checkpoint files: {@link org.convlab.nn.checkpoint.Checkpoints} saves a model (its
 * {@link org.convlab.nn.checkpoint.Architecture} and weights), optionally an optimiser's state,
 * and metadata; {@link org.convlab.nn.checkpoint.Checkpoints#loadModel} rebuilds the model
 * from the file alone.
 */
package org.convlab.nn.checkpoint;
