/**
 * Fast kernels on the Vector API ({@code jdk.incubator.vector}); the only package that imports
 * it. Every kernel here has a reference twin in {@code org.convlab.tensor.kernels} that serves
 * as fallback and test oracle, and {@link org.convlab.tensor.kernels.Kernels} selects between
 * them once.
 *
 * <p>Vector discipline: the species is {@code static final} ({@link org.convlab.tensor.simd.Lanes}),
 * loops run to {@code loopBound} and finish with a scalar tail, and register-blocked
 * micro-kernels keep every vector in one method so that the JIT keeps them in registers.
 */
package org.convlab.tensor.simd;
