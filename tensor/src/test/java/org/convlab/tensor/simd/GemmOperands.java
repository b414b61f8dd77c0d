package org.convlab.tensor.simd;

import java.util.Random;

/**
 * Random operands of {@code op(A) (m, k) x op(B) (k, n)} as the GEMM tests feed them: values in
 * [-1, 1), each array starting at a small offset, its leading dimension padded by up to 3 floats.
 */
record GemmOperands(float[] a, int aOff, int lda, float[] b, int bOff, int ldb) {
    static GemmOperands random(Random r, int m, int n, int k, boolean transA, boolean transB) {
        int aOff = r.nextInt(5);
        int bOff = r.nextInt(5);
        int lda = (transA ? m : k) + r.nextInt(4);
        int ldb = (transB ? k : n) + r.nextInt(4);
        float[] a = SimdGemmTest.random(r, aOff + (transA ? k : m) * lda);
        float[] b = SimdGemmTest.random(r, bOff + (transB ? n : k) * ldb);
        return new GemmOperands(a, aOff, lda, b, bOff, ldb);
    }
}
