package org.convlab.onnx;

import java.util.List;
import org.convlab.onnx.proto.Onnx.NodeProto;

/**
 * Evaluates the integer operators that compute shapes ({@code Gather}, {@code Unsqueeze},
 * {@code Squeeze}, {@code Concat}, {@code Slice}, {@code Cast}, {@code Mul}, {@code Div},
 * {@code Add}, {@code Sub}) on {@link ShapeValue}s: 1-D vectors and scalars only, as in the
 * shape arithmetic of {@code view}, {@code reshape} and {@code flatten}.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static boolean handles(String op) {
        return switch (op) {
            case "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Cast", "Mul", "Div", "Add", "Sub", "Identity" -> true;
            default -> false;
        };
    }

    /** The value of {@code node} applied to {@code in} (its inputs, absent ones {@code null}). */
    static ShapeValue apply(NodeProto node, List<ShapeValue> in, long opset) {
        Attributes a = new Attributes(node);
        switch (node.getOpType()) {
            case "Identity", "Cast":
                return in.get(0);
            case "Gather": {
                ShapeValue data = vectorAt(in, 0);
                ShapeValue idx = knownAt(in, 1, "indices");
                if (a.integer("axis", 0) != 0) {
                    throw new OnnxProblem("Gather on axis " + a.integer("axis", 0) + " of a shape, expected axis 0");
                }
                long[] out = new long[idx.length()];
                for (int i = 0; i < out.length; i++) {
                    long j = idx.get(i) < 0 ? idx.get(i) + data.length() : idx.get(i);
                    if (j < 0 || j >= data.length()) {
                        throw new OnnxProblem("index " + idx.get(i) + " outside the " + data.length() + " values of "
                                + data);
                    }
                    out[i] = data.get((int) j);
                }
                return new ShapeValue(out, idx.scalar());
            }
            case "Unsqueeze": {
                ShapeValue data = in.get(0);
                long[] axes = opset >= 13 ? knownAt(in, 1, "axes").values() : a.longs("axes");
                if (!data.scalar() || axes == null || axes.length != 1 || axes[0] != 0 && axes[0] != -1) {
                    throw new OnnxProblem("only a scalar unsqueezed to a vector is supported in shape arithmetic");
                }
                return ShapeValue.vector(data.values());
            }
            case "Squeeze": {
                ShapeValue data = vectorAt(in, 0);
                if (data.length() != 1) {
                    throw new OnnxProblem("only a vector of one value squeezed to a scalar is supported");
                }
                return new ShapeValue(data.values(), true);
            }
            case "Concat": {
                int total = 0;
                for (ShapeValue v : in) {
                    total += v == null ? 0 : v.length();
                }
                if (total > TensorData.MAX_INTS) {
                    throw new OnnxProblem("a shape of " + total + " values");
                }
                long[] out = new long[total];
                int at = 0;
                for (int i = 0; i < in.size(); i++) {
                    ShapeValue v = vectorAt(in, i);
                    System.arraycopy(v.values(), 0, out, at, v.length());
                    at += v.length();
                }
                return ShapeValue.vector(out);
            }
            case "Slice": {
                ShapeValue data = vectorAt(in, 0);
                long start = knownAt(in, 1, "starts").get(0);
                long end = knownAt(in, 2, "ends").get(0);
                if (in.size() > 4 && in.get(4) != null && knownAt(in, 4, "steps").get(0) != 1) {
                    throw new OnnxProblem("only step 1 is supported when slicing a shape");
                }
                int n = data.length();
                long s = Math.max(0, Math.min(n, start < 0 ? start + n : start));
                long e = Math.max(s, Math.min(n, end < 0 ? end + n : end));
                long[] out = new long[(int) (e - s)];
                System.arraycopy(data.values(), (int) s, out, 0, out.length);
                return ShapeValue.vector(out);
            }
            default:
                return arithmetic(node.getOpType(), knownAt(in, 0, "left operand"), knownAt(in, 1, "right operand"));
        }
    }

    private static ShapeValue arithmetic(String op, ShapeValue x, ShapeValue y) {
        int n = Math.max(x.length(), y.length());
        if (x.length() != n && x.length() != 1 || y.length() != n && y.length() != 1) {
            throw new OnnxProblem("operands of " + x.length() + " and " + y.length() + " values");
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long p = x.get(x.length() == 1 ? 0 : i);
            long q = y.get(y.length() == 1 ? 0 : i);
            try {
                out[i] = switch (op) {
                    case "Mul" -> Math.multiplyExact(p, q);
                    case "Add" -> Math.addExact(p, q);
                    case "Sub" -> Math.subtractExact(p, q);
                    default -> Math.floorDiv(p, q);
                };
            } catch (ArithmeticException e) {
                throw new OnnxProblem(op + " of " + p + " and " + q + ": " + e.getMessage());
            }
        }
        return new ShapeValue(out, x.scalar() && y.scalar());
    }

    private static ShapeValue vectorAt(List<ShapeValue> in, int i) {
        if (i >= in.size() || in.get(i) == null || in.get(i).scalar()) {
            throw new OnnxProblem("input " + i + " should be a 1-D integer tensor");
        }
        return in.get(i);
    }

    private static ShapeValue knownAt(List<ShapeValue> in, int i, String what) {
        if (i >= in.size() || in.get(i) == null) {
            throw new OnnxProblem("no " + what);
        }
        ShapeValue v = in.get(i);
        if (!v.known()) {
            throw new OnnxProblem(what + " " + v + " depends on the batch size");
        }
        if (v.length() == 0) {
            throw new OnnxProblem(what + " is empty");
        }
        return v;
    }
}
