package org.convlab.bench;

import org.convlab.core.BadParameterException;

/**
 * A GEMM problem written {@code MxNxK} or {@code MxNxK:TT} (transpose flags of A and B, {@code N}
 * or {@code T}), e.g. {@code 64x100x3072:NT} for a Linear layer's forward pass
 * {@code y (64, 100) = x (64, 3072) * W^T} with {@code W (100, 3072)}.
 */
record GemmShape(int m, int n, int k, boolean transA, boolean transB) {

    static GemmShape parse(String text) {
        String[] parts = text.split(":");
        String[] dims = parts[0].split("x");
        if (dims.length != 3 || (parts.length == 2 && parts[1].length() != 2) || parts.length > 2) {
            throw new BadParameterException("shape", "MxNxK or MxNxK:TT (T/N flags)", text);
        }
        try {
            boolean ta = parts.length == 2 && parts[1].charAt(0) == 'T';
            boolean tb = parts.length == 2 && parts[1].charAt(1) == 'T';
            return new GemmShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), ta, tb);
        } catch (NumberFormatException e) {
            throw new BadParameterException("shape", "MxNxK with positive integers", text);
        }
    }

    /** Floating-point operations of one multiply: {@code 2 m n k}. */
    double flops() {
        return 2.0 * m * n * k;
    }

    int lda() {
        return transA ? m : k;
    }

    int ldb() {
        return transB ? k : n;
    }

    @Override
    public String toString() {
        return m + "x" + n + "x" + k + ":" + (transA ? "T" : "N") + (transB ? "T" : "N");
    }
}
