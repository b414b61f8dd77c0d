package org.convlab.tensor.kernels;

import java.util.ServiceLoader;
import org.convlab.core.ConvlabException;

/**
 * Chooses between the fast (Vector API) kernels and their reference twins, once, and wires them:
 * the only place that constructs the kernels in use and hands each its collaborators.
 *
 * <p>The fast kernels ({@link FastKernels}, found with {@link ServiceLoader}) are used when the
 * {@code jdk.incubator.vector} module is present (the launcher adds it) and the system property
 * {@code convlab.simd} is not {@code false}. Without the module, the first use prints one notice
 * on stderr saying which kernels run and how to enable the fast ones. A bad
 * {@code convlab.vector.bits} is reported by every accessor as a {@link ConvlabException} (one line
 * from the command line), never as an error while initialising a class.
 */
public final class Kernels {
    private static final ConvlabException PROBLEM;
    private static final FastKernels FAST;
    private static final Gemm GEMM;
    private static final ConvKernels CONV;
    private static final DenseKernels DENSE;
    private static final LocalKernels LOCAL;
    private static final PoolKernels POOL = new DirectPool();
    private static final ElementwiseKernels ELEMENTWISE;

    static {
        ConvlabException problem = null;
        FastKernels fast = null;
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty("convlab.simd"));
        try {
            VectorWidth.requestedBits();
            if (wanted && vectorModulePresent()) {
                fast = ServiceLoader.load(FastKernels.class, Kernels.class.getClassLoader()).findFirst().orElse(null);
            } else if (wanted) {
                System.err.println("convlab: the Vector API module is not loaded, so the reference kernels run"
                        + " (several times slower); start java with --add-modules jdk.incubator.vector"
                        + " (the ./convlab launcher does) for the SIMD kernels");
            }
        } catch (ConvlabException e) {
            problem = e;
        }
        PROBLEM = problem;
        FAST = fast;
        GEMM = fast != null ? fast.gemm() : new ReferenceGemm();
        ELEMENTWISE = fast != null ? fast.elementwise() : new ReferenceElementwise();
        CONV = fast != null ? fast.conv(new GemmConv(GEMM)) : new GemmConv(GEMM);
        DENSE = fast != null ? fast.dense(new GemmDense(GEMM, ELEMENTWISE)) : new GemmDense(GEMM, ELEMENTWISE);
        LOCAL = new GemmLocal(GEMM);
    }

    private Kernels() {
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static void check() {
        if (PROBLEM != null) {
            throw PROBLEM;
        }
    }

    /** Whether the Vector API kernels are in use. */
    public static boolean simd() {
        check();
        return FAST != null;
    }

    /** The vector width of the kernels in use, in bits; 0 for the reference (scalar) kernels. */
    public static int vectorBits() {
        check();
        return FAST == null ? 0 : FAST.vectorBits();
    }

    /**
     * The vector widths that matter to a speed figure, e.g. {@code "Vector API, 256-bit vectors in use
     * (8 lanes); JVM's widest 256-bit; CPU's widest 256-bit"}, or {@code "reference (scalar)"}.
     */
    public static String vectorDescription() {
        check();
        return FAST == null ? "reference (scalar)" : "Vector API, " + FAST.describeWidths();
    }

    /** The fast kernels in use, or {@code null} for the reference ones ({@link MachinePeak} measures with them). */
    static FastKernels fast() {
        check();
        return FAST;
    }

    /** The matrix multiply in use. */
    public static Gemm gemm() {
        check();
        return GEMM;
    }

    /** The convolution kernels in use (1-D and 2-D, every padding mode and group count). */
    public static ConvKernels conv() {
        check();
        return CONV;
    }

    /** The fully connected (linear) kernels in use. */
    public static DenseKernels dense() {
        check();
        return DENSE;
    }

    /** The locally connected (unshared convolution) kernels in use. */
    public static LocalKernels local() {
        check();
        return LOCAL;
    }

    /** The pooling kernels in use. */
    public static PoolKernels pool() {
        check();
        return POOL;
    }

    /** The element-wise kernels (rectifier, bias rows) in use. */
    public static ElementwiseKernels elementwise() {
        check();
        return ELEMENTWISE;
    }
}
