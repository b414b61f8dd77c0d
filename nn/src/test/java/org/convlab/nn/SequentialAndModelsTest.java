package org.convlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.EquivarianceCnn;
import org.convlab.nn.models.EquivarianceMlp;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;
import org.junit.jupiter.api.Test;

class SequentialAndModelsTest {
    @Test
    void parameterCountsOfTheNotebooksModels() {
        Rng rng = new Rng(1);
        assertThat(new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, rng).parameterCount()).isEqualTo(170_906);
        assertThat(new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, rng).parameterCount()).isEqualTo(130_906);
        assertThat(new ThreeLayerMLP(784, 100, 10, rng).parameterCount()).isEqualTo(89_610);
        assertThat(new ThreeLayerMLP(3072, 100, 10, rng).parameterCount()).isEqualTo(318_410);
        assertThat(new EquivarianceCnn(rng).parameterCount()).isEqualTo(200 + 7_240 + 361);
        assertThat(new EquivarianceMlp(rng).parameterCount()).isEqualTo(313_700 + 10_100 + 316_736);
        // the unshared twin: each conv weight and bias times H*W positions
        assertThat(new LocallyConnectedNet(1, 32, 16, 10, 28, 28, rng).parameterCount())
                .isEqualTo(784L * (800 + 32) + 784L * (4608 + 16) + 125_450);
    }

    @Test
    void parametersAreNamedByTheirModule() {
        ThreeLayerConvNet m = new ThreeLayerConvNet(1, 2, 2, 3, 4, 4, new Rng(1));
        assertThat(m.namedParameters().keySet()).containsExactly("conv1.weight", "conv1.bias", "conv2.weight",
                "conv2.bias", "fc.weight", "fc.bias");
        assertThat(m.toString()).startsWith("ThreeLayerConvNet(\n  (conv1): Conv2d(1, 2, kernel_size=5, stride=1,"
                + " padding=2)");
    }

    @Test
    void frozenConvolutionsStopBackpropagationAtTheClassifier() {
        Rng rng = new Rng(2);
        ThreeLayerConvNet m = new ThreeLayerConvNet(1, 2, 2, 3, 5, 5, rng);
        m.conv1().freeze();
        m.conv2().freeze();
        m.setInputGradient(false);
        Tensor x = Tensor.zeros(2, 1, 5, 5).fill(0.5f);
        m.zeroGrad();
        Tensor dx = m.backward(crossEntropyGradient(m.forward(x)));
        assertThat(dx).isNull();
        assertThat(m.conv1().weight().grad().data()).containsOnly(0f);
        assertThat(m.conv2().weight().grad().data()).containsOnly(0f);
        assertThat(m.fc().weight().grad().data()).isNotEqualTo(new float[m.fc().weight().size()]);
        assertThat(m.trainableParameterCount()).isEqualTo(m.fc().parameterCount());
    }

    private static Tensor crossEntropyGradient(Tensor logits) {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        ce.forward(logits, new int[] {0, 2});
        return ce.backward();
    }

    @Test
    void aConvolutionAndItsRectifierBackPropagateInOnePassWithTheSameResult() {
        // Large enough for the direct kernels (conv 3->16 5x5 on 16x16, batch 8: 4.9 MFLOP).
        Tensor x = Tensor.zeros(8, 3, 16, 16);
        Rng data = new Rng(3);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) data.uniform(-1, 1);
        }
        ThreeLayerConvNet fused = new ThreeLayerConvNet(3, 16, 8, 10, 16, 16, new Rng(5));
        ThreeLayerConvNet apart = new ThreeLayerConvNet(3, 16, 8, 10, 16, 16, new Rng(5));
        assertThat(fused.conv1().fusesBackward(fused.get(1))).isFalse(); // no forward yet
        Tensor g = Tensor.zeros(8, 10);
        for (int i = 0; i < g.size(); i++) {
            g.data()[i] = (float) data.uniform(-1, 1);
        }
        fused.forward(x);
        apart.forward(x);
        assertThat(fused.conv1().fusesBackward(fused.get(1))).isTrue();
        Tensor dxFused = fused.backward(g).copy();
        // The same children one by one, each with its own backward pass.
        Tensor h = g;
        for (int i = apart.size() - 1; i >= 0; i--) {
            h = apart.get(i).backward(h);
        }
        assertThat(dxFused.data()).isEqualTo(h.data());
        for (String name : fused.namedParameters().keySet()) {
            assertThat(fused.namedParameters().get(name).grad().data()).as(name)
                    .isEqualTo(apart.namedParameters().get(name).grad().data());
        }
    }

    @Test
    void aConvolutionComputesItsRectifiersOutputInItsForwardPassWithTheSameBits() {
        // conv1 large enough for the direct kernels (3->16 5x5 on 16x16, batch 8), conv2 on the GEMM path.
        Tensor x = Tensor.zeros(8, 3, 16, 16);
        Rng data = new Rng(4);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) data.uniform(-1, 1);
        }
        // Rectifiers with buffers of their own (ThreeLayerConvNet's are in place: InPlaceRectifierTest).
        Sequential fused = InPlaceRectifierTest.notebookNet(3, 16, 8, 16, 6, false);
        Sequential apart = InPlaceRectifierTest.notebookNet(3, 16, 8, 16, 6, false);
        assertThat(fused.get(0).fusesForward(fused.get(1))).isTrue();
        assertThat(fused.get(1).fusesForward(fused.get(2))).isFalse();
        Tensor logits = fused.forward(x);
        // The same children one by one, each with its own forward pass.
        Tensor h = x;
        for (int i = 0; i < apart.size(); i++) {
            h = apart.get(i).forward(h);
            assertThat(fused.output(i).data()).as(fused.get(i).label()).isEqualTo(h.data());
        }
        assertThat(logits.data()).isEqualTo(h.data());
        float min = Float.MAX_VALUE;
        for (float v : fused.output(0).data()) {
            min = Math.min(min, v);
        }
        assertThat(min).as("conv1's own output, before the rectifier").isNegative();
        // A rectifier called on its own after a fused pass computes its output again.
        Tensor other = Tensor.wrap(new float[] {-1, 2}, 2);
        assertThat(fused.get(1).forward(other).data()).containsExactly(0f, 2f);
    }

    @Test
    void oneRectifierModuleAfterTwoConvolutionsGivesTheResultOfTheSeparatePasses() {
        // The same ReLU twice, both outputs of one shape: its buffer is the second convolution's
        // input, so that convolution must not write the rectified output into it.
        ReLU shared = new ReLU();
        Sequential twice = new Sequential().add("conv1", Conv2d.builder(2, 4, 3).padding(1).build(new Rng(1)))
                .add("relu1", shared).add("conv2", Conv2d.builder(4, 4, 3).padding(1).build(new Rng(2)))
                .add("relu2", shared);
        Tensor x = Tensor.zeros(2, 2, 6, 6);
        Rng data = new Rng(5);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) data.uniform(-1, 1);
        }
        Tensor h = x;
        for (int i = 0; i < 3; i++) {
            h = twice.get(i).forward(h).copy();
        }
        float[] expected = new ReLU().forward(h).data();
        assertThat(twice.forward(x).data()).isEqualTo(expected);
    }

    @Test
    void outputsOfTheLastForwardAndTheFirstNonFiniteLayer() {
        Sequential s = new Sequential().add("fc1", new Linear(2, 2, new Rng(1))).add("relu", new ReLU())
                .add("fc2", new Linear(2, 1, new Rng(2)));
        s.forward(Tensor.wrap(new float[] {1, 2}, 1, 2));
        assertThat(s.output(0).shape().dims()).containsExactly(1, 2);
        assertThat(s.firstNonFinite()).isNull();
        s.forward(Tensor.wrap(new float[] {Float.NaN, 2}, 1, 2));
        assertThat(s.firstNonFinite()).isEqualTo("fc1: Linear(in_features=2, out_features=2, bias=True)");
    }

    @Test
    void buffersAreReusedForTheSameBatchSize() {
        Conv2d conv = Conv2d.builder(1, 2, 3).build(new Rng(1));
        Tensor y1 = conv.forward(Tensor.zeros(4, 1, 6, 6));
        Tensor y2 = conv.forward(Tensor.zeros(4, 1, 6, 6));
        assertThat(y2).isSameAs(y1);
        assertThat(conv.forward(Tensor.zeros(3, 1, 6, 6))).isNotSameAs(y1);
    }

    /**
     * A small ConvNet (direct kernels), one whose 16->8 3x3 layer on 16 x 16 planes takes
     * Winograd's form in rows of whole vectors at 256 bits, and one whose 17->9 layer on 12 x 12
     * planes takes it with partial vectors (17 channels and 9 filters: the partial vectors'
     * gathers; rows narrower than a vector: the masks past the row's end). The Winograd ones only
     * on JDK 25 or newer here; before it, see {@link #winogradsFormAllocatesAlmostNothingInAJvmOfItsOwn}.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "in {0}, channels {1} and {2}, {3}x{3}, batch {4}: {5}")
    @org.junit.jupiter.params.provider.CsvSource({"3, 8, 4, 16, 8, direct", "3, 16, 8, 16, 8, whole rows",
        "1, 17, 9, 12, 12, partial rows"})
    void aTrainingStepAllocatesAlmostNothing(int in, int c1, int c2, int size, int batch, String kernels) {
        org.junit.jupiter.api.Assumptions.assumeTrue(kernels.equals("direct") || Runtime.version().feature() >= 25,
                "before JDK 25 Winograd's form allocates after other Vector API work in the JVM");
        StepAllocation.Result r = StepAllocation.measure(in, c1, c2, size, batch);
        assertThat(r.quietInARow()).as("steps in a row allocating under %d bytes (smallest step: %d bytes)",
                StepAllocation.BOUND, r.smallest()).isEqualTo(5);
    }

    /**
     * Before JDK 25, C2 inlines the Vector API's methods in rounds and, unless it cleans its graph
     * after each ({@code -XX:+IncrementalInlineForceCleanup}, which the build and the launcher
     * pass), loses the vectors' exact types in Winograd's transforms and boxes them: the 32->16
     * layer on 32 x 32 planes (rows of whole vectors at 256 and 512 bits), 5.3 MB a step at 256
     * bits and 4.0 MB at 512 without it on JDK 17 (the notebook's 1x28x28 ConvNet 120 MB). JDK 17
     * also stores a masked vector that leaves lanes out lane by lane from a boxed copy, so the
     * output transforms write rows that end inside a vector through a buffer there: the 17->9
     * layer on 12 x 12 planes, 1.06 MB a step without it. With both, a JVM that trains only one of
     * these models allocates almost nothing, except that on JDK 17 about one JVM in five still
     * compiles the 32->16 model into code that allocates 495 KB a step (cause not found); after
     * other Vector API work in the same JVM (the direct kernels' model above) its spoilt type
     * profiles can bring boxes back (a 16->8 layer: 248 KB a step), hence a JVM of its own. So the
     * bound here is the smallest step under 750 KB: what the flag and the buffer bring about in
     * every JVM, and what fails without either (on JDK 25 the Winograd models above stay under 16 KB
     * a step in this JVM).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "in {0}, channels {1} and {2}, {3}x{3}, batch {4}")
    @org.junit.jupiter.params.provider.CsvSource({"3, 32, 16, 32, 4", "1, 17, 9, 12, 12"})
    void winogradsFormAllocatesAlmostNothingInAJvmOfItsOwn(int in, int c1, int c2, int size, int batch) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 25
                        || org.convlab.tensor.kernels.VectorWidth.inliningCleanup(),
                "before JDK 25 only with -XX:+IncrementalInlineForceCleanup");
        // A JVM like this one (its java, flags and class path), so that no earlier test's Vector API work counts.
        java.util.Optional<String> out = org.convlab.core.ChildJvm.output(StepAllocation.class.getName(),
                java.util.List.of(String.valueOf(in), String.valueOf(c1), String.valueOf(c2), String.valueOf(size),
                        String.valueOf(batch)), 180);
        assertThat(out).as("the child JVM's output").isPresent();
        long smallest = Long.parseLong(out.get().strip().replaceAll(".* smallest ", ""));
        assertThat(smallest).as("bytes of the child JVM's smallest training step").isLessThan(750_000);
    }

    @Test
    void stateDictRoundTripsAndRefusesStrangers() {
        ThreeLayerConvNet a = new ThreeLayerConvNet(1, 2, 2, 3, 4, 4, new Rng(1));
        ThreeLayerConvNet b = new ThreeLayerConvNet(1, 2, 2, 3, 4, 4, new Rng(2));
        java.util.Map<String, Tensor> saved = new java.util.LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> saved.put(k, v.copy()));
        b.loadStateDict(saved);
        assertThat(b.fc().weight().value().data()).isEqualTo(a.fc().weight().value().data());
        saved.put("fc.weight", Tensor.zeros(3, 5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.loadStateDict(saved))
                .hasMessage("state fc.weight: expected shape (3, 32), got (3, 5)");
        saved.remove("fc.weight");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.loadStateDict(saved))
                .hasMessage("state: expected a value for fc.weight, got 'none'");
    }
}
