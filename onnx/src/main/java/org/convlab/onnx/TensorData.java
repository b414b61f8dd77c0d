package org.convlab.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.convlab.onnx.proto.Onnx.TensorProto;

/**
 * The values of an ONNX tensor (an initializer or a Constant's value), checked before anything
 * is allocated: the data type, every dimension, the element count against overflow, and the
 * stored bytes against the count. Failures are {@link OnnxProblem}s that say what is wrong.
 */
final class TensorData {
    /** Most elements in one float tensor (the largest Java array, less a margin). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    /** Most elements in an integer tensor (shapes, pads, axes are short lists). */
    static final int MAX_INTS = 1 << 12;

    private TensorData() {
    }

    /** The dimensions as ints, each 0 or more, with a product of at most {@code max}. */
    static int[] dims(TensorProto t, long max) {
        int[] d = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < d.length; i++) {
            long v = t.getDims(i);
            if (v < 0 || v > max) {
                throw new OnnxProblem("tensor '" + t.getName() + "' has dimension " + v + " in " + t.getDimsList());
            }
            d[i] = (int) v;
            count *= v;
            if (count > max) {
                throw new OnnxProblem("tensor '" + t.getName() + "' has dimensions " + t.getDimsList()
                        + ", more than " + max + " elements");
            }
        }
        return d;
    }

    static long count(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The float32 values of {@code t}, of shape {@link #dims}. */
    static float[] floats(TensorProto t) {
        checkLocal(t);
        if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new OnnxProblem("tensor '" + t.getName() + "' has data type " + typeName(t.getDataType())
                    + ", expected FLOAT (float32)");
        }
        int n = (int) count(dims(t, MAX_ELEMENTS));
        if (t.hasRawData()) {
            if (t.getRawData().size() != 4L * n) {
                throw new OnnxProblem("tensor '" + t.getName() + "' holds " + t.getRawData().size() + " bytes, expected "
                        + 4L * n + " for dimensions " + t.getDimsList());
            }
            float[] v = new float[n];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        if (t.getFloatDataCount() != n) {
            throw new OnnxProblem("tensor '" + t.getName() + "' holds " + t.getFloatDataCount() + " floats, expected "
                    + n + " for dimensions " + t.getDimsList());
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    /** The integer values (INT64 or INT32) of a short tensor, e.g. a shape or pads. */
    static long[] longs(TensorProto t) {
        checkLocal(t);
        int type = t.getDataType();
        boolean i64 = type == TensorProto.DataType.INT64.getNumber();
        if (!i64 && type != TensorProto.DataType.INT32.getNumber()) {
            throw new OnnxProblem("tensor '" + t.getName() + "' has data type " + typeName(type)
                    + ", expected INT64 or INT32");
        }
        int n = (int) count(dims(t, MAX_INTS));
        int width = i64 ? 8 : 4;
        long[] v = new long[n];
        if (t.hasRawData()) {
            if (t.getRawData().size() != (long) width * n) {
                throw new OnnxProblem("tensor '" + t.getName() + "' holds " + t.getRawData().size() + " bytes, expected "
                        + (long) width * n + " for dimensions " + t.getDimsList());
            }
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                v[i] = i64 ? b.getLong() : b.getInt();
            }
            return v;
        }
        int stored = i64 ? t.getInt64DataCount() : t.getInt32DataCount();
        if (stored != n) {
            throw new OnnxProblem("tensor '" + t.getName() + "' holds " + stored + " values, expected " + n
                    + " for dimensions " + t.getDimsList());
        }
        for (int i = 0; i < n; i++) {
            v[i] = i64 ? t.getInt64Data(i) : t.getInt32Data(i);
        }
        return v;
    }

    private static void checkLocal(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxProblem("tensor '" + t.getName() + "' keeps its data in an external file, which is not read");
        }
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "#" + type : d.name();
    }
}
