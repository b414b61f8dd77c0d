package org.convlab.bench.peers;

/**
 * Floating-point operations per image, counted analytically from the weighted layers.
 *
 * <p>Convention (the same for every engine, so ratios do not depend on it):
 * <ul>
 *   <li>forward = sum over weighted layers of {@code 2 * MACs} (one multiply and one add per
 *       multiply-accumulate);</li>
 *   <li>a training step = forward + weight gradients ({@code 2 * MACs} per layer) + input
 *       gradients ({@code 2 * MACs} per layer except the first, whose input gradient no engine
 *       computes), i.e. backward is about twice the forward;</li>
 *   <li>biases, ReLU, flatten, softmax/cross-entropy and the SGD update are not counted (they
 *       are below 1% of the total for these models).</li>
 * </ul>
 */
public final class Flops {
    private Flops() {
    }

    /** Forward FLOPs per image: {@code 2 * sum(MACs)}. */
    public static long forward(Model model) {
        long macs = 0;
        for (Layer l : model.layers()) {
            macs += l.macs();
        }
        return 2 * macs;
    }

    /** Training-step FLOPs per image: {@code 3 * forward - 2 * MACs(first layer)}. */
    public static long trainStep(Model model) {
        return 3 * forward(model) - 2 * model.layers().get(0).macs();
    }

    /** FLOPs per image of a workload in the given mode. */
    public static long perImage(Model model, Mode mode) {
        return mode == Mode.TRAIN ? trainStep(model) : forward(model);
    }

    /** FLOPs of one {@code n x n x n} matrix multiply: {@code 2 n^3}. */
    public static double gemm(int n) {
        return 2.0 * n * n * n;
    }
}
