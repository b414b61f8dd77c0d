/**
 * The algebra of convolutions: exact answers, no floating point where none is needed.
 *
 * <p>{@link org.convlab.algebra.Axis} holds the one output-size formula of convlab,
 * {@code out = floor((n + pBefore + pAfter - d(k-1) - 1) / s) + 1}, and
 * {@link org.convlab.algebra.ConvGeometry} combines axes with channels and groups; every other
 * module (the engine's layers, the explorer, the lab) asks these classes for sizes instead of
 * computing them again. {@link org.convlab.algebra.Padding} parses and resolves
 * {@code valid}/{@code same}/{@code full}/explicit padding, and
 * {@link org.convlab.algebra.PaddingMode} says which input a padded position copies.
 *
 * <p>{@link org.convlab.algebra.ConvTaps} turns a geometry into index arithmetic (which weight
 * multiplies which input for each output); the subpackages build on it: {@code symbolic}
 * (output elements as expressions), {@code matrix} (the matrix K, shared or unshared),
 * {@code cost} (parameter and operation counts, receptive fields) and {@code worksheet} (the
 * worksheet's answers and generated exercises).
 */
package org.convlab.algebra;
