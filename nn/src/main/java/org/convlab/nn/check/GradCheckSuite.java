package org.convlab.nn.check;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.PaddingMode;
import org.convlab.core.BadParameterException;
import org.convlab.nn.Module;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.Conv1d;
import org.convlab.nn.layers.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.LocallyConnected1d;
import org.convlab.nn.layers.LocallyConnected2d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Reshape;
import org.convlab.nn.models.LocallyConnectedNet;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.Shape;

/**
 * The configurations {@code convlab gradcheck} runs: every layer on small shapes covering
 * stride, padding (same, asymmetric, every mode), dilation, groups, even kernels, unshared
 * weights and pooling; the cross-entropy loss; three small models end to end; and a few
 * convolution and locally connected configurations drawn at random from the seed.
 */
public final class GradCheckSuite {
    private GradCheckSuite() {
    }

    /** One configuration: a name, the module and its input shape. */
    public record Case(String name, Module module, Shape input) {
    }

    /** Every fixed configuration plus {@code randomCases} drawn from {@code seed}. */
    public static List<Case> cases(long seed, int randomCases) {
        Rng rng = new Rng(seed);
        List<Case> c = new ArrayList<>();
        c.add(new Case("Conv2d 3x3 pad 1", Conv2d.builder(2, 3, 3).padding(1).build(rng), Shape.of(2, 2, 5, 6)));
        c.add(new Case("Conv2d stride 2", Conv2d.builder(2, 2, 3).stride(2).padding(1).build(rng),
                Shape.of(2, 2, 7, 6)));
        c.add(new Case("Conv2d dilation 2", Conv2d.builder(2, 3, 3).dilation(2).padding(2).build(rng),
                Shape.of(2, 2, 6, 7)));
        c.add(new Case("Conv2d groups 2", Conv2d.builder(4, 4, 3).groups(2).stride(2, 1).padding(1, 0).build(rng),
                Shape.of(2, 4, 6, 5)));
        c.add(new Case("Conv2d depthwise", Conv2d.builder(3, 6, 3).groups(3).padding(1).build(rng),
                Shape.of(1, 3, 5, 5)));
        c.add(new Case("Conv2d even kernel 2x4 same", Conv2d.builder(2, 2, 2, 4).padding("same").build(rng),
                Shape.of(2, 2, 5, 6)));
        c.add(new Case("Conv2d stride 3 > kernel 2", Conv2d.builder(1, 3, 2).stride(3).build(rng),
                Shape.of(2, 1, 8, 7)));
        c.add(new Case("Conv2d asymmetric 1,0,2,3", Conv2d.builder(2, 2, 3).padding("1,0,2,3").build(rng),
                Shape.of(2, 2, 5, 4)));
        for (PaddingMode mode : new PaddingMode[] {PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.CIRCULAR}) {
            c.add(new Case("Conv2d " + mode.torchName(), Conv2d.builder(2, 2, 3).padding(2).paddingMode(mode).build(rng),
                    Shape.of(2, 2, 5, 6)));
        }
        c.add(new Case("Conv2d 1x1 no bias unbatched", Conv2d.builder(3, 2, 1).bias(false).build(rng),
                Shape.of(3, 4, 5)));
        c.add(new Case("Conv1d k3 pad 1", Conv1d.builder(2, 3, 3).padding(1).build(rng), Shape.of(2, 2, 9)));
        c.add(new Case("Conv1d stride 2 dilation 2 groups 2",
                Conv1d.builder(4, 2, 3).stride(2).dilation(2).groups(2).build(rng), Shape.of(2, 4, 13)));
        c.add(new Case("Conv1d even kernel same circular",
                Conv1d.builder(2, 2, 4).padding("same").paddingMode(PaddingMode.CIRCULAR).build(rng),
                Shape.of(2, 2, 7)));
        c.add(new Case("Conv1d asymmetric reflect 2,1",
                Conv1d.builder(1, 2, 3).padding("2,1").paddingMode(PaddingMode.REFLECT).build(rng), Shape.of(2, 1, 6)));
        c.add(new Case("LocallyConnected2d 3x3 valid", LocallyConnected2d.builder(2, 2, 3).size(5, 5).build(rng),
                Shape.of(2, 2, 5, 5)));
        c.add(new Case("LocallyConnected2d 3x3 same",
                LocallyConnected2d.builder(2, 3, 3).size(4, 5).padding("same").build(rng), Shape.of(2, 2, 4, 5)));
        c.add(new Case("LocallyConnected2d 2x2 stride 2 no bias",
                LocallyConnected2d.builder(2, 2, 2).size(6, 5).stride(2).bias(false).build(rng), Shape.of(2, 2, 6, 5)));
        c.add(new Case("LocallyConnected2d reflect dilation 2",
                LocallyConnected2d.builder(1, 2, 3).size(5, 5).padding(1).dilation(2).paddingMode(PaddingMode.REFLECT)
                        .build(rng), Shape.of(2, 1, 5, 5)));
        c.add(new Case("LocallyConnected1d even kernel same",
                LocallyConnected1d.builder(2, 2, 4).size(7).padding("same").build(rng), Shape.of(2, 2, 7)));
        c.add(new Case("Linear", new Linear(7, 4, rng), Shape.of(3, 7)));
        c.add(new Case("Linear leading dims", new Linear(5, 3, rng), Shape.of(2, 3, 5)));
        c.add(new Case("ReLU", new ReLU(), Shape.of(3, 4, 5)));
        c.add(new Case("MaxPool2d 2", new MaxPool2d(2), Shape.of(2, 2, 6, 7)));
        c.add(new Case("MaxPool2d 3 stride 2 pad 1", MaxPool2d.builder(3).stride(2).padding(1).build(),
                Shape.of(2, 2, 7, 6)));
        c.add(new Case("MaxPool2d dilation 2", MaxPool2d.builder(2, 3).stride(1, 2).dilation(2).build(),
                Shape.of(1, 2, 7, 8)));
        c.add(new Case("AvgPool2d 2", new AvgPool2d(2), Shape.of(2, 2, 6, 7)));
        c.add(new Case("AvgPool2d 3 stride 2 pad 1", AvgPool2d.builder(3).stride(2).padding(1).build(),
                Shape.of(2, 2, 7, 6)));
        c.add(new Case("AvgPool2d pad 1 exclude padding",
                AvgPool2d.builder(3).stride(1).padding(1).countIncludePad(false).build(), Shape.of(1, 2, 5, 5)));
        c.add(new Case("Flatten", new Flatten(), Shape.of(2, 3, 4, 2)));
        c.add(new Case("Reshape", new Reshape(2, 3, 4), Shape.of(2, 24)));
        c.add(new Case("ThreeLayerConvNet", new ThreeLayerConvNet(2, 3, 2, 4, 6, 5, rng), Shape.of(2, 2, 6, 5)));
        c.add(new Case("LocallyConnectedNet", new LocallyConnectedNet(1, 2, 2, 3, 5, 5, rng), Shape.of(2, 1, 5, 5)));
        c.add(new Case("ThreeLayerMLP", new ThreeLayerMLP(12, 6, 3, rng), Shape.of(3, 3, 2, 2)));
        c.add(new Case("conv, pool, linear", new Sequential(Conv2d.builder(1, 2, 3).padding(1).build(rng), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(2 * 3 * 3, 3, rng)), Shape.of(2, 1, 6, 6)));
        for (int i = 0; i < randomCases; i++) {
            c.add(random(rng, i));
        }
        return c;
    }

