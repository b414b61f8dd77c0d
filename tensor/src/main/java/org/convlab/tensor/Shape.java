package org.convlab.tensor;

import java.util.Arrays;
import org.convlab.core.BadParameterException;

/**
 * The dimensions of a dense row-major tensor, e.g. {@code (N, C, H, W)}; immutable.
 *
 * <p>Every dimension is at least 1 and the element count, computed exactly, fits a Java array.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new BadParameterException("shape", "positive dimensions", Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new BadParameterException("shape", "at most 2^31-9 elements", Arrays.toString(dims));
            }
        }
        this.size = (int) n;
    }

    /** The shape with these dimensions, outermost first. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end as in PyTorch. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The element count, the product of the dimensions. */
    public int size() {
        return size;
    }

    /** Elements from dimension {@code from} (inclusive) to the end: the stride of dimension {@code from - 1}. */
    public int sizeFrom(int from) {
        int n = 1;
        for (int i = from; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** PyTorch's style: {@code (64, 3, 32, 32)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
