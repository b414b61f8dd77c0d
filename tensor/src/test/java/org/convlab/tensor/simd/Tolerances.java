package org.convlab.tensor.simd;

/** Named tolerances for comparing fast float32 kernels with their reference twins. */
final class Tolerances {
    /**
     * Allowed absolute error per accumulated product for operands in [-1, 1]: two float32
     * sums of {@code k} products, accumulated in different orders, differ by at most about
     * {@code k * 2^-23} times the magnitude of the terms.
     */
    static final float F32_PER_TERM = 2.5e-7f;

    private Tolerances() {
    }

    /** The tolerance for a dot product of length {@code k} scaled by {@code scale}. */
    static float dot(int k, float scale) {
        return F32_PER_TERM * (k + 2) * Math.max(1f, scale);
    }
}
