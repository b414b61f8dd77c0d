package org.convlab.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;

/**
 * A piece of a network with a forward and a backward pass, in the spirit of PyTorch's
 * {@code nn.Module} but without autograd: each module caches what its backward needs.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #forward(Tensor)} returns a tensor OWNED BY THE MODULE: it is reused (overwritten)
 *     by the next forward call, so copy it ({@link Tensor#copy()}) to keep it. Buffers are
 *     allocated once per input shape and reused, so training allocates nothing per step.</li>
 * <li>The module keeps a reference to its input until the next forward: do not modify the
 *     input between {@code forward} and {@code backward}.</li>
 * <li>{@link #backward(Tensor)} takes {@code dL/dy} (the shape of the last output), ADDS
 *     {@code dL/dparameter} to every unfrozen parameter's gradient, and returns {@code dL/dx}
 *     (also module-owned), or {@code null} when the input gradient is switched off by
 *     {@link #setInputGradient(boolean)}.</li>
 * </ul>
 * Bad input shapes raise a {@link BadParameterException} naming the module and both shapes.
 */
public abstract class Module {
    private String name = "";
    private boolean inputGradient = true;
    private Map<String, Parameter> named;
    private List<Parameter> list;

    /** Computes the output for input {@code x}; see the class comment for ownership. */
    public abstract Tensor forward(Tensor x);

    /** Back-propagates {@code dy = dL/dy} of the last forward; see the class comment. */
    public abstract Tensor backward(Tensor dy);

    /**
     * Whether {@link #forwardThrough} computes {@code next}'s output along with this module's (a
     * convolution followed by a rectifier: the rectifier is applied in the convolution's
     * epilogue, and its separate pass over the output disappears). {@link Sequential} asks; the
     * default is no.
     */
    public boolean fusesForward(Module next) {
        return false;
    }

    /**
     * {@link #forward(Tensor) forward(x)}, which also computes {@code next}'s output for it when
     * {@link #fusesForward(Module) fusesForward(next)}: the caller then passes the returned tensor
     * to {@code next.forward}, which returns that output without a pass of its own. The results
     * are the same bits as the two passes.
     */
    public Tensor forwardThrough(Module next, Tensor x) {
        return forward(x);
    }

    /**
     * Whether {@link #backwardThrough} can back-propagate through {@code next} and this module in
     * one pass, {@code next} having taken this module's last output as its input (a
     * convolution followed by a rectifier: the mask is applied on the way into the
     * convolution's kernels). {@link Sequential} asks; the default is no.
     */
    public boolean fusesBackward(Module next) {
        return false;
    }

    /**
     * The same as {@code backward(next.backward(dyNext))} when {@link #fusesBackward(Module)
     * fusesBackward(next)}, without {@code next}'s own pass: adds this module's parameter
     * gradients and returns its {@code dL/dx} (or {@code null} when switched off).
     */
    public Tensor backwardThrough(Module next, Tensor dyNext) {
        throw new UnsupportedOperationException(label() + " does not back-propagate through " + next.label());
    }

    /**
     * The parameters by qualified name in registration order, e.g. {@code weight, bias} for a
     * layer, {@code conv1.weight, conv1.bias, ...} for a container (unmodifiable, cached).
     */
    public final Map<String, Parameter> namedParameters() {
        if (named == null) {
            named = Collections.unmodifiableMap(new LinkedHashMap<>(collectParameters()));
            list = List.copyOf(named.values());
        }
        return named;
    }

    /** Every parameter, in the order of {@link #namedParameters()} (unmodifiable, cached). */
    public final List<Parameter> parameters() {
        namedParameters();
        return list;
    }

    /**
     * Lists this module's parameters by name; called once and cached. Layers with parameters
     * override it; containers qualify their children's names.
     */
    protected Map<String, Parameter> collectParameters() {
        return new LinkedHashMap<>();
    }

    /** Forgets the cached parameter list (containers call it when a child is added). */
    protected void parametersChanged() {
        named = null;
        list = null;
    }

