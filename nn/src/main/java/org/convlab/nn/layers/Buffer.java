package org.convlab.nn.layers;

import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/** A tensor a layer keeps between calls: reallocated only when the shape changes. */
final class Buffer {
    private Tensor t;

    /** The kept tensor, with these dimensions (contents unspecified). */
    Tensor shaped(int... dims) {
        if (t == null || !t.hasShape(dims)) {
            t = Tensor.zeros(dims);
        }
        return t;
    }

    /** The kept tensor, with this shape (contents unspecified). */
    Tensor shaped(Shape shape) {
        if (t == null || !t.shape().equals(shape)) {
            t = Tensor.zeros(shape);
        }
        return t;
    }
}
