package org.convlab.bench.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.convlab.tensor.Tensor;

/**
 * PyTorch 2.7.1 (libtorch, CPU) driven from Java through DJL's NDArray API, in eager mode.
 *
 * <p>The model is written with DJL's functional ops that map one-to-one onto libtorch's:
 * {@code conv2d} (aten::convolution), {@code relu}, {@code reshape} (NCHW flatten),
 * {@code linear} (aten::linear, weight {@code (out, in)}). Loss: {@code -sum(log_softmax(z) *
 * onehot) / N}. A step records the graph in a gradient collector, runs backward, updates
 * {@code w -= lr * w.grad} without recording, and zeroes the gradients (DJL's way;
 * {@code set_to_none} is not exposed).
 *
 * <p>Must run with {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}; DJL then
 * loads libtorch from the {@code pytorch-native-cpu} jar on the class path (extracted once
 * into {@code ~/.djl.ai/pytorch/}) without touching the network.
 */
public final class PyTorchDjlEngine implements org.convlab.bench.peers.Engine {
    private final Engine engine;
    private final NDManager root;
    private NDManager modelManager;
    private final List<NDArray> params = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private NDArray x;
    private NDArray onehot;
    private int batchSize;
    private float learningRate;

    /** Loads libtorch (offline) and opens a manager on the CPU. */
    public PyTorchDjlEngine() {
        this.engine = Engine.getEngine("PyTorch");
        this.root = engine.newBaseManager(Device.cpu());
    }

    @Override
    public String name() {
        return "pytorch-djl";
    }

    @Override
    public String describe() {
        return "PyTorch " + engine.getVersion() + " via DJL " + Engine.getDjlVersion()
                + ", libtorch " + LibUtils.getLibtorchPath()
                + ", intra-op threads " + JniUtils.getNumThreads()
                + ", inter-op threads " + JniUtils.getNumInteropThreads()
                + ", features " + new TreeSet<>(JniUtils.getFeatures());
    }

    @Override
    public boolean canTrain() {
        return true;
    }

    @Override
    public void prepare(Model model, Weights weights, Batch batch, float lr, int threads) {
        closeModel();
        JniUtils.setNumThreads(threads);
        modelManager = root.newSubManager();
        layers.addAll(model.layers());
        for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
            NDArray p = create(e.getValue());
            p.setRequiresGradient(true);
            params.add(p);
        }
        x = create(batch.x());
        float[] hot = new float[batch.size() * Model.CLASSES];
        for (int i = 0; i < batch.size(); i++) {
            hot[i * Model.CLASSES + batch.labels()[i]] = 1f;
        }
        onehot = modelManager.create(hot, new Shape(batch.size(), Model.CLASSES));
        batchSize = batch.size();
        learningRate = lr;
    }

    private NDArray create(Tensor t) {
        long[] dims = new long[t.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.dim(i);
        }
        return modelManager.create(t.data(), new Shape(dims));
    }

    /** The logits {@code (N, 10)} of {@code input (N, C, H, W)}; the result lives in the input's manager. */
    private NDArray forward(NDArray input) {
        NDArray h = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            NDArray w = params.get(2 * i);
            NDArray b = params.get(2 * i + 1);
            if (l.isConv()) {
                int pad = l.conv().axis(0).padBefore();
                h = Conv2d.conv2d(h, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1)
                        .singletonOrThrow();
            } else {
                h = Linear.linear(h.reshape(batchSize, -1), w, b).singletonOrThrow();
            }
            if (i < layers.size() - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    @Override
    public float[] logits() {
        try (NDManager step = modelManager.newSubManager()) {
            x.tempAttach(step);
            return forward(x).toFloatArray();
        }
    }

    @Override
    public float trainStep() {
        try (NDManager step = modelManager.newSubManager()) {
            x.tempAttach(step);
            float loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray z = forward(x);
                NDArray l = z.logSoftmax(1).mul(onehot).sum().neg().div(batchSize);
                collector.backward(l);
                loss = l.getFloat();
            }
            for (NDArray p : params) {
                // In place, no temporaries: g *= lr; w -= g; g = 0.
                NDArray g = p.getGradient();
                g.attach(step);
                p.subi(g.muli(learningRate));
                JniUtils.zeroGrad((PtNDArray) p);
            }
            return loss;
        }
    }

    @Override
    public void infer() {
        try (NDManager step = modelManager.newSubManager()) {
            x.tempAttach(step);
            forward(x);
        }
    }

    /** One {@code n x n} by {@code n x n} float32 matrix multiply (aten::matmul), for the peak. */
    public GemmPeak gemmPeak() {
        return new GemmPeak() {
            private NDManager m;
            private NDArray a;
            private NDArray b;

            @Override
            public String name() {
                return "pytorch-djl matmul";
            }

            @Override
            public void prepare(int n, int threads) {
                close();
                JniUtils.setNumThreads(threads);
                m = root.newSubManager();
                a = m.randomUniform(-1f, 1f, new Shape(n, n));
                b = m.randomUniform(-1f, 1f, new Shape(n, n));
            }

            @Override
            public double time(int calls) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    a.matMul(b).close();
                }
                return (System.nanoTime() - t0) * 1e-9;
            }

            @Override
            public void close() {
                if (m != null) {
                    m.close();
                    m = null;
                }
            }
        };
    }

    private void closeModel() {
        if (modelManager != null) {
            modelManager.close();
            modelManager = null;
        }
        params.clear();
        layers.clear();
    }

    @Override
    public void close() {
        closeModel();
        root.close();
    }
}
