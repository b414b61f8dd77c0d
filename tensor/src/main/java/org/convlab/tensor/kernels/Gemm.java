package org.convlab.tensor.kernels;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * <pre>  C = alpha * op(A) * op(B) + beta * C</pre>
 * where {@code op(A)} is {@code (m, k)} and {@code op(B)} is {@code (k, n)}, and {@code C} is
 * {@code (m, n)}. {@code op(X)} is {@code X} or, with the transpose flag, {@code X^T}; a
 * transposed {@code A} is stored as {@code (k, m)} with leading dimension {@code lda >= m}.
 * Element {@code (i, j)} of a row-major matrix at offset {@code off} with leading dimension
 * {@code ld} is {@code x[off + i*ld + j]}.
 *
 * <p>With {@code beta == 0}, {@code C} is not read (NaNs in it do not propagate), as in BLAS.
 * Implementations compute every element of {@code C} in an order that does not depend on the
 * thread count.
 */
public interface Gemm {
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);
}
