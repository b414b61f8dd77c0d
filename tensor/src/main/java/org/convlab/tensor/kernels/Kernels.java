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

    /** The element-wise kernels (rectifier, bias rows) in use. */
    public static ElementwiseKernels elementwise() {
        return ELEMENTWISE;
    }

    private static Gemm simdGemmOrReference() {
        return org.convlab.tensor.simd.SimdGemm.supported()
                ? new org.convlab.tensor.simd.SimdGemm() : new ReferenceGemm();
    }
}
