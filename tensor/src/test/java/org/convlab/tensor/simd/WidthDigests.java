package org.convlab.tensor.simd;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.GemmConv;
import org.convlab.tensor.kernels.GemmDense;
import org.convlab.tensor.kernels.GemmLocal;
import org.convlab.tensor.kernels.LocalKernels;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;

/**
 * Prints one SHA-256 digest of the output bits of every SIMD kernel on fixed, seeded problems,
 * on 1 and then 2 threads, plus the weights after a short training run: the evidence that the
 * kernels give the same bits at every vector width ({@code -Dconvlab.vector.bits}) and thread
 * count. {@link WidthBitsTest} runs it in one child JVM per width and compares the lines.
 *
 * <p>Each output line is {@code <case> <threads> <hex digest>}; the first line names the width.
 */
public final class WidthDigests {
    private final List<String> lines = new ArrayList<>();
    private int threads;

    private WidthDigests() {
    }

    /** Prints the digests of every case on stdout. */
    public static void main(String[] args) {
        digests().forEach(System.out::println);
        System.exit(0);
    }

    /** The lines {@link #main} prints: the width, then every case on 1 and on 2 threads. */
    static List<String> digests() {
        int saved = Parallel.threads();
        WidthDigests d = new WidthDigests();
        d.lines.add("width " + Lanes.F.vectorBitSize());
        try {
            for (int t : new int[] {1, 2}) {
                Parallel.setThreads(t);
                d.threads = t;
                d.gemm();
                d.conv();
                d.winograd();
                d.local();
                d.dense();
                d.elementwise();
                d.training();
            }
        } finally {
            Parallel.setThreads(saved);
        }
        return d.lines;
    }

