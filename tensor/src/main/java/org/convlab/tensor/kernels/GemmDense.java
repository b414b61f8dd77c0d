package org.convlab.tensor.kernels;

/**
 * The linear layer as three matrix multiplies: {@code y = x w^T}, {@code dx = dy w},
 * {@code dw += dy^T x}, plus the bias row added to {@code y} and the column sums of {@code dy}
 * (summed over the batch in order) added to the bias gradient. Parallelism and its
 * determinism are the {@link Gemm}'s.
 */
public final class GemmDense implements DenseKernels {
    private final Gemm gemm;
    /** Adds the bias rows after the product: the same additions in any implementation. */
    private final ElementwiseKernels elementwise;

    /** The linear layer on top of this matrix multiply, the bias added by the plain loops. */
    public GemmDense(Gemm gemm) {
        this(gemm, new ReferenceElementwise());
    }

    /**
     * The linear layer on top of this matrix multiply, the bias added by {@code elementwise}
     * (the SIMD one adds a vector a step: the MLP 784-100-100-10's inference 1.04-1.09x on AMD
     * Zen 5 at 512 bits, one thread, against the plain loop).
     */
    public GemmDense(Gemm gemm, ElementwiseKernels elementwise) {
        this.gemm = gemm;
        this.elementwise = elementwise;
    }

    /** The matrix multiply underneath. */
    public Gemm gemm() {
        return gemm;
    }

    /** {@code w^T} packed by the GEMM as the right operand of {@code x w^T}. */
    private record GemmWeights(int in, int out, PackedB wt) implements PackedWeights {
    }

    @Override
    public void forward(int n, int in, int out, float[] x, float[] w, float[] bias, float[] y) {
        gemm.sgemm(false, true, n, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        addBias(n, out, bias, y);
    }

    @Override
    public PackedWeights pack(int in, int out, float[] w) {
        return new GemmWeights(in, out, gemm.pack(true, in, out, w, 0, in));
    }

    @Override
    public void forward(int n, float[] x, PackedWeights w, float[] bias, float[] y) {
        if (!(w instanceof GemmWeights packed)) {
            throw new IllegalArgumentException("GemmDense cannot use " + w.getClass().getSimpleName()
                    + ", packed by other kernels");
        }
        gemm.sgemm(false, n, 1f, x, 0, packed.in(), packed.wt(), 0f, y, 0, packed.out());
        addBias(n, packed.out(), bias, y);
    }

    /** {@code y[i, o] += bias[o]} for the {@code n} rows of {@code y (n, out)}; nothing when {@code bias} is {@code null}. */
    private void addBias(int n, int out, float[] bias, float[] y) {
        if (bias != null) {
            elementwise.addBiasRows(y, n, out, bias);
        }
    }

    @Override
    public void backward(int n, int in, int out, float[] x, float[] w, float[] dy, float[] dx, float[] dw,
                         float[] dbias) {
        if (dx != null) {
            gemm.sgemm(false, false, n, in, out, 1f, dy, 0, out, w, 0, in, 0f, dx, 0, in);
        }
        if (dw != null) {
            gemm.sgemm(true, false, out, in, n, 1f, dy, 0, out, x, 0, in, 1f, dw, 0, in);
        }
        if (dbias != null) {
            for (int o = 0; o < out; o++) {
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += dy[i * out + o];
                }
                dbias[o] += s;
            }
        }
    }

    @Override
    public String toString() {
        return "GemmDense(" + gemm.getClass().getSimpleName() + ")";
    }
}
