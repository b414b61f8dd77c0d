package org.convlab.tensor;

/**
 * A named tolerance for comparing computed values with expected ones, and the one place where
 * such comparisons are made (tests, golden checks and the gradient check all use it).
 *
 * <p>Element {@code i} passes when
 * <pre>  |actual_i - expected_i| <= rel * |expected_i| + abs * max_j |expected_j|</pre>
 * The second term scales with the tensor: sums that cancel to nearly zero carry rounding error
 * of the size of their terms, not of their result.
 *
 * @param name what the tolerance is for, e.g. {@code float32}
 * @param rel  tolerance relative to the element
 * @param abs  tolerance relative to the largest expected magnitude
 */
public record Tolerance(String name, double rel, double abs) {
    /** One float32 computation against an exact (double) or independent float32 one. */
    public static final Tolerance F32 = new Tolerance("float32", 1e-5, 1e-5);
    /**
     * A 3x3 convolution in Winograd's F(2x2, 3x3) form against the direct form or PyTorch: its
     * error bound ({@code org.convlab.tensor.kernels.Winograd}) is a few times the direct sum's.
     */
    public static final Tolerance F32_WINOGRAD = new Tolerance("float32, Winograd F(2x2, 3x3)", 5e-5, 5e-5);
    /** Several float32 training steps (forward, backward, update) against PyTorch's. */
    public static final Tolerance F32_STEPS = new Tolerance("float32 after training steps", 1e-4, 1e-4);
    /** Double-precision computations of the same quantity in different orders. */
    public static final Tolerance F64 = new Tolerance("float64", 1e-12, 1e-12);

    /** Compares element by element; see {@link Difference}. */
    public Difference compare(double[] expected, double[] actual) {
        return Difference.of(this, expected, actual);
    }

    /** Compares float arrays (widened exactly to double). */
    public Difference compare(float[] expected, float[] actual) {
        return Difference.of(this, widen(expected), widen(actual));
    }

    /**
     * Throws an {@link AssertionError} naming {@code what}, the largest differences and where,
     * unless every element passes.
     */
    public void assertClose(String what, float[] expected, float[] actual) {
        compare(expected, actual).orThrow(what, null);
    }

    /** As {@link #assertClose(String, float[], float[])}, with indices shown in {@code shape}. */
    public void assertClose(String what, Shape shape, float[] expected, float[] actual) {
        compare(expected, actual).orThrow(what, shape);
    }

    /** As {@link #assertClose(String, float[], float[])} for double arrays. */
    public void assertClose(String what, double[] expected, double[] actual) {
        compare(expected, actual).orThrow(what, null);
    }

    /** Compares tensors, which must have the same shape. */
    public void assertClose(String what, Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            throw new AssertionError(what + ": expected shape " + expected.shape() + ", got " + actual.shape());
        }
        compare(expected.data(), actual.data()).orThrow(what, expected.shape());
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Override
    public String toString() {
        return name + " (rel " + rel + ", abs " + abs + " x max|expected|)";
    }
}
