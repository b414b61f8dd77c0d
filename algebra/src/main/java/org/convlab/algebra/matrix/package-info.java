/**
 * The matrix K of a convolution, {@code vec(y) = K vec(x)}: rows are outputs
 * {@code (C_out, i, j)}, columns inputs {@code (C_in, h, w)}, both row-major.
 *
 * <p>{@link org.convlab.algebra.matrix.ConvMatrix} is sparse and computes a row at a time
 * (shared weights, or unshared: a locally connected layer with the same windows); it multiplies
 * ({@code K x}, {@code K^T dy}) in double precision and refuses a dense form over 10 million
 * entries. {@link org.convlab.algebra.matrix.MatrixWriter} writes it as aligned text, a LaTeX
 * {@code bmatrix}, dense CSV or sparse COO triplets.
 */
package org.convlab.algebra.matrix;
