package org.convlab.lab.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;
import org.convlab.lab.reporting.LabJson;

/**
 * PyTorch's numbers for the lab's protocol: a JSON written by {@code tools/reference/reference.py}
 * (format {@code convlab-reference/1}). It records the protocol, per experiment the fingerprint
 * of the data it trained on ({@code DataFingerprint.of(DataSet)}, so a comparison is made only
 * on exactly the same images and normalisation), every run's test accuracy, and the machine.
 *
 * @param source      where it was read from (a path or {@code "the reference committed with convlab"})
 * @param torch       PyTorch's version, e.g. {@code 1.13.0a0}
 * @param dataName    the data set's name, e.g. {@code Fashion-MNIST}
 * @param cpu         the CPU model from {@code /proc/cpuinfo}
 * @param cores       logical cores of that machine
 * @param threads     PyTorch's threads
 * @param epochs      epochs of every run
 * @param lr          learning rate
 * @param batch       batch size
 * @param optimizer   {@code sgd}
 * @param experiments per experiment ({@code main}, {@code sharing}): its data
 * @param runs        every finished run
 */
public record Reference(String source, String torch, String dataName, String cpu, int cores, int threads, int epochs,
                        double lr, int batch, String optimizer, Map<String, Data> experiments, List<RunRecord> runs) {
    /** The format this reads. */
    public static final String FORMAT = "convlab-reference/1";
    /** The resource of the reference committed with convlab (tools/reference/fashion-mnist.json). */
    public static final String BUNDLED = "/org/convlab/lab/reference/fashion-mnist.json";
    /** The main experiments' entry (2a, 2c, 2d). */
    public static final String MAIN = "main";
    /** The sharing study's entry. */
    public static final String SHARING = "sharing";

    /**
     * The data one experiment of the reference trained and tested on.
     *
     * @param fingerprint {@code DataFingerprint.of} the data set (splits and normalisation)
     * @param trainImages training images
     * @param testImages  test images
     */
    public record Data(String fingerprint, int trainImages, int testImages) {
    }

    /**
     * One training run of the reference.
     *
     * @param experiment   {@code main} or {@code sharing}
     * @param model        convlab's model id, e.g. {@code mlp-4000}
     * @param seed         the seed (PyTorch's own generator: not the same initial weights as convlab's)
     * @param testAccuracy test accuracy, 0..1
     * @param seconds      wall time of training
     * @param shifted      the sharing study's accuracy at shifts 0..4 (empty otherwise)
     */
    public record RunRecord(String experiment, String model, long seed, double testAccuracy, double seconds,
                            List<Double> shifted) {
    }

    /** The short name for column heads: {@code PyTorch 1.13}. */
    public String title() {
        String[] v = torch.split("\\.");
        return "PyTorch " + (v.length >= 2 ? v[0] + "." + v[1] : torch);
    }

    /** The runs of {@code model} in {@code experiment}, in the file's order. */
    public List<RunRecord> runs(String experiment, String model) {
        return runs.stream().filter(r -> r.experiment().equals(experiment) && r.model().equals(model)).toList();
    }

    /** Reads a reference file; a damaged or foreign file fails with one line naming it. */
    public static Reference read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadFileException(file, "does not exist (a reference is written by tools/reference/reference.py)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), file);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The reference committed with convlab, or null when this build has none. */
    public static Reference bundled() {
        try (InputStream in = Reference.class.getResourceAsStream(BUNDLED)) {
            return in == null ? null : parse(in, "the reference committed with convlab (tools/reference/fashion-mnist.json)",
                    Path.of("tools/reference/fashion-mnist.json"));
        } catch (IOException e) {
            return null;
        }
    }

    private static Reference parse(InputStream in, String source, Path file) throws IOException {
        JsonNode root;
        try {
            root = LabJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new BadFileException(file, "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            JsonNode f = root == null ? null : root.path("format");
            throw new BadFileException(file, "is not a reference: its \"format\" is "
                    + (f == null || f.isMissingNode() ? "missing" : f.toString()) + ", expected \"" + FORMAT
                    + "\" (tools/reference/reference.py writes one)");
        }
        JsonNode env = root.path("environment");
        JsonNode protocol = root.path("protocol");
        Map<String, Data> experiments = new LinkedHashMap<>();
        root.path("experiments").fields().forEachRemaining(e -> experiments.put(e.getKey(),
                new Data(e.getValue().path("fingerprint").asText(), e.getValue().path("train_images").asInt(),
                        e.getValue().path("test_images").asInt())));
        List<RunRecord> runs = new ArrayList<>();
        for (JsonNode r : root.path("runs")) {
            if (!r.path("test_accuracy").isNumber() || !r.path("model").isTextual()) {
                throw new BadFileException(file, "has a run without a model or a test accuracy: " + r);
            }
            List<Double> shifted = new ArrayList<>();
            r.path("shifted").forEach(v -> shifted.add(v.asDouble()));
            runs.add(new RunRecord(r.path("experiment").asText(MAIN), r.path("model").asText(), r.path("seed").asLong(),
                    r.path("test_accuracy").asDouble(), r.path("seconds").asDouble(Double.NaN), shifted));
        }
        return new Reference(source, env.path("torch").asText("?"), root.path("data").path("name").asText("?"),
                env.path("cpu").asText("unknown"), env.path("cores").asInt(0), env.path("threads").asInt(0),
                protocol.path("epochs").asInt(), protocol.path("lr").asDouble(), protocol.path("batch").asInt(),
                protocol.path("optimizer").asText(), experiments, runs);
    }
}
