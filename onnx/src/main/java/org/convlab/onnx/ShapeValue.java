package org.convlab.onnx;

import java.util.Arrays;

/**
 * An integer tensor the importer evaluates while reading the graph: a constant, or a shape
 * computed from the input's ({@code Shape}, {@code Gather}, {@code Unsqueeze}, {@code Concat},
 * ...), whose batch entry is the symbol {@link #BATCH}. This is how the patterns
 * {@code torch.onnx.export} emits for {@code x.view(x.size(0), -1)} fold into a reshape.
 *
 * @param values the elements (a scalar has one)
 * @param scalar whether the tensor has rank 0
 */
record ShapeValue(long[] values, boolean scalar) {
    /** The batch size, unknown until run time. */
    static final long BATCH = Long.MIN_VALUE;

    static ShapeValue vector(long... values) {
        return new ShapeValue(values, false);
    }

    long get(int i) {
        return values[i];
    }

    int length() {
        return values.length;
    }

    boolean known() {
        for (long v : values) {
            if (v == BATCH) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(scalar ? "" : "[");
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? ", " : "").append(values[i] == BATCH ? "N" : Long.toString(values[i]));
        }
        return s.append(scalar ? "" : "]").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapeValue v && v.scalar == scalar && Arrays.equals(v.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + (scalar ? 1 : 0);
    }
}
