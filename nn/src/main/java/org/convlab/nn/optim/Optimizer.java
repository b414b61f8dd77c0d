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
 * in the order given; {@link #stateDict()} copies it and {@link #loadStateDict(OptimizerState)}
 * restores it (a checkpoint needs it to resume bit-identically), beside the model's
 * {@link org.convlab.nn.Module#stateDict()}.
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
     * The live state tensors by name, e.g. {@code 0.momentum_buffer} or {@code 3.exp_avg_sq} (the
     * number is the parameter's position, as in PyTorch's {@code state_dict}); subclasses with
     * state override it, allocating what is not allocated yet.
     */
    protected Map<String, Tensor> liveState() {
        return new LinkedHashMap<>();
    }

    /** A copy of the state: every state tensor and the steps taken per parameter. */
    public OptimizerState stateDict() {
        return new OptimizerState(liveState(), steps);
    }

    /**
     * Restores a state saved by {@link #stateDict()} of an optimiser of the same kind and settings
     * over parameters of the same shapes, as PyTorch's {@code load_state_dict}; checks everything
     * before changing anything.
     *
     * @throws BadParameterException naming {@code state} and the first missing, unexpected or misshapen entry
     */
    public void loadStateDict(OptimizerState state) {
        Map<String, Tensor> live = liveState();
        if (!live.keySet().equals(state.tensors().keySet())) {
            throw new BadParameterException("state", "the tensors " + live.keySet() + " of " + this,
                    state.tensors().keySet());
        }
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            Tensor saved = state.tensors().get(e.getKey());
            if (!saved.shape().equals(e.getValue().shape())) {
                throw new BadParameterException("state " + e.getKey(), "shape " + e.getValue().shape(), saved.shape());
            }
        }
        long[] savedSteps = state.steps();
        if (savedSteps.length != steps.length) {
            throw new BadParameterException("state", steps.length + " step counts (one per parameter)",
                    savedSteps.length);
        }
        for (long s : savedSteps) {
            if (s < 0) {
                throw new BadParameterException("state", "non-negative step counts", s);
            }
        }
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            e.getValue().copyFrom(state.tensors().get(e.getKey()));
        }
        System.arraycopy(savedSteps, 0, steps, 0, steps.length);
    }

    static void check(String name, double value, double lo, double hi, boolean hiInclusive) {
        if (!(value >= lo) || (hiInclusive ? value > hi : value >= hi)) {
            throw new BadParameterException(name, "a value in [" + lo + ", " + hi + (hiInclusive ? "]" : ")"), value);
        }
    }
}
