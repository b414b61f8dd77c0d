package org.convlab.tensor.kernels;

/** Conversions between the engine's float arrays and the double arrays of the reference kernels. */
public final class Doubles {
    private Doubles() {
    }

    /** The first {@code size} elements of {@code a}, widened to double. */
    public static double[] of(float[] a, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** All elements of {@code a}, widened to double. */
    public static double[] of(float[] a) {
        return of(a, a.length);
    }

    /** {@code out[i] = (float) d[i]} for every element of {@code d}. */
    public static void store(double[] d, float[] out) {
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
    }

    /** {@code out[i] = (float) (out[i] + d[i])}, one rounding per element. */
    public static void add(double[] d, float[] out) {
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) (out[i] + d[i]);
        }
    }

    /** The elements of {@code d} rounded to float. */
    public static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        store(d, f);
        return f;
    }
}
