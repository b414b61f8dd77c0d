package org.convlab.tensor.simd;

/**
 * Per-thread scratch arrays that grow to the largest size asked for and are never shrunk, so that
 * the kernels allocate nothing per call once warmed up.
 */
final class ThreadScratch {
    private ThreadScratch() {
    }

    /** {@code s} with its first three arrays replaced by larger ones where they are shorter than asked. */
    static float[][] grow(float[][] s, int size0, int size1, int size2) {
        if (s[0].length < size0) {
            s[0] = new float[size0];
        }
        if (s[1].length < size1) {
            s[1] = new float[size1];
        }
        if (s[2].length < size2) {
            s[2] = new float[size2];
        }
        return s;
    }

    /** {@link #grow(float[][], int, int, int)} and its fourth array too. */
    static float[][] grow(float[][] s, int size0, int size1, int size2, int size3) {
        if (s[3].length < size3) {
            s[3] = new float[size3];
        }
        return grow(s, size0, size1, size2);
    }

    /** {@link #grow(float[][], int, int, int, int)} and its fifth array too. */
    static float[][] grow(float[][] s, int size0, int size1, int size2, int size3, int size4) {
        if (s[4].length < size4) {
            s[4] = new float[size4];
        }
        return grow(s, size0, size1, size2, size3);
    }
}
