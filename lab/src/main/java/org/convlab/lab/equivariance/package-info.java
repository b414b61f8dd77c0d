/**
 * Translation equivariance, measured: {@link org.convlab.lab.equivariance.EquivarianceError}
 * is the one definition of the relative error {@code ||f(Tx) - T f(x)|| / ||f(Tx)||} used by
 * the lab's experiments, reports and the web explorer.
 */
package org.convlab.lab.equivariance;
