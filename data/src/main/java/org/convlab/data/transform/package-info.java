/**
 * Image transforms for the lab: placing images on a larger zero canvas (the equivariance
 * test's 49 positions), fixed shifts (a shifted test set), crops and random translations.
 * Tensors are (N, C, H, W).
 */
package org.convlab.data.transform;
