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

    /**
     * Prepares {@code op(B)}, {@code (k, n)}, for many products by
     * {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)}:
     * a snapshot in this implementation's layout (the default copies B as it is).
     */
    default PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return CopiedB.of(transB, k, n, b, bOff, ldb);
    }

    /**
     * {@code C = alpha * op(A) * B + beta * C} with a B this implementation {@link #pack packed}:
     * the same bits as the product with B unpacked.
     *
     * @throws IllegalArgumentException if another implementation packed {@code b}
     */
    default void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda,
                       PackedB b, float beta, float[] c, int cOff, int ldc) {
        if (!(b instanceof CopiedB copy)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot use " + b.getClass().getSimpleName()
                    + ", packed by another GEMM");
        }
        sgemm(transA, copy.transB(), m, copy.n(), copy.k(), alpha, a, aOff, lda, copy.b(), 0, copy.ld(),
                beta, c, cOff, ldc);
    }
}
