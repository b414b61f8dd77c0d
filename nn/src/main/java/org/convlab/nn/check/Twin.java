package org.convlab.nn.check;

import java.util.List;

/**
 * A module's double-precision twin for one input shape: the same function computed by the
 * reference kernels ({@code org.convlab.tensor.kernels.Reference*}) in double, with its own
 * analytic gradients. It exists only to check the engine: its gradients are checked against
 * central differences of its own forward, and the engine's float32 outputs and gradients are
 * checked against it.
 */
public interface Twin {
    /** {@code y = f(x)} for the current {@link #params()}. */
    double[] forward(double[] x);

    /** {@code dL/dx} for {@code dy = dL/dy} at the last forward; overwrites {@link #grads()}. */
    double[] backward(double[] dy);

    /** The parameter arrays (live: changing them changes {@link #forward}), in the module's order. */
    List<double[]> params();

    /** The parameter gradients of the last backward, in the order of {@link #params()}. */
    List<double[]> grads();
}
