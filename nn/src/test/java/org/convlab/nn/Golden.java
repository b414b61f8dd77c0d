package org.convlab.nn;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.convlab.tensor.Tensor;

/**
 * Reads the PyTorch golden files written by {@code tools/golden/nn_golden.py}: JSON with tensors as
 * {@code {"shape": [...], "data": [...]}}, values as decimals read back to the nearest float32.
 */
final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Golden() {
    }

    /** The whole document of {@code golden/<name>}. */
    static JsonNode document(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name + ": run tools/golden/nn_golden.py");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of {@code golden/<name>}. */
    static List<JsonNode> cases(String name) {
        List<JsonNode> list = new ArrayList<>();
        document(name).get("cases").forEach(list::add);
        return list;
    }

    /** A tensor node as a Tensor. */
    static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).intValue();
        }
        float[] data = floats(node.get("data"));
        return dims.length == 0 ? Tensor.wrap(data, 1) : Tensor.wrap(data, dims);
    }

    /** A JSON array of numbers as floats, each correctly rounded from its decimal. */
    static float[] floats(JsonNode array) {
        float[] data = new float[array.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = array.get(i).decimalValue().floatValue();
        }
        return data;
    }

    static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).intValue();
        }
        return v;
    }

    /** Copies a golden tensor into a parameter's value, checking the shape. */
    static void load(Parameter p, JsonNode node) {
        Tensor t = tensor(node);
        if (!t.shape().equals(p.shape())) {
            throw new AssertionError(p.name() + ": golden shape " + t.shape() + ", parameter shape " + p.shape());
        }
        p.value().copyFrom(t);
    }
}
