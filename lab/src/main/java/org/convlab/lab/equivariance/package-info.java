/**
 * Translation equivariance, measured: {@link org.convlab.lab.equivariance.EquivarianceError}
 * is the one definition of the relative error {@code ||f(Tx) - T f(x)|| / ||f(Tx)||} used by
 * the lab's experiments, reports and the web explorer;
 * {@link org.convlab.lab.equivariance.FeatureExtractor} is a network's convolutional prefix with
 * its total stride and interior margin, for measuring a saved model's features.
 */
package org.convlab.lab.equivariance;
