/**
 * Kernels and their selection: every fast kernel (in {@code org.convlab.tensor.simd}, the only
 * package that imports {@code jdk.incubator.vector}) has a slow, obviously correct twin here
 * that serves as fallback and as test oracle. {@link org.convlab.tensor.kernels.Kernels}
 * chooses once.
 */
package org.convlab.tensor.kernels;
