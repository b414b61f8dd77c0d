package org.convlab.tensor.kernels;

import org.convlab.core.ConvlabException;

/**
 * Uses the kernels twice, as a program would, for {@link KernelsStartupTest}'s child JVMs: prints
 * {@code simd=<bool> bits=<n>}, or the message of the {@link ConvlabException} the first use throws.
 */
public final class KernelsStartup {
    private KernelsStartup() {
    }

    /** Multiplies two 2x2 matrices twice and prints what ran. */
    public static void main(String[] args) {
        try {
            float[] c = new float[4];
            for (int i = 0; i < 2; i++) {
                Kernels.gemm().sgemm(false, false, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2,
                        new float[] {1, 0, 0, 1}, 0, 2, 0f, c, 0, 2);
            }
            System.out.println("simd=" + Kernels.simd() + " bits=" + Kernels.vectorBits() + " c=" + c[3]);
        } catch (ConvlabException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
