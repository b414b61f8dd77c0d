package org.convlab.algebra.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * One layer of a stack as the command line writes it: letters followed by values, e.g.
 * {@code k3} (kernel 3), {@code k5s2p2f32} (kernel 5, stride 2, padding 2, 32 filters) or
 * {@code k3x1d2psame} (2-D kernel 3x1, dilation 2, padding same).
 *
 * <p>Letters: {@code k} kernel (required), {@code s} stride (1), {@code d} dilation (1),
 * {@code p} padding ({@code valid}, {@code same}, {@code full}, {@code N} or {@code NxM}:
 * symmetric per axis; default valid), {@code f} filters (default: as many as the input
 * channels), {@code g} groups (1). Per-axis values are written {@code 3x5}. A stack is a
 * comma-separated list of layers: {@code k5s1,k3s1}.
 *
 * @param text     the layer as written
 * @param kernel   kernel per axis (one value: every axis)
 * @param stride   stride per axis
 * @param dilation dilation per axis
 * @param padding  padding text for {@link org.convlab.algebra.Padding#parse}: valid, same, full, P or PH,PW
 * @param filters  output channels, or 0 for "as many as the input has"
 * @param groups   groups
 */
public record LayerSpec(String text, int[] kernel, int[] stride, int[] dilation, String padding, int filters,
                        int groups) {

    private static final Pattern PART = Pattern.compile("([ksdpfg])(same|valid|full|\\d+(?:x\\d+)*)");
    private static final String EXPECTED = "layers like k3, k5s2p2f32 or k3x1d2psame, comma-separated "
            + "(k kernel, s stride, d dilation, p padding valid|same|full|N, f filters, g groups)";

    public LayerSpec {
        kernel = kernel.clone();
        stride = stride.clone();
        dilation = dilation.clone();
    }

    @Override
    public int[] kernel() {
        return kernel.clone();
    }

    @Override
    public int[] stride() {
        return stride.clone();
    }

    @Override
    public int[] dilation() {
        return dilation.clone();
    }

    /** The largest number of per-axis values this layer writes (1 when every value is scalar). */
    public int axesWritten() {
        int n = Math.max(kernel.length, Math.max(stride.length, dilation.length));
        if (!padding.isEmpty() && Character.isDigit(padding.charAt(0))) {
            n = Math.max(n, padding.split(",").length);
        }
        return n;
    }

    /** Parses a comma-separated stack, e.g. {@code k5s1,k3s1}; names {@code parameter} on error. */
    public static List<LayerSpec> parseStack(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new BadParameterException(parameter, EXPECTED, text == null ? "nothing" : text);
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (String token : text.split(",", -1)) {
            layers.add(parse(parameter, token.trim()));
        }
        return layers;
    }

    /** Parses one layer such as {@code k3s2p1f16}. */
    public static LayerSpec parse(String parameter, String token) {
        String t = token.toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(t);
        int at = 0;
        int[] kernel = null;
        int[] stride = {1};
        int[] dilation = {1};
        String padding = "valid";
        int filters = 0;
        int groups = 1;
        boolean[] seen = new boolean[128];
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new BadParameterException(parameter, EXPECTED, token);
            }
            char letter = m.group(1).charAt(0);
            String value = m.group(2);
            if (seen[letter]) {
                throw new BadParameterException(parameter, "each letter once per layer (" + letter + " twice)", token);
            }
            seen[letter] = true;
            boolean word = Character.isLetter(value.charAt(0));
            if (word && letter != 'p') {
                throw new BadParameterException(parameter, EXPECTED, token);
            }
            switch (letter) {
                case 'k' -> kernel = values(parameter, value, token);
                case 's' -> stride = values(parameter, value, token);
                case 'd' -> dilation = values(parameter, value, token);
                case 'p' -> padding = word ? value : value.replace('x', ',');
                case 'f' -> filters = single(parameter, value, token);
                default -> groups = single(parameter, value, token);
            }
            at = m.end();
        }
        if (kernel == null) {
            throw new BadParameterException(parameter, "a kernel (k) in every layer", token);
        }
        return new LayerSpec(token, kernel, stride, dilation, padding, filters, groups);
    }

    private static int[] values(String parameter, String value, String token) {
        int[] v;
        try {
            v = Arrays.stream(value.split("x")).mapToInt(StrictNumbers::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, "integers below 2^31", token);
        }
        for (int x : v) {
            if (x < 1) {
                throw new BadParameterException(parameter, "positive integers", token);
            }
        }
        return v;
    }

    private static int single(String parameter, String value, String token) {
        int[] v = values(parameter, value, token);
        if (v.length != 1) {
            throw new BadParameterException(parameter, "a single number for f and g", token);
        }
        return v[0];
    }

    /** {@code values} for {@code dims} axes: one value repeated, or exactly one per axis. */
    static int[] perAxis(String parameter, int[] values, int dims, String token) {
        if (values.length == dims) {
            return values.clone();
        }
        if (values.length == 1) {
            int[] v = new int[dims];
            Arrays.fill(v, values[0]);
            return v;
        }
        throw new BadParameterException(parameter, "1 or " + dims + " values per letter", token);
    }
}
