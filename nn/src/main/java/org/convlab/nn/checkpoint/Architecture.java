package org.convlab.nn.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.layers.Layers;
import org.convlab.tensor.Tensor;

/**
 * A network's architecture as lines of text, one per module in depth-first order, so a
 * checkpoint can rebuild the network without knowing which model it is:
 * <pre>
 *   0 - Sequential input_gradient=false
 *   1 conv1 Conv2d in_channels=1 out_channels=32 kernel_size=5,5 stride=1,1 padding=2 ...
 *   1 relu1 ReLU
 *   1 fc Linear in_features=12544 out_features=10 bias=true frozen=weight,bias
 * </pre>
 * Each line is: depth, the name in its container (its state-dict prefix, as PyTorch's
 * {@code conv1}; {@code -} for the root), the type, and {@code key=value} hyper-parameters
 * ({@link Layers}); {@code frozen} lists the frozen parameters. Containers are
 * {@link Sequential}s (subclasses that do not change forward or backward are recorded as
 * Sequential: the notebook's models become plain Sequentials with the same state-dict names).
 */
public final class Architecture {
    private static final String ROOT = "-";
    private final List<String> lines;

    private Architecture(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The lines, one per module. */
    public List<String> lines() {
        return lines;
    }

    /**
     * The architecture of {@code model}.
     *
     * @throws BadParameterException naming {@code model} and the first module whose type a
     *                               checkpoint cannot record, or a name with spaces or '='
     */
    public static Architecture of(Module model) {
        List<String> out = new ArrayList<>();
        describe(model, 0, ROOT, out);
        return new Architecture(out);
    }

    /** Reads lines written by {@link #lines()}; nothing is built yet. */
    public static Architecture parse(List<String> lines) {
        return new Architecture(lines);
    }

    private static void describe(Module m, int depth, String name, List<String> out) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=')) {
            throw new BadParameterException("model", "module names without spaces or '='", "'" + name + "'");
        }
        StringBuilder s = new StringBuilder().append(depth).append(' ').append(name).append(' ');
        if (m instanceof Sequential seq) {
            if (overrides(seq)) {
                throw new BadParameterException("model", "modules whose architecture a checkpoint can record ("
                        + "a Sequential subclass with its own forward or backward cannot be)", m.label());
            }
            s.append("Sequential");
            if (depth == 0 && !m.inputGradient()) {
                s.append(" input_gradient=false");
            }
            out.add(s.toString());
            for (Module child : seq.children()) {
                describe(child, depth + 1, child.name(), out);
            }
            return;
        }
        Map<String, String> hp = Layers.describe(m);
        if (hp == null) {
            throw new BadParameterException("model", "layers whose architecture a checkpoint can record ("
                    + String.join(", ", Layers.TYPES) + " and Sequential)", m.label());
        }
        s.append(m.getClass().getSimpleName());
        hp.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        List<String> frozen = new ArrayList<>();
        m.namedParameters().forEach((k, p) -> {
            if (p.frozen()) {
                frozen.add(k);
            }
        });
        if (!frozen.isEmpty()) {
            s.append(" frozen=").append(String.join(",", frozen));
        }
        if (depth == 0 && !m.inputGradient()) {
            s.append(" input_gradient=false");
        }
        out.add(s.toString());
    }

    private static boolean overrides(Sequential s) {
        try {
            return s.getClass().getMethod("forward", Tensor.class).getDeclaringClass() != Sequential.class
                    || s.getClass().getMethod("backward", Tensor.class).getDeclaringClass() != Sequential.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One parsed line. */
    private record Line(int depth, String name, String type, Map<String, String> hp, List<String> frozen,
                        boolean inputGradient) {
    }

    private Line line(int i) {
        String text = lines.get(i);
        String[] f = text.split(" ");
        if (f.length < 3) {
            throw new BadParameterException("architecture line " + i, "depth, name and type", text);
        }
        int depth;
        try {
            depth = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw new BadParameterException("architecture line " + i, "a depth first", text);
        }
        Map<String, String> hp = new LinkedHashMap<>();
        List<String> frozen = List.of();
        boolean inputGradient = true;
        for (int k = 3; k < f.length; k++) {
            int eq = f[k].indexOf('=');
            if (eq <= 0) {
                throw new BadParameterException("architecture line " + i, "key=value pairs after the type", f[k]);
            }
            String key = f[k].substring(0, eq);
            String value = f[k].substring(eq + 1);
            if (key.equals("frozen")) {
                frozen = List.of(value.split(","));
            } else if (key.equals("input_gradient")) {
                inputGradient = !value.equals("false");
            } else if (hp.put(key, value) != null) {
                throw new BadParameterException("architecture line " + i, "each key once", key);
            }
        }
        return new Line(depth, f[1], f[2], hp, frozen, inputGradient);
    }

    /**
     * The number of parameter elements the network will hold, from the hyper-parameters alone
     * (nothing is allocated): a loader compares it with the saved tensors before {@link #build()}.
     *
     * @throws BadParameterException naming the line that is not understood
     */
    public long parameterElements() {
        long n = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = line(i);
            if (!l.type().equals("Sequential")) {
                if (!Layers.TYPES.contains(l.type())) {
                    throw new BadParameterException("architecture line " + i + " (" + l.name() + ")", "a type of "
                            + String.join(", ", Layers.TYPES) + " or Sequential", l.type());
                }
                try {
                    n = Math.addExact(n, Layers.parameterElements(l.type(), l.hp()));
                } catch (ArithmeticException e) {
                    throw new BadParameterException("architecture line " + i, "a layer whose size fits in a long",
                            lines.get(i));
                }
            }
        }
        return n;
    }

    /**
     * Builds the network (parameters from a fixed seed: load a state dict into it), with the
     * recorded frozen parameters and input gradient.
     *
     * @throws BadParameterException naming the line that is not understood or cannot be built
     */
    public Module build() {
        if (lines.isEmpty()) {
            throw new BadParameterException("architecture", "at least one module", "none");
        }
        Module root = null;
        Deque<Sequential> open = new ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = line(i);
            if (i == 0 ? l.depth() != 0 : l.depth() < 1 || l.depth() > open.size()) {
                throw new BadParameterException("architecture line " + i, i == 0 ? "depth 0 for the first module"
                        : "a depth from 1 to " + open.size() + " (a child of an open Sequential)", l.depth());
            }
            while (open.size() > l.depth()) {
                open.pop();
            }
            Module m;
            try {
                m = l.type().equals("Sequential") ? new Sequential() : Layers.build(l.type(), l.hp());
            } catch (BadParameterException e) {
                throw new BadParameterException("architecture line " + i + " (" + l.name() + ")", e.getMessage());
            }
            if (l.type().equals("Sequential") && !l.hp().isEmpty()) {
                throw new BadParameterException("architecture line " + i, "no hyper-parameters for a Sequential",
                        l.hp().keySet());
            }
            for (String p : l.frozen()) {
                Parameter param = m.namedParameters().get(p);
                if (param == null) {
                    throw new BadParameterException("architecture line " + i, "frozen parameters of "
                            + m.namedParameters().keySet(), p);
                }
                param.setFrozen(true);
            }
            if (i == 0) {
                root = m;
                m.setInputGradient(l.inputGradient());
            } else {
                open.peek().add(l.name(), m);
            }
            if (m instanceof Sequential s) {
                open.push(s);
            }
        }
        return root;
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
