package org.convlab.tensor.kernels;

/**
 * The right operand {@code op(B)} of a matrix multiply, {@code (k, n)}, prepared once by
 * {@link Gemm#pack} for many products with different left operands (a layer's weights during
 * inference). It is a snapshot: changing B after packing it does not change the products.
 * Only the {@link Gemm} that packed it can use it.
 */
public interface PackedB {
    /** Rows of {@code op(B)}: the products' depth. */
    int k();

    /** Columns of {@code op(B)}: the products' columns. */
    int n();
}
