package org.convlab.tensor.kernels;

/**
 * The fast implementations a SIMD package offers, for {@link Kernels} to wire: each kernel that
 * sends part of its work elsewhere receives that collaborator here, and never looks it up. An
 * implementation is found with {@link java.util.ServiceLoader}, so this package does not import
 * the SIMD package (which imports this one).
 */
public interface FastKernels {
    /** The matrix multiply. */
    Gemm gemm();

    /** The convolution kernels; the cases they do not handle go to {@code fallback}. */
    ConvKernels conv(ConvKernels fallback);

    /** The linear-layer kernels; the shapes they do not handle go to {@code fallback}. */
    DenseKernels dense(DenseKernels fallback);

    /** The element-wise kernels. */
    ElementwiseKernels elementwise();

    /** The vector width the kernels use, in bits. */
    int vectorBits();

    /** The widths in use, the JVM's widest and the CPU's widest, as a phrase for a speed report. */
    String describeWidths();

    /**
     * The calling thread's measured FMA peak in GFLOP/s: independent FMA chains, no memory, at
     * every width the JVM offers, the best kept.
     *
     * @param seconds about how long to measure
     */
    double fmaPeak(double seconds);

    /**
     * {@link #fmaPeak} at the kernels' own width only: no other vector species runs in this JVM.
     *
     * @param seconds about how long to measure
     */
    double fmaPeakInUse(double seconds);
}
