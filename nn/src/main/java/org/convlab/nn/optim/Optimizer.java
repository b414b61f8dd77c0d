package org.convlab.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Parameter;
import org.convlab.tensor.Tensor;

/**
 * Updates parameters from their gradients, as {@code torch.optim}. Frozen parameters are
 * skipped: neither their values nor their optimiser state change. State is kept per parameter,
 * in the order given, and can be saved and restored through {@link #state()} and
 * {@link #steps()} (a checkpoint needs both to resume bit-identically).
 */
public abstract class Optimizer {
    /** The parameters, in the order given. */
    protected final List<Parameter> params;
    /** Steps taken per parameter (frozen parameters do not count). */
    protected final long[] steps;
    /** The learning rate. */
    protected double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (params == null || params.isEmpty()) {
            throw new BadParameterException("parameters", "at least one parameter to optimise", "none");
        }
        this.params = new ArrayList<>(params);
        this.steps = new long[params.size()];
        setLr(lr);
    }

    /** Applies one update to every unfrozen parameter from its current gradient. */
    public abstract void step();

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    public double lr() {
        return lr;
    }

    /** Changes the learning rate (e.g. for a schedule). */
    public void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new BadParameterException("lr", "a non-negative learning rate", lr);
        }
        this.lr = lr;
    }

    /** The parameters this optimiser updates. */
    public List<Parameter> parameters() {
        return List.copyOf(params);
    }

    /**
     * The state tensors by name, e.g. {@code 0.momentum_buffer} or {@code 3.exp_avg_sq} (the
     * number is the parameter's position, as in PyTorch's {@code state_dict}). The tensors are
     * live: writing into them (with {@link #steps()} restored too) restores a saved state.
     */
    public Map<String, Tensor> state() {
        return new LinkedHashMap<>();
    }

    /** Steps taken per parameter (live array: restore it together with {@link #state()}). */
    public long[] steps() {
        return steps;
    }

    static void check(String name, double value, double lo, double hi, boolean hiInclusive) {
        if (!(value >= lo) || (hiInclusive ? value > hi : value >= hi)) {
            throw new BadParameterException(name, "a value in [" + lo + ", " + hi + (hiInclusive ? "]" : ")"), value);
        }
    }
}
