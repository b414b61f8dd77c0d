package org.convlab.tensor.kernels;

/**
 * {@link Gemm#pack}'s default: a copy of B in its own layout ({@code (k, n)}, or {@code (n, k)}
 * when transposed), multiplied by the implementation's own {@code sgemm}, so the products have
 * the bits of the unpacked ones.
 */
record CopiedB(boolean transB, int k, int n, float[] b) implements PackedB {
    static CopiedB of(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int rows = transB ? n : k;
        int cols = transB ? k : n;
        float[] copy = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, bOff + r * ldb, copy, r * cols, cols);
        }
        return new CopiedB(transB, k, n, copy);
    }

    /** The leading dimension of the copy. */
    int ld() {
        return transB ? k : n;
    }
}
