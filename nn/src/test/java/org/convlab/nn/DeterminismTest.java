package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.Adam;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same seed gives the same bits on 1 or 2 threads: fixed chunks, fixed reduction order. */
class DeterminismTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threadsBefore);
    }

    /** A tensor of {@code dims} drawn uniformly from [-1, 1) by {@code rng}. */
    static Tensor random(Rng rng, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.uniform(-1, 1);
        }
        return t;
    }

    /** Output, input gradient and parameter gradients of one forward and backward of {@code m}. */
    private static List<float[]> pass(Module m, Tensor x, Tensor dy) {
        List<float[]> out = new ArrayList<>();
        m.zeroGrad();
        out.add(m.forward(x).data().clone());
        out.add(m.backward(dy).data().clone());
        for (Parameter p : m.parameters()) {
            out.add(p.grad().data().clone());
        }
        return out;
    }

    @Test
    void convolutionForwardAndBackwardAreBitIdenticalOnOneAndTwoThreads() {
        Rng rng = new Rng(3);
        Tensor x = random(rng, 13, 3, 12, 11);
        Conv2d conv = Conv2d.builder(3, 5, 3).stride(1, 2).padding(1).build(new Rng(1));
        Tensor dy = random(rng, 13, 5, 12, 6);
        Parallel.setThreads(1);
        List<float[]> one = pass(conv, x, dy);
        Parallel.setThreads(2);
        List<float[]> two = pass(conv, x, dy);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("tensor %d", i).isEqualTo(one.get(i));
        }
    }

    @Test
    void locallyConnectedIsBitIdenticalOnOneAndTwoThreads() {
        Rng rng = new Rng(4);
        Tensor x = random(rng, 9, 2, 7, 6);
        LocallyConnected2d lc = LocallyConnected2d.builder(2, 3, 3).size(7, 6).padding(1).build(new Rng(1));
        Tensor dy = random(rng, 9, 3, 7, 6);
        Parallel.setThreads(1);
        List<float[]> one = pass(lc, x, dy);
        Parallel.setThreads(2);
        List<float[]> two = pass(lc, x, dy);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("tensor %d", i).isEqualTo(one.get(i));
        }
    }

    /** Trains a small ThreeLayerConvNet for a few Adam steps and returns every parameter. */
    private static List<float[]> train(int threads) {
        Parallel.setThreads(threads);
        Rng rng = new Rng(11);
        ThreeLayerConvNet model = new ThreeLayerConvNet(3, 6, 4, 5, 10, 9, rng);
        Tensor x = random(rng, 20, 3, 10, 9);
        int[] labels = new int[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(5);
        }
        Adam adam = new Adam(model.parameters(), 1e-2);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int step = 0; step < 5; step++) {
            adam.zeroGrad();
            ce.forward(model.forward(x), labels);
            model.backward(ce.backward());
            adam.step();
        }
        List<float[]> params = new ArrayList<>();
        model.parameters().forEach(p -> params.add(p.value().data().clone()));
        return params;
    }

    @Test
    void trainingGivesBitIdenticalWeightsOnOneAndTwoThreads() {
        List<float[]> one = train(1);
        List<float[]> two = train(2);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("parameter %d", i).isEqualTo(one.get(i));
        }
    }
}
