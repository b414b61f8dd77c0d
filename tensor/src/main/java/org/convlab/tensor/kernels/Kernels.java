package org.convlab.tensor.kernels;

/**
 * Chooses between the fast (Vector API) kernels and their reference twins, once.
 *
 * <p>The fast kernels are used when the {@code jdk.incubator.vector} module is present (the
 * launcher adds it) and the system property {@code convlab.simd} is not {@code false}.
 */
public final class Kernels {
    private static final boolean SIMD = !"false".equalsIgnoreCase(System.getProperty("convlab.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final Gemm GEMM = SIMD ? simdGemmOrReference() : new ReferenceGemm();
    private static final ConvKernels CONV = SIMD && org.convlab.tensor.simd.SimdGemm.supported()
            ? new org.convlab.tensor.simd.SimdConv(new GemmConv(GEMM)) : new GemmConv(GEMM);
    private static final DenseKernels DENSE = SIMD && org.convlab.tensor.simd.SimdGemm.supported()
            ? new org.convlab.tensor.simd.SimdDense(new GemmDense(GEMM)) : new GemmDense(GEMM);
    private static final LocalKernels LOCAL = new GemmLocal(GEMM);
    private static final PoolKernels POOL = new DirectPool();
    private static final ElementwiseKernels ELEMENTWISE = SIMD && org.convlab.tensor.simd.SimdGemm.supported()
            ? new org.convlab.tensor.simd.SimdElementwise() : new ReferenceElementwise();

    private Kernels() {
    }

    /** Whether the Vector API kernels are in use. */
    public static boolean simd() {
        return SIMD;
    }

    /** The matrix multiply in use. */
    public static Gemm gemm() {
        return GEMM;
    }

    /** The convolution kernels in use (1-D and 2-D, every padding mode and group count). */
    public static ConvKernels conv() {
        return CONV;
    }

    /** The fully connected (linear) kernels in use. */
    public static DenseKernels dense() {
        return DENSE;
    }

    /** The locally connected (unshared convolution) kernels in use. */
    public static LocalKernels local() {
        return LOCAL;
    }

    /** The pooling kernels in use. */
    public static PoolKernels pool() {
        return POOL;
    }

    /** The element-wise kernels (rectifier, bias rows) in use. */
    public static ElementwiseKernels elementwise() {
        return ELEMENTWISE;
    }

    private static Gemm simdGemmOrReference() {
        return org.convlab.tensor.simd.SimdGemm.supported()
                ? new org.convlab.tensor.simd.SimdGemm() : new ReferenceGemm();
    }
}