    /**
     * The parameter values by qualified name, PyTorch's {@code state_dict()}: the live tensors
     * (not copies), in registration order, ready for a checkpoint.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            m.put(e.getKey(), e.getValue().value());
        }
        return m;
    }

    /**
     * Copies saved values into the parameters, PyTorch's {@code load_state_dict(strict=True)}:
     * every parameter must be present with its shape, and no other name may appear.
     *
     * @throws BadParameterException naming the first missing, unexpected or misshapen entry
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> params = namedParameters();
        for (String key : state.keySet()) {
            if (!params.containsKey(key)) {
                throw new BadParameterException("state", "only the parameters " + params.keySet(), key);
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) {
                throw new BadParameterException("state", "a value for " + e.getKey(), "none");
            }
            if (!t.shape().equals(e.getValue().shape())) {
                throw new BadParameterException("state " + e.getKey(), "shape " + e.getValue().shape(), t.shape());
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            e.getValue().value().copyFrom(state.get(e.getKey()));
        }
    }

    /** Sets every parameter's gradient to zero (frozen ones included). */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** The number of parameter elements (weights and biases). */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** The number of parameter elements that are not frozen. */
    public final long trainableParameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.frozen() ? 0 : p.size();
        }
        return n;
    }

    /** Whether any parameter is trainable (not frozen). */
    public final boolean hasTrainableParameters() {
        for (Parameter p : parameters()) {
            if (!p.frozen()) {
                return true;
            }
        }
        return false;
    }

    /** Freezes every parameter: it keeps its value and gets no gradient. Returns this module. */
    public Module freeze() {
        for (Parameter p : parameters()) {
            p.setFrozen(true);
        }
        return this;
    }

    /** Unfreezes every parameter. Returns this module. */
    public Module unfreeze() {
        for (Parameter p : parameters()) {
            p.setFrozen(false);
        }
        return this;
    }

    /**
     * Called once by {@link Inference} on its own copy of a model, whose parameters never change
     * after it: a layer may prepare them once for its forward passes (a {@code Linear} packs its
     * weight for the matrix multiply) and must give the same bits as before. Containers pass it
     * on to their children; the default does nothing. Not for a model that is still trained.
     */
    protected void prepareForInference() {
    }

    /**
     * Draws the parameters again with PyTorch's default initialisation from {@code rng}, in
     * registration order. Modules without parameters do nothing.
     */
    public void resetParameters(Rng rng) {
    }

    /** The name given by the enclosing container (e.g. {@code conv1}), or empty. */
    public String name() {
        return name;
    }

    /** Names this module (containers do it when a module is added). Returns this module. */
    public Module setName(String name) {
        this.name = name == null ? "" : name;
        return this;
    }

    /** Whether backward computes {@code dL/dx} (default true). */
    public boolean inputGradient() {
        return inputGradient;
    }

    /**
     * Switches the input gradient on or off: off saves the work when nothing below needs it
     * (PyTorch skips it when the input does not require a gradient). Inside a
     * {@link Sequential} the container decides for its children. Returns this module.
     */
    public Module setInputGradient(boolean on) {
        this.inputGradient = on;
        return this;
    }

    /** How errors name this module: {@code conv1: Conv2d(3, 32, kernel_size=(5, 5), ...)}. */
    public String label() {
        return name.isEmpty() ? toString() : name + ": " + toString();
    }

    /** An error for an input of the wrong shape: names this module, the expected shape and the given one. */
    protected BadParameterException badInput(String expected, Shape given) {
        return new BadParameterException(label(), "input of shape " + expected, given);
    }

    /** Checks that {@code dy} has the shape of the last output {@code y}; {@code y == null} means no forward yet. */
    protected void checkGradient(Tensor y, Tensor dy) {
        if (y == null) {
            throw new IllegalStateException(label() + ": backward called before forward");
        }
        if (!dy.shape().equals(y.shape())) {
            throw new BadParameterException(label(), "a gradient of the output's shape " + y.shape(), dy.shape());
        }
    }
}
