package org.convlab.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.tensor.Tensor;

/**
 * A copy of an optimiser's state, PyTorch's {@code optimizer.state_dict()}: the state tensors by
 * name ({@code 0.momentum_buffer}, {@code 3.exp_avg}, {@code 3.exp_avg_sq}: the number is the
 * parameter's position) and the steps taken per parameter. Restoring both with
 * {@link Optimizer#loadStateDict(OptimizerState)} continues a run bit for bit.
 *
 * @param tensors the state tensors by name, in the optimiser's order (unmodifiable copies)
 * @param steps   steps taken per parameter, in the optimiser's parameter order
 */
public record OptimizerState(Map<String, Tensor> tensors, long[] steps) {
    public OptimizerState {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        tensors.forEach((k, v) -> copy.put(k, v.copy()));
        tensors = Collections.unmodifiableMap(copy);
        steps = steps.clone();
    }

    @Override
    public long[] steps() {
        return steps.clone();
    }
}
