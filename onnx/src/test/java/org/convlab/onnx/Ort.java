package org.convlab.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.convlab.tensor.Tensor;

/** ONNX Runtime as the judge of interchange: runs a model's bytes on one input. */
final class Ort {
    private Ort() {
    }

    /** The first output of {@code model} for {@code x} (fed as the model's first input). */
    static Tensor run(byte[] model, Tensor x) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                String input = session.getInputNames().iterator().next();
                long[] shape = new long[x.rank()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = x.dim(i);
                }
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data(), 0, x.size()), shape);
                     OrtSession.Result result = session.run(Map.of(input, in))) {
                    OnnxTensor out = (OnnxTensor) result.get(0);
                    long[] dims = out.getInfo().getShape();
                    int[] d = new int[dims.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = Math.toIntExact(dims[i]);
                    }
                    FloatBuffer b = out.getFloatBuffer();
                    float[] data = new float[b.remaining()];
                    b.get(data);
                    return Tensor.wrap(data, d);
                }
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }
}
