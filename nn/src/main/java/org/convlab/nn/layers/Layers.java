package org.convlab.nn.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;

/**
 * Every layer's hyper-parameters as text and back: what a checkpoint records of a layer so that
 * {@code org.convlab.nn.checkpoint} rebuilds it without knowing any model. A layer is described
 * by its type ({@code Conv2d}) and its hyper-parameters by PyTorch's names
 * ({@code in_channels=1 out_channels=32 kernel_size=5,5 stride=1,1 padding=2 ...}); integers
 * lists are comma-separated.
 *
 * <p>A new layer is added here in three places: {@link #TYPES}, {@link #describe(Module)} and
 * {@link #build(String, Map)} (and {@link #parameterElements(String, Map)} if it has parameters).
 */
public final class Layers {
    /** The layer types a checkpoint can record, by their class's simple name. */
    public static final List<String> TYPES = List.of("Linear", "Conv1d", "Conv2d", "LocallyConnected1d",
            "LocallyConnected2d", "ReLU", "Flatten", "Reshape", "MaxPool2d", "AvgPool2d");

    private Layers() {
    }

    /**
     * The hyper-parameters of {@code layer} by name, or {@code null} when it is not one of
     * {@link #TYPES} (its type is {@code layer.getClass().getSimpleName()}).
     */
    public static Map<String, String> describe(Module layer) {
        Map<String, String> m = new LinkedHashMap<>();
        if (layer instanceof Linear l) {
            m.put("in_features", Integer.toString(l.inFeatures()));
            m.put("out_features", Integer.toString(l.outFeatures()));
            m.put("bias", Boolean.toString(l.bias() != null));
        } else if (layer instanceof Convolution c && (c instanceof Conv1d || c instanceof Conv2d)) {
            window(c.spec(), m);
        } else if (layer instanceof LocallyConnected lc
                && (lc instanceof LocallyConnected1d || lc instanceof LocallyConnected2d)) {
            window(lc.spec(), m);
            m.put("input_size", ints(lc.inputSize()));
        } else if (layer instanceof ReLU) {
            return m; // in place or not, the same values: a rebuilt network's rectifiers keep their own buffers
        } else if (layer instanceof Flatten f) {
            m.put("start_dim", Integer.toString(f.startDim()));
            m.put("end_dim", Integer.toString(f.endDim()));
        } else if (layer instanceof Reshape r) {
            m.put("shape", ints(r.shape()));
        } else if (layer instanceof MaxPool2d p) {
            pool(p, m);
            m.put("dilation", ints(p.dilation));
        } else if (layer instanceof AvgPool2d p) {
            pool(p, m);
            m.put("count_include_pad", Boolean.toString(p.countIncludePad()));
        } else {
            return null;
        }
        return m;
    }

    /**
     * A layer of {@code type} with hyper-parameters {@code hp} (as {@link #describe} gives them),
     * its parameters drawn from a fixed seed (a loader overwrites them).
     *
     * @throws BadParameterException naming the missing or bad hyper-parameter, or the unknown type
     */
    public static Module build(String type, Map<String, String> hp) {
        Hp h = new Hp(type, hp);
        Rng rng = new Rng(0);
        Module m = switch (type) {
            case "Linear" -> new Linear(h.integer("in_features"), h.integer("out_features"), h.bool("bias"), rng);
            case "Conv1d" -> windowed(Conv1d.builder(h.integer("in_channels"), h.integer("out_channels"),
                    h.ints("kernel_size", 1)[0]), h, 1).build(rng);
            case "Conv2d" -> windowed(Conv2d.builder(h.integer("in_channels"), h.integer("out_channels"),
                    h.ints("kernel_size", 2)), h, 2).build(rng);
            case "LocallyConnected1d" -> windowed(LocallyConnected1d.builder(h.integer("in_channels"),
                    h.integer("out_channels"), h.ints("kernel_size", 1)[0]), h, 1)
                    .size(h.ints("input_size", 1)[0]).build(rng);
            case "LocallyConnected2d" -> {
                int[] size = h.ints("input_size", 2);
                yield windowed(LocallyConnected2d.builder(h.integer("in_channels"), h.integer("out_channels"),
                        h.ints("kernel_size", 2)), h, 2).size(size[0], size[1]).build(rng);
            }
            case "ReLU" -> new ReLU();
            case "Flatten" -> new Flatten(h.integer("start_dim"), h.integer("end_dim"));
            case "Reshape" -> new Reshape(h.ints("shape", -1));
            case "MaxPool2d" -> MaxPool2d.builder(h.ints("kernel_size", 2)).stride(h.ints("stride", 2))
                    .padding(h.ints("padding", 2)).dilation(h.ints("dilation", 2)).build();
            case "AvgPool2d" -> AvgPool2d.builder(h.ints("kernel_size", 2)).stride(h.ints("stride", 2))
                    .padding(h.ints("padding", 2)).countIncludePad(h.bool("count_include_pad")).build();
            default -> throw new BadParameterException("type", "one of " + String.join(", ", TYPES), type);
        };
        h.checkAllUsed();
        return m;
    }

