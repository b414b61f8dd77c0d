package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.convlab.data.Normalization;
import org.convlab.data.image.PngInput;
import org.convlab.data.io.NpyFile;
import org.convlab.nn.Module;
import org.convlab.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convlab predict}: runs a checkpoint's network on PNG images (normalised as the
 * checkpoint records, top classes by softmax probability) or on a float32 {@code .npy} array taken
 * as the network's input as is, writing the outputs as {@code .npy}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run a checkpoint's network: on PNG images, print each image's top classes with their"
            + " probabilities (the checkpoint's normalisation applied);",
            "with --npy X.npy --npy-out Y.npy, run a float32 array of shape (N, C, H, W) as the network's input as is"
            + " and write its outputs (logits) as .npy."})
final class PredictCommand implements Callable<Integer> {
    /** The largest --top and --batch. */
    static final int MAX_TOP = 1000;
    static final int MAX_BATCH = 65_536;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "The checkpoint whose network runs (saved by train or import).")
    Path checkpoint;

    @Parameters(paramLabel = "IMAGE.png", arity = "0..*", description = "PNG images of the model's input size.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--top", paramLabel = "K", defaultValue = "3",
            description = "Classes shown per image, most probable first; default ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--npy", paramLabel = "X.npy", description = "A float32 array (N, C, H, W): the network's input as is.")
    Path npy;

    @Option(names = "--npy-out", paramLabel = "Y.npy", description = "Where --npy's outputs go (float32 .npy).")
    Path npyOut;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Samples run at once; default ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: one per core.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() {
        if (top < 1 || top > MAX_TOP) {
            throw new BadParameterException("--top", "a number of classes from 1 to " + MAX_TOP, top);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new BadParameterException("--batch", "a batch size from 1 to " + MAX_BATCH, batch);
        }
        if ((npy == null) != (npyOut == null)) {
            throw new BadParameterException(npy == null ? "--npy-out" : "--npy", "--npy X.npy and --npy-out Y.npy"
                    + " go together");
        }
        if (npy == null && images.isEmpty()) {
            throw new BadParameterException("IMAGE.png", "one or more PNG images, or --npy X.npy --npy-out Y.npy");
        }
        if (npy != null && !images.isEmpty()) {
            throw new BadParameterException("--npy", "either images or --npy, not both (images given: "
                    + images.get(0) + ")");
        }
        PathOptions.inputFile("--checkpoint", checkpoint);
        if (npy != null) {
            PathOptions.inputFile("--npy", npy);
            WriteTargets.regularFile("--npy-out", npyOut, npy, checkpoint);
        }
        try (ThreadOption t = ThreadOption.apply(threads)) {
            SavedModel saved = SavedModel.load("--checkpoint", checkpoint);
            return npy != null ? runArray(saved) : runImages(saved);
        }
    }

    private int runArray(SavedModel saved) {
        Tensor x = NpyFile.read(npy);
        int[] sample = saved.card().inputShape();
        if (sample != null && !matches(x, sample)) {
            throw new BadFileException(npy, "holds an array of shape " + x.shape() + "; the model takes (N, "
                    + join(sample) + ")");
        }
        if (x.rank() < 2 || x.dim(0) < 1) {
            throw new BadFileException(npy, "holds an array of shape " + x.shape() + "; expected (N, C, H, W)"
                    + " with N >= 1");
        }
        Tensor y = forward(saved.model(), x, npy);
        NpyFile.write(npyOut, y);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkpoint", checkpoint.toString());
            m.put("npy", npy.toString());
            m.put("npy_out", npyOut.toString());
            m.put("input_shape", dims(x));
            m.put("output_shape", dims(y));
            out.println(Json.write(m));
        } else {
            out.printf("ran        %s %s through %s%n", npy, x.shape(), checkpoint);
            out.printf("wrote      %s %s (float32)%n", npyOut, y.shape());
        }
        out.flush();
        return 0;
    }

    private int runImages(SavedModel saved) {
        ModelCard card = saved.card();
        int[] s = card.inputShape();
        if (s == null || s.length != 3) {
            throw new BadFileException(checkpoint, "records no image input shape (C, H, W)"
                    + (s == null ? "" : ": it takes (N, " + join(s) + ")") + "; run arrays with --npy instead");
        }
        int plane = s[0] * s[1] * s[2];
        Normalization norm = Normalization.of(card.mean(), card.std());
        float[] data = new float[Math.multiplyExact(images.size(), plane)];
        for (int i = 0; i < images.size(); i++) {
            PathOptions.inputFile("IMAGE", images.get(i));
            byte[] px = PngInput.read(images.get(i), s[0], s[1], s[2]);
            int hw = s[1] * s[2];
            for (int k = 0; k < plane; k++) {
                data[i * plane + k] = norm.apply(k / hw, px[k]);
            }
        }
        Tensor logits = forward(saved.model(), Tensor.wrap(data, images.size(), s[0], s[1], s[2]), checkpoint);
        if (logits.rank() != 2) {
            throw new BadFileException(checkpoint, "holds a network whose outputs have shape " + logits.shape()
                    + ", not class scores (N, K)");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int k = logits.dim(1);
        for (int i = 0; i < images.size(); i++) {
            double[] p = Softmax.of(logits.data(), i * k, k);
            List<Map<String, Object>> best = new ArrayList<>();
            for (int c : Softmax.top(p, Math.min(top, k))) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("class", c);
                e.put("name", card.className(c));
                e.put("probability", p[c]);
                best.add(e);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", images.get(i).toString());
            r.put("top", best);
            results.add(r);
        }
        print(results);
        return 0;
    }

    private void print(List<Map<String, Object>> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkpoint", checkpoint.toString());
            m.put("predictions", results);
            out.println(Json.write(m));
        } else {
            for (Map<String, Object> r : results) {
                StringBuilder line = new StringBuilder(r.get("image").toString());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> best = (List<Map<String, Object>>) r.get("top");
                for (Map<String, Object> e : best) {
                    line.append(String.format("  %s %.2f%%", e.get("name"), 100 * (double) e.get("probability")));
                }
                out.println(line);
            }
        }
        out.flush();
    }

    /** The network's outputs for {@code x}, run in batches of at most {@code --batch} samples. */
    private Tensor forward(Module model, Tensor x, Path source) {
        int n = x.dim(0);
        int per = x.size() / n;
        float[] outData = null;
        int[] outDims = null;
        int outPer = 0;
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            int[] d = dims(x);
            d[0] = b;
            Tensor y;
            try {
                y = model.forward(Tensor.wrap(Arrays.copyOfRange(x.data(), start * per, (start + b) * per), d));
            } catch (BadParameterException e) {
                throw new BadFileException(source, "does not fit the network of " + checkpoint + ": "
                        + e.getMessage());
            }
            if (outData == null) {
                outDims = dims(y);
                outPer = y.size() / b;
                outDims[0] = n;
                outData = new float[Math.multiplyExact(n, outPer)];
            }
            System.arraycopy(y.data(), 0, outData, start * outPer, b * outPer);
        }
        return Tensor.wrap(outData, outDims);
    }

    private static boolean matches(Tensor x, int[] sample) {
        if (x.rank() != sample.length + 1) {
            return false;
        }
        for (int i = 0; i < sample.length; i++) {
            if (x.dim(i + 1) != sample[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] dims(Tensor t) {
        int[] d = new int[t.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.dim(i);
        }
        return d;
    }

    private static String join(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int d : s) {
            b.append(b.length() == 0 ? "" : ", ").append(d);
        }
        return b.toString();
    }
}
