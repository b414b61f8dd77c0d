package org.convlab.tensor.simd;

import org.convlab.tensor.kernels.ConvKernels;
import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.kernels.ElementwiseKernels;
import org.convlab.tensor.kernels.FastKernels;
import org.convlab.tensor.kernels.Gemm;

/**
 * The Vector API kernels of this package, offered to {@link org.convlab.tensor.kernels.Kernels}
 * (registered in {@code META-INF/services}); it constructs them, the facade wires them.
 */
public final class VectorKernels implements FastKernels {
    /** For {@link java.util.ServiceLoader}. */
    public VectorKernels() {
    }

    @Override
    public Gemm gemm() {
        return new SimdGemm();
    }

    @Override
    public ConvKernels conv(ConvKernels fallback) {
        return new SimdConv(fallback);
    }

    @Override
    public DenseKernels dense(DenseKernels fallback) {
        return new SimdDense(fallback);
    }

    @Override
    public ElementwiseKernels elementwise() {
        return new SimdElementwise();
    }

    @Override
    public int vectorBits() {
        return Lanes.F.vectorBitSize();
    }

    @Override
    public String describeWidths() {
        return VectorWidths.describe();
    }

    @Override
    public double fmaPeak(double seconds) {
        return FmaPeak.measure(seconds);
    }

    @Override
    public double fmaPeakInUse(double seconds) {
        return FmaPeak.atWidth(Lanes.F.vectorBitSize(), seconds);
    }
}
