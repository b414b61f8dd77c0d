package org.convlab.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.convlab.onnx.proto.Onnx.AttributeProto;
import org.convlab.onnx.proto.Onnx.NodeProto;

/** A node's attributes by name, with defaults, as ints in a checked range. */
final class Attributes {
    /** The largest window size, stride, dilation or padding accepted (far beyond any real model). */
    static final int MAX_WINDOW = 1 << 16;

    private final NodeProto node;

    Attributes(NodeProto node) {
        this.node = node;
    }

    private AttributeProto find(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    /** An INT attribute, or {@code fallback} when absent. */
    long integer(String name, long fallback) {
        AttributeProto a = find(name);
        return a == null ? fallback : a.getI();
    }

    /** A FLOAT attribute, or {@code fallback}. */
    float real(String name, float fallback) {
        AttributeProto a = find(name);
        return a == null ? fallback : a.getF();
    }

    /** A STRING attribute, or {@code fallback}. */
    String string(String name, String fallback) {
        AttributeProto a = find(name);
        return a == null ? fallback : new String(a.getS().toByteArray(), StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or {@code null} when absent. */
    long[] longs(String name) {
        AttributeProto a = find(name);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    /**
     * An INTS attribute of {@code count} values each in {@code [min, MAX_WINDOW]}, or {@code count}
     * copies of {@code fallback} when absent.
     */
    int[] window(String name, int count, int min, int fallback) {
        long[] v = longs(name);
        int[] out = new int[count];
        if (v == null) {
            Arrays.fill(out, fallback);
            return out;
        }
        if (v.length != count) {
            throw new OnnxProblem(name + " has " + v.length + " values " + Arrays.toString(v) + ", expected " + count);
        }
        for (int i = 0; i < count; i++) {
            if (v[i] < min || v[i] > MAX_WINDOW) {
                throw new OnnxProblem(name + " " + Arrays.toString(v) + " has a value outside " + min + ".." + MAX_WINDOW);
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
