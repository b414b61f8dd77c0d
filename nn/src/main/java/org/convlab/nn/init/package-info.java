/**
 * Deterministic random numbers ({@link org.convlab.nn.init.Rng}, SplitMix64) and PyTorch's
 * default parameter initialisation ({@link org.convlab.nn.init.Init}).
 */
package org.convlab.nn.init;