    /**
     * The number of parameter elements a layer of {@code type} with {@code hp} will hold, computed
     * without allocating them (a loader compares it with the file's tensors before building).
     *
     * @throws BadParameterException as {@link #build}
     */
    public static long parameterElements(String type, Map<String, String> hp) {
        Hp h = new Hp(type, hp);
        switch (type) {
            case "Linear": {
                long in = h.positive("in_features");
                long out = h.positive("out_features");
                return in * out + (h.bool("bias") ? out : 0);
            }
            case "Conv1d":
            case "Conv2d":
            case "LocallyConnected1d":
            case "LocallyConnected2d": {
                boolean oneD = type.endsWith("1d");
                int dims = oneD ? 1 : 2;
                int in = h.integer("in_channels");
                int out = h.integer("out_channels");
                WindowSpec s = oneD ? windowed(Conv1d.builder(in, out, h.ints("kernel_size", 1)[0]), h, 1).spec()
                        : windowed(Conv2d.builder(in, out, h.ints("kernel_size", 2)), h, 2).spec();
                long bank = Math.multiplyExact(s.outChannels(), s.fanIn());
                if (type.startsWith("Conv")) {
                    return bank + (s.bias() ? s.outChannels() : 0);
                }
                long positions = 1;
                for (int o : s.geometry(h.ints("input_size", dims)).outputSpatial()) {
                    positions = Math.multiplyExact(positions, o);
                }
                return Math.addExact(Math.multiplyExact(positions, bank),
                        s.bias() ? Math.multiplyExact(positions, s.outChannels()) : 0);
            }
            default:
                return 0;
        }
    }

    private static void window(WindowSpec s, Map<String, String> m) {
        m.put("in_channels", Integer.toString(s.inChannels()));
        m.put("out_channels", Integer.toString(s.outChannels()));
        m.put("kernel_size", ints(s.kernel()));
        m.put("stride", ints(s.stride()));
        m.put("padding", s.padding().toString());
        m.put("dilation", ints(s.dilation()));
        m.put("groups", Integer.toString(s.groups()));
        m.put("bias", Boolean.toString(s.bias()));
        m.put("padding_mode", s.paddingMode().torchName());
    }

    private static <B extends WindowBuilder<B>> B windowed(B b, Hp h, int dims) {
        return b.stride(h.ints("stride", dims)).dilation(h.ints("dilation", dims)).padding(h.text("padding"))
                .groups(h.integer("groups")).bias(h.bool("bias")).paddingMode(h.text("padding_mode"));
    }

    private static void pool(Pool2d p, Map<String, String> m) {
        m.put("kernel_size", ints(p.kernel));
        m.put("stride", ints(p.stride));
        m.put("padding", ints(p.padding));
    }

    private static String ints(int[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? "," : "").append(v[i]);
        }
        return s.toString();
    }

    /** Reads hyper-parameters, naming the layer type and the key in every error, and notes which were read. */
    private static final class Hp {
        private final String type;
        private final Map<String, String> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Hp(String type, Map<String, String> values) {
            this.type = type;
            this.values = values;
        }

        String text(String key) {
            String v = values.get(key);
            if (v == null) {
                throw new BadParameterException(type + " " + key, "a value", "none");
            }
            used.add(key);
            return v;
        }

        int integer(String key) {
            String v = text(key);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new BadParameterException(type + " " + key, "an integer", v);
            }
        }

        int positive(String key) {
            int v = integer(key);
            if (v < 1) {
                throw new BadParameterException(type + " " + key, "a positive integer", v);
            }
            return v;
        }

        boolean bool(String key) {
            String v = text(key);
            if (!v.equals("true") && !v.equals("false")) {
                throw new BadParameterException(type + " " + key, "true or false", v);
            }
            return v.equals("true");
        }

        /** Comma-separated integers: {@code count} of them ({@code -1}: one to eight). */
        int[] ints(String key, int count) {
            String v = text(key);
            String[] parts = v.split(",", -1);
            if (count >= 0 ? parts.length != count : parts.length < 1 || parts.length > 8) {
                throw new BadParameterException(type + " " + key, (count >= 0 ? count : "1 to 8")
                        + " comma-separated integers", v);
            }
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new BadParameterException(type + " " + key, "comma-separated integers", v);
                }
            }
            return out;
        }

        void checkAllUsed() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new BadParameterException(type, "only the hyper-parameters " + used, k + " (" + Arrays
                            .toString(values.keySet().toArray()) + ")");
                }
            }
        }
    }
}
