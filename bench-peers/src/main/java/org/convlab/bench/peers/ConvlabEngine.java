package org.convlab.bench.peers;

import java.util.Map;
import org.convlab.lab.bench.TrainingStep;
import org.convlab.nn.Inference;
import org.convlab.nn.Parameter;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.parallel.Parallel;

/**
 * convlab's own engine ({@code org.convlab.nn}): the notebook's ThreeLayerConvNet or
 * ThreeLayerMLP with the shared weights copied in by state_dict name, cross-entropy from
 * logits, plain SGD.
 *
 * <p>A step is the lab's {@link TrainingStep} ({@code zeroGrad; forward; loss; backward; step},
 * the input gradient switched off as PyTorch does for an input that does not require a
 * gradient), the same step {@code ./convlab bench} and bench's JMH benchmark time; it is timed
 * here by {@link Engine}'s loop, the one every peer is timed by. Inference is an
 * {@link Inference} of the model (its weights fixed, as ONNX Runtime's session holds them). The
 * {@link Parallel} pool is sized to the thread count only inside convlab's own timed loops
 * and set back to one thread after them: an idle pool keeps waking up to spin, which would
 * take CPU from the peers' turns.
 */
public final class ConvlabEngine implements Engine {
    private Sequential net;
    private Inference inference;
    private TrainingStep step;
    private Tensor x;
    private int threads = 1;

    @Override
    public String name() {
        return "convlab";
    }

    @Override
    public String describe() {
        return "convlab (pure Java, SIMD path " + (Kernels.simd() ? "on" : "off") + ", GEMM "
                + Kernels.gemm().getClass().getSimpleName() + "), threads " + threads
                + ", JDK " + System.getProperty("java.runtime.version");
    }

    @Override
    public boolean canTrain() {
        return true;
    }

    @Override
    public boolean onJavaHeap() {
        return true;
    }

    @Override
    public void prepare(Model model, Weights weights, Batch batch, float learningRate, int threads) {
        this.threads = threads;
        Rng rng = new Rng(0);
        net = model.isConv()
                ? new ThreeLayerConvNet(model.channels(), Model.CONV1, Model.CONV2, Model.CLASSES,
                        model.height(), model.width(), rng)
                : new ThreeLayerMLP(model.inputSize(), model.layers().get(0).out(), Model.CLASSES, rng);
        Map<String, Parameter> params = net.namedParameters();
        if (!params.keySet().equals(weights.tensors().keySet())) {
            throw new IllegalStateException("convlab: parameters " + params.keySet() + " but weights "
                    + weights.tensors().keySet());
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor w = weights.tensors().get(e.getKey());
            Tensor v = e.getValue().value();
            if (!v.shape().equals(w.shape())) {
                throw new IllegalStateException("convlab: " + e.getKey() + " is " + v.shape() + ", weights " + w.shape());
            }
            System.arraycopy(w.data(), 0, v.data(), 0, w.size());
        }
        x = batch.x().copy();
        step = new TrainingStep(net, x, batch.labels(), learningRate);
        inference = null;
    }

    /** Through an {@link Inference} of the present parameters: the path {@link #infer} times. */
    @Override
    public float[] logits() {
        return withThreads(() -> Inference.of(net).forward(x).copy().data());
    }

    @Override
    public float trainStep() {
        return step.run();
    }

    /**
     * A forward pass of an {@link Inference} made on the first call (in the warm-up): the weights
     * are fixed in inference, as in ONNX Runtime's session, and the linear layers' are packed once.
     */
    @Override
    public void infer() {
        if (inference == null) {
            inference = Inference.of(net);
        }
        inference.forward(x);
    }

    @Override
    public double timeTrain(int steps) throws Exception {
        return withThreads(() -> Engine.super.timeTrain(steps));
    }

    @Override
    public double timeInfer(int steps) throws Exception {
        return withThreads(() -> Engine.super.timeInfer(steps));
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> T withThreads(Work<T> work) {
        Parallel.setThreads(threads);
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Parallel.setThreads(1);
        }
    }

    @Override
    public void close() {
        net = null;
        inference = null;
        step = null;
    }
}
