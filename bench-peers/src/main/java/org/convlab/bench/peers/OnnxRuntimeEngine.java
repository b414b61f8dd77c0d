package org.convlab.bench.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime (CPU execution provider, its own MLAS kernels) running inference on the model
 * written by {@link OnnxModelBuilder} from the shared weights. It does not train: the CPU
 * package of ONNX Runtime has no training API.
 *
 * <p>Session options: all graph optimisations (which include the NCHWc layout rewrite of
 * convolutions on AVX2), sequential execution, {@code threads} intra-op threads, one inter-op
 * thread. The input tensor is created once from a direct buffer and reused.
 */
public final class OnnxRuntimeEngine implements Engine {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private OrtSession session;
    private OnnxTensor input;
    private int threads;

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public String describe() {
        return "ONNX Runtime " + env.getVersion() + " (CPU execution provider), intra-op threads " + threads
                + ", inter-op threads 1, optimisation level ALL";
    }

    @Override
    public boolean canTrain() {
        return false;
    }

    @Override
    public void prepare(Model model, Weights weights, Batch batch, float learningRate, int threads) throws OrtException {
        closeSession();
        this.threads = threads;
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(OnnxModelBuilder.build(model, weights), options);
        }
        float[] x = batch.x().data();
        FloatBuffer buffer = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(x).rewind();
        input = OnnxTensor.createTensor(env, buffer, model.inputShape(batch.size()));
    }

    @Override
    public float[] logits() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(OnnxModelBuilder.INPUT, input))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] z = new float[out.remaining()];
            out.get(z);
            return z;
        }
    }

    @Override
    public float trainStep() {
        throw new UnsupportedOperationException("ONNX Runtime (CPU package) does not train");
    }

    @Override
    public void infer() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(OnnxModelBuilder.INPUT, input))) {
            r.get(0);
        }
    }

    private void closeSession() throws OrtException {
        if (input != null) {
            input.close();
            input = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        try {
            closeSession();
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime: closing the session failed: " + e.getMessage(), e);
        }
    }
}