    private void gemm() {
        SimdGemm gemm = new SimdGemm();
        int[][] shapes = {{1, 1, 1}, {7, 13, 5}, {6, 16, 8}, {17, 33, 70}, {40, 70, 400}, {9, 100, 650}, {130, 24, 33},
            {24, 48, 40}, {36, 16, 330}, {64, 100, 784}};
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {1f, 0.5f}};
        int seed = 0;
        for (int[] s : shapes) {
            for (int trans = 0; trans < 4; trans++) {
                for (float[] ab : alphaBeta) {
                    boolean ta = (trans & 1) != 0;
                    boolean tb = (trans & 2) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    Random r = new Random(seed++);
                    float[] a = random(r, m * k);
                    float[] b = random(r, k * n);
                    float[] c = random(r, m * n);
                    gemm.sgemm(ta, tb, m, n, k, ab[0], a, 0, ta ? m : k, b, 0, tb ? k : n, ab[1], c, 0, n);
                    record("gemm " + m + "x" + n + "x" + k + " t" + trans + " beta" + ab[1], c);
                }
            }
        }
    }

    private void conv() {
        ConvPlan[] plans = {
            ConvPlan.of(ConvGeometry.builder().inChannels(3).outChannels(32).size(12, 12).kernel(5).padding(2).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(6).size(14, 14).kernel(5).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(16).size(9, 11).kernel(3).padding(1)
                    .stride(2, 1).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(10).outChannels(26).groups(2).size(7, 19).kernel(3, 2)
                    .dilation(2, 2).padding(new Padding.Explicit(new int[] {1, 2}, new int[] {2, 0}))
                    .paddingMode(PaddingMode.REFLECT).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(5).outChannels(9).size(37).kernel(4).padding(1).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(2).outChannels(40).size(6, 21).kernel(3).padding(1).build()),
            // At most 16 output channels from a multiple of 32 input channels: at 512 bits the
            // weight gradient holds the input channels in the lanes (WeightGradKernel.k8x2Inputs).
            ConvPlan.of(ConvGeometry.builder().inChannels(32).outChannels(16).size(9, 19).kernel(3).padding(1).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(64).outChannels(11).size(8, 7).kernel(2, 3).dilation(2, 1)
                    .padding(new Padding.Explicit(new int[] {1, 1}, new int[] {2, 0})).build()),
        };
        for (int i = 0; i < plans.length; i++) {
            ConvPlan p = plans[i];
            for (double minFlops : new double[] {0, SimdConv.MIN_DIRECT_FLOPS}) {
                SimdConv conv = new SimdConv(new GemmConv(new SimdGemm()), minFlops);
                Random r = new Random(100 + i);
                int n = 3;
                float[] x = random(r, n * p.inputSize());
                float[] w = random(r, p.weightSize());
                float[] bias = random(r, p.filters);
                float[] dy = random(r, n * p.outputSize());
                float[] y = new float[n * p.outputSize()];
                float[] dx = new float[n * p.inputSize()];
                float[] dw = random(r, p.weightSize());
                float[] db = random(r, p.filters);
                Workspace ws = new Workspace();
                conv.forward(p, n, x, w, bias, y, ws);
                conv.backward(p, n, x, w, dy, dx, dw, db, ws);
                String name = "conv" + i + (minFlops == 0 ? " direct" : " default");
                record(name + " y", y);
                record(name + " dx", dx);
                record(name + " dw", dw);
                record(name + " db", db);
                float[] rectified = y.clone();
                for (int j = 0; j < rectified.length; j++) {
                    rectified[j] = Math.max(rectified[j], 0f);
                }
                conv.backwardRectified(p, n, x, w, dy, rectified, dx, dw, db, ws);
                record(name + " rectified dx", dx);
                record(name + " rectified dw", dw);
                record(name + " rectified db", db);
            }
        }
    }

    /** Winograd's F(2x2, 3x3) form: the forward pass with and without the rectifier, the weight gradient with and without a mask, and a layer through SimdConv. */
    private void winograd() {
        for (int i = 0; i < SimdWinogradTest.DIGEST_PLANS.length; i++) {
            ConvPlan p = SimdWinogradTest.DIGEST_PLANS[i];
            Random r = new Random(300 + i);
            int n = 3;
            float[] x = random(r, n * p.inputSize());
            float[] u = org.convlab.tensor.kernels.Winograd.transformFilters(p, random(r, p.weightSize()));
            float[] bias = random(r, p.filters);
            float[] y = new float[n * p.outputSize()];
            new SimdWinograd().forward(p, n, x, null, u, bias, y, null);
            record("winograd" + i + " y", y);
            new SimdWinograd().forward(p, n, x, null, u, null, y, y);
            record("winograd" + i + " rectified y", y);
        }
        for (int i = 0; i < SimdWinogradGradientTest.DIGEST_PLANS.length; i++) {
            ConvPlan p = SimdWinogradGradientTest.DIGEST_PLANS[i];
            Random r = new Random(500 + i);
            int n = 3 + 4 * i;
            float[] x = random(r, n * p.inputSize());
            float[] dy = random(r, n * p.outputSize());
            float[] rectified = random(r, dy.length);
            float[] dw = new float[p.weightSize()];
            new SimdWinograd().weightGradient(p, n, x, dy, null, dw, new Workspace());
            record("winograd" + i + " dw", dw);
            new SimdWinograd().weightGradient(p, n, x, dy, rectified, dw, new Workspace());
            record("winograd" + i + " masked dw", dw);
        }
        // A 3x3 layer's passes through SimdConv, all three in the form.
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(16).outChannels(12).size(7, 10).kernel(3).padding(1)
                .build());
        SimdConv conv = new SimdConv(new GemmConv(new SimdGemm()), 0, true);
        Random r = new Random(400);
        int n = 3;
        float[] x = random(r, n * p.inputSize());
        float[] w = random(r, p.weightSize());
        float[] bias = random(r, p.filters);
        float[] dy = random(r, n * p.outputSize());
        float[] y = new float[n * p.outputSize()];
        float[] rectified = new float[y.length];
        float[] dx = new float[n * p.inputSize()];
        float[] dw = new float[p.weightSize()];
        float[] db = new float[p.filters];
        Workspace ws = new Workspace();
        conv.forwardRectified(p, n, x, w, bias, y, rectified, ws);
        record("winograd conv y", y);
        record("winograd conv rectified", rectified);
        conv.backward(p, n, x, w, dy, dx, dw, db, ws);
        record("winograd conv dx", dx);
        record("winograd conv dw", dw);
        record("winograd conv db", db);
        conv.backwardRectified(p, n, x, w, dy, rectified, dx, dw, db, ws);
        record("winograd conv rectified dx", dx);
        record("winograd conv rectified dw", dw);
        record("winograd conv rectified db", db);
    }

    /** The locally connected layer (one small product per output position) on SimdGemm. */
    private void local() {
        ConvPlan[] plans = {
            ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(32).size(12, 12).kernel(5).padding(2).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(32).outChannels(16).size(7, 9).kernel(3).padding(1).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(3).outChannels(5).size(11, 8).kernel(4).stride(2, 1)
                    .padding(new Padding.Explicit(new int[] {1, 2}, new int[] {2, 0})).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(2).outChannels(40).size(17).kernel(3).padding(1).build()),
            ConvPlan.of(ConvGeometry.builder().inChannels(40).outChannels(8).size(5, 6).kernel(3).padding(1).build()),
        };
        for (int i = 0; i < plans.length; i++) {
            ConvPlan p = plans[i];
            GemmLocal local = new GemmLocal(new SimdGemm());
            Random r = new Random(200 + i);
            int n = i == 1 ? 64 : 5;
            int weights = (int) LocalKernels.weightSize(p);
            int biases = p.filters * p.outputPlane();
            float[] x = random(r, n * p.inputSize());
            float[] w = random(r, weights);
            float[] bias = random(r, biases);
            float[] dy = random(r, n * p.outputSize());
            float[] y = new float[n * p.outputSize()];
            float[] dx = new float[n * p.inputSize()];
            float[] dw = random(r, weights);
            float[] db = random(r, biases);
            Workspace ws = new Workspace();
            local.forward(p, n, x, w, bias, y, ws);
            local.backward(p, n, x, w, dy, dx, dw, db, ws);
            String name = "local" + i;
            record(name + " y", y);
            record(name + " dx", dx);
            record(name + " dw", dw);
            record(name + " db", db);
        }
    }

    private void dense() {
        SimdDense dense = new SimdDense(new GemmDense(new SimdGemm()));
        int[][] shapes = {{64, 100, 10}, {5, 37, 3}, {7, 784, 32}, {3, 20, 40}, {4, 16, 1}, {9, 47, 13}, {2, 129, 6},
            {64, 16384, 10}, {13, 2011, 7}};
        for (int[] s : shapes) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            Random r = new Random(in * 31 + out);
            float[] x = random(r, n * in);
            float[] w = random(r, out * in);
            float[] bias = random(r, out);
            float[] dy = random(r, n * out);
            float[] y = new float[n * out];
            float[] dx = new float[n * in];
            float[] dw = random(r, out * in);
            float[] db = random(r, out);
            dense.forward(n, in, out, x, w, bias, y);
            dense.backward(n, in, out, x, w, dy, dx, dw, db);
            String name = "dense " + n + "x" + in + "->" + out;
            record(name + " y", y);
            record(name + " dx", dx);
            record(name + " dw", dw);
            record(name + " db", db);
        }
    }

    private void elementwise() {
        SimdElementwise e = new SimdElementwise();
        Random r = new Random(7);
        for (int size : new int[] {1, 13, 100, 70_001}) {
            float[] x = random(r, size);
            float[] y = new float[size];
            float[] dx = new float[size];
            e.relu(x, y, size);
            e.reluBackward(y, x, dx, size);
            int features = size % 7 + 1;
            float[] rows = random(r, features * 5);
            e.addBiasRows(rows, 5, features, random(r, features));
            record("elementwise " + size + " relu", y);
            record("elementwise " + size + " reluBackward", dx);
            record("elementwise " + size + " bias", rows);
        }
    }

    /**
     * Four SGD steps of conv(1->8, 3x3, padding 1) -> rectifier -> linear(8*10*10 -> 10) ->
     * softmax cross-entropy on seeded data, batch 6; records the weights.
     */
    private void training() {
        ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(1).outChannels(8).size(10, 10).kernel(3)
                .padding(1).build());
        SimdConv conv = new SimdConv(new GemmConv(new SimdGemm()), 0);
        SimdDense dense = new SimdDense(new GemmDense(new SimdGemm()));
        SimdElementwise e = new SimdElementwise();
        Random r = new Random(42);
        int n = 6;
        int features = p.outputSize();
        int classes = 10;
        float[] w1 = scaled(random(r, p.weightSize()), 0.3f);
        float[] b1 = scaled(random(r, p.filters), 0.1f);
        float[] w2 = scaled(random(r, classes * features), 0.05f);
        float[] b2 = new float[classes];
        float[] x = random(r, n * p.inputSize());
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
        }
        Workspace ws = new Workspace();
        float[] h = new float[n * features];
        float[] a = new float[n * features];
        float[] logits = new float[n * classes];
        float[] dlogits = new float[n * classes];
        float[] da = new float[n * features];
        for (int step = 0; step < 4; step++) {
            float[] dw1 = new float[w1.length];
            float[] db1 = new float[b1.length];
            float[] dw2 = new float[w2.length];
            float[] db2 = new float[b2.length];
            conv.forward(p, n, x, w1, b1, h, ws);
            e.relu(h, a, h.length);
            dense.forward(n, features, classes, a, w2, b2, logits);
            for (int i = 0; i < n; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    max = Math.max(max, logits[i * classes + j]);
                }
                float sum = 0f;
                for (int j = 0; j < classes; j++) {
                    sum += (float) Math.exp(logits[i * classes + j] - max);
                }
                for (int j = 0; j < classes; j++) {
                    float prob = (float) Math.exp(logits[i * classes + j] - max) / sum;
                    dlogits[i * classes + j] = (prob - (j == labels[i] ? 1f : 0f)) / n;
                }
            }
            dense.backward(n, features, classes, a, w2, dlogits, da, dw2, db2);
            conv.backwardRectified(p, n, x, w1, da, a, null, dw1, db1, ws);
            sgd(w1, dw1);
            sgd(b1, db1);
            sgd(w2, dw2);
            sgd(b2, db2);
        }
        record("training conv weights", w1);
        record("training conv bias", b1);
        record("training linear weights", w2);
        record("training linear bias", b2);
    }

    private static void sgd(float[] w, float[] g) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= 0.1f * g[i];
        }
    }

    private static float[] scaled(float[] a, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
        return a;
    }

    private void record(String name, float[] values) {
        lines.add(name.replace(' ', '_') + " " + threads + " " + digest(values));
    }

    private static String digest(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            bytes.putInt(Float.floatToRawIntBits(v));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] random(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
