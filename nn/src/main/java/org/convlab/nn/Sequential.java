package org.convlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;

/**
 * Modules applied one after another, as PyTorch's {@code nn.Sequential}; children are named
 * (by {@link #add(String, Module)}, or {@code "0", "1", ...}) and their parameters are
 * qualified by those names ({@code conv1.weight}).
 *
 * <p>Backward runs from the last child to the first but stops as soon as nothing below needs a
 * gradient: a child computes {@code dL/dx} only if a child before it has a trainable parameter
 * or this container's own input gradient is on. So a network whose convolutions are frozen
 * back-propagates only through its classifier, and the first layer skips its input gradient
 * when {@link #setInputGradient(boolean) setInputGradient(false)} is set. A child that
 * {@link Module#fusesBackward fuses} with the next one (a convolution followed by a rectifier)
 * back-propagates through both in one pass; forward, such a child computes the next one's output
 * in its own pass ({@link Module#fusesForward}), and every child's output is still recorded.
 *
 * <p>Build the tree before using it: a container caches its parameter list on first use
 * ({@link #parameters()}), and adding to a nested container afterwards is not seen by the
 * outer one.
 */
public class Sequential extends Module {
    private final List<Module> children = new ArrayList<>();
    private final List<Tensor> outputs = new ArrayList<>();

    /** An empty container; add children with {@link #add(String, Module)}. */
    public Sequential() {
    }

    /** A container of these modules, named {@code "0", "1", ...}. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(Integer.toString(children.size()), m);
        }
    }

    /** Appends {@code module} under {@code name}; returns this container. */
    public Sequential add(String name, Module module) {
        for (Module m : children) {
            if (m.name().equals(name)) {
                throw new BadParameterException("module name", "a name not used yet in this Sequential", name);
            }
        }
        module.setName(name);
        children.add(module);
        outputs.add(null);
        parametersChanged();
        return this;
    }

    /** The children, in order (unmodifiable). */
    public List<Module> children() {
        return Collections.unmodifiableList(children);
    }

    /** Child {@code i}. */
    public Module get(int i) {
        return children.get(i);
    }

    /** The number of children. */
    public int size() {
        return children.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        int last = children.size() - 1;
        for (int i = 0; i <= last; i++) {
            Module m = children.get(i);
            // A child that fuses the next one's pass (a convolution and its rectifier) computes
            // both outputs; the next child's forward then only returns its part.
            h = i < last && m.fusesForward(children.get(i + 1)) ? m.forwardThrough(children.get(i + 1), h) : m.forward(h);
            outputs.set(i, h);
        }
        return h;
    }

    @Override
    protected void prepareForInference() {
        for (Module m : children) {
            m.prepareForInference();
        }
    }

    /**
     * The output of child {@code i} in the last forward pass (owned by that child), e.g. the
     * feature maps of a convolution; {@code null} before the first forward. A child followed by
     * an in-place rectifier ({@code new ReLU(true)}) holds the rectified values here, as in
     * PyTorch: the rectifier wrote them over its input.
     */
    public Tensor output(int i) {
        return outputs.get(i);
    }

    /**
     * The name of the first child whose last output holds a NaN or an infinity, or {@code null}
     * when all are finite: where a diverging step went wrong.
     */
    public String firstNonFinite() {
        for (int i = 0; i < children.size(); i++) {
            Tensor y = outputs.get(i);
            if (y != null && !y.allFinite()) {
                return children.get(i).label();
            }
        }
        return null;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = children.size();
        Tensor g = dy;
        for (int i = n - 1; i >= 0; i--) {
            Module m = children.get(i);
            boolean needInput = inputGradient() || i > 0 && trainableBefore(i);
            if (!needInput && !m.hasTrainableParameters()) {
                return null;
            }
            if (needInput && i > 0 && children.get(i - 1).fusesBackward(m)) {
                // Child i-1 back-propagates through child i (e.g. a rectifier) in one pass.
                Module prev = children.get(i - 1);
                boolean prevNeedInput = inputGradient() || i - 1 > 0 && trainableBefore(i - 1);
                m.setInputGradient(true);
                prev.setInputGradient(prevNeedInput);
                g = prev.backwardThrough(m, g);
                i--;
                if (!prevNeedInput) {
                    return null;
                }
                continue;
            }
            m.setInputGradient(needInput);
            g = m.backward(g);
            if (!needInput) {
                return null;
            }
        }
        return g;
    }

    /** Whether a child before {@code i} has a trainable parameter. */
    private boolean trainableBefore(int i) {
        for (int j = 0; j < i; j++) {
            if (children.get(j).hasTrainableParameters()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Map<String, Parameter> collectParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (Module m : children) {
            for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
                all.put(m.name() + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public void resetParameters(Rng rng) {
        for (Module m : children) {
            m.resetParameters(rng);
        }
    }

    /** PyTorch's style: one child per line. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append("(");
        for (Module m : children) {
            s.append("\n  (").append(m.name()).append("): ").append(m);
        }
        return s.append(children.isEmpty() ? ")" : "\n)").toString();
    }

    @Override
    public String label() {
        return name().isEmpty() ? getClass().getSimpleName() : name() + ": " + getClass().getSimpleName();
    }
}