    /** A random convolution or locally connected layer, 1-D or 2-D, with any stride, padding, mode and groups. */
    static Case random(Rng rng, int index) {
        while (true) {
            boolean local = index % 3 == 2;
            boolean twoD = rng.nextInt(3) > 0;
            int groups = local ? 1 : 1 + rng.nextInt(2);
            int in = groups * (1 + rng.nextInt(2));
            int out = groups * (1 + rng.nextInt(2));
            int[] size = twoD ? new int[] {3 + rng.nextInt(5), 3 + rng.nextInt(5)} : new int[] {4 + rng.nextInt(8)};
            int k = 1 + rng.nextInt(4);
            int stride = 1 + rng.nextInt(3);
            int dilation = rng.nextInt(3) == 0 ? 2 : 1;
            String padding = twoD ? rng.nextInt(4) + "," + rng.nextInt(3) + "," + rng.nextInt(3) + "," + rng.nextInt(4)
                    : rng.nextInt(4) + "," + rng.nextInt(3);
            PaddingMode mode = PaddingMode.values()[rng.nextInt(4)];
            int n = 1 + rng.nextInt(2);
            try {
                Module m;
                Shape input;
                if (twoD) {
                    input = Shape.of(n, in, size[0], size[1]);
                    m = local
                            ? LocallyConnected2d.builder(in, out, k).size(size[0], size[1]).stride(stride)
                                    .dilation(dilation).padding(padding).paddingMode(mode).build(rng)
                            : Conv2d.builder(in, out, k).stride(stride).dilation(dilation).padding(padding)
                                    .paddingMode(mode).groups(groups).build(rng);
                } else {
                    input = Shape.of(n, in, size[0]);
                    m = local
                            ? LocallyConnected1d.builder(in, out, k).size(size[0]).stride(stride).dilation(dilation)
                                    .padding(padding).paddingMode(mode).build(rng)
                            : Conv1d.builder(in, out, k).stride(stride).dilation(dilation).padding(padding)
                                    .paddingMode(mode).groups(groups).build(rng);
                }
                m.forward(org.convlab.tensor.Tensor.zeros(input));
                return new Case("random " + (local ? "LocallyConnected" : "Conv") + (twoD ? "2d" : "1d") + " #"
                        + (index + 1), m, input);
            } catch (BadParameterException e) {
                // the kernel does not fit this input or the padding is too large for its mode: draw again
            }
        }
    }

    /** Runs every case and the cross-entropy checks. */
    public static List<GradCheckResult> run(long seed, int randomCases) {
        List<GradCheckResult> results = new ArrayList<>();
        long s = seed;
        for (Case c : cases(seed, randomCases)) {
            results.add(GradCheck.check(c.name(), c.module(), c.input(), s++));
        }
        results.add(GradCheck.checkCrossEntropy("CrossEntropyLoss", 4, 5, 2.0, s++));
        results.add(GradCheck.checkCrossEntropy("CrossEntropyLoss large logits", 3, 4, 30.0, s));
        return results;
    }
}
