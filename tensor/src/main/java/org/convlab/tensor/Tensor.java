package org.convlab.tensor;

import java.util.Arrays;
import org.convlab.core.BadParameterException;

/**
 * A dense float32 tensor: a {@link Shape} and a row-major {@code float[]} it owns (NCHW for
 * images). Views made by {@link #reshape} share the array.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    private Tensor(Shape shape, float[] data) {
        if (data.length != shape.size()) {
            throw new BadParameterException("data", shape.size() + " values for shape " + shape, data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... dims) {
        Shape s = Shape.of(dims);
        return new Tensor(s, new float[s.size()]);
    }

    /** A tensor of zeros with this shape. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /** Wraps {@code data} (not copied) as a tensor of shape {@code dims}. */
    public static Tensor wrap(float[] data, int... dims) {
        return new Tensor(Shape.of(dims), data);
    }

    /** Wraps {@code data} (not copied) as a tensor of this shape. */
    public static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(shape, data);
    }

    public Shape shape() {
        return shape;
    }

    /** The backing array, row-major; writes are visible through every view. */
    public float[] data() {
        return data;
    }

    /** Dimension {@code i}; negative counts from the end. */
    public int dim(int i) {
        return shape.dim(i);
    }

    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** A view with another shape of the same size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && infer < 0) {
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0 && known > 0 && data.length % known == 0) {
            d[infer] = (int) (data.length / known);
        }
        Shape s = Shape.of(d);
        if (s.size() != data.length) {
            throw new BadParameterException("reshape", "a shape with " + data.length + " elements like " + shape,
                    Arrays.toString(dims));
        }
        return new Tensor(s, data);
    }

    /** An independent copy. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** Sets every element to {@code value}; returns this tensor. */
    public Tensor fill(float value) {
        Arrays.fill(data, value);
        return this;
    }

    /** Copies the elements of {@code src}, which must have the same number of elements; returns this tensor. */
    public Tensor copyFrom(Tensor src) {
        if (src.data.length != data.length) {
            throw new BadParameterException("copy", data.length + " values like " + shape, src.shape);
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
        return this;
    }

    /** Whether every element is finite (no NaN, no infinity). */
    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this tensor has exactly these dimensions. */
    public boolean hasShape(int... dims) {
        if (dims.length != shape.rank()) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != shape.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** The element at these indices (for tests and small tools, not for hot loops). */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Sets the element at these indices (for tests and small tools, not for hot loops). */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    private int offset(int[] index) {
        if (index.length != shape.rank()) {
            throw new BadParameterException("index", shape.rank() + " indices for shape " + shape, index.length);
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new BadParameterException("index", "0.." + (d - 1) + " in dimension " + i, index[i]);
            }
            off = off * d + index[i];
        }
        return off;
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
