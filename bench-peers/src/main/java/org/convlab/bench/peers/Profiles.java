package org.convlab.bench.peers;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What PyTorch runs under the hood: the top operators of one training step, from PyTorch's own
 * profiler, for both set-ups (DJL's libtorch: its chrome trace, inclusive times; Python:
 * {@code key_averages()}, self times). The operator names tell the backend: e.g.
 * {@code aten::mkldnn_convolution} is oneDNN, {@code aten::_slow_conv2d_forward} is im2col +
 * BLAS, {@code aten::addmm}/{@code aten::mm} is the BLAS GEMM (MKL in libtorch 2.7.1, OpenBLAS
 * in Debian's 1.13).
 */
final class Profiles {
    private Profiles() {
    }

    static void print(List<Model> models, int threads, long seed, float lr, PrintStream err) throws Exception {
        try (PyTorchDjlEngine djl = new PyTorchDjlEngine(); PythonTorchEngine py = new PythonTorchEngine()) {
            for (Model model : models) {
                Weights w = Weights.generate(model, seed);
                Batch b = Batch.generate(model, Batch.SIZE, seed + 1);
                djl.prepare(model, w, b, lr, threads);
                py.prepare(model, w, b, lr, threads);
                for (int i = 0; i < 3; i++) {
                    djl.trainStep();
                    py.trainStep();
                }
                err.printf(Locale.ROOT, "profile of one training step of %s on %d thread(s)%n", model.name(), threads);
                err.println("  pytorch-djl (inclusive ms per operator):");
                for (Map.Entry<String, Double> e : djlProfile(djl)) {
                    err.printf(Locale.ROOT, "    %-45s %8.2f%n", e.getKey(), e.getValue());
                }
                err.println("  pytorch-py (self ms per operator):");
                for (JsonNode op : py.profileStep()) {
                    err.printf(Locale.ROOT, "    %-45s %8.2f%n", op.get(0).asText(), op.get(1).asDouble());
                }
            }
            err.println("  pytorch-py: " + py.hello().path("config").asText().replace("\n", "\n    "));
        }
    }

    private static List<Map.Entry<String, Double>> djlProfile(PyTorchDjlEngine djl) throws Exception {
        Path trace = Files.createTempFile("convlab-djl-profile", ".json");
        try {
            JniUtils.startProfile(false, false, false);
            djl.trainStep();
            JniUtils.stopProfile(trace.toString());
            Map<String, Double> ms = new HashMap<>();
            JsonNode root = new ObjectMapper().readTree(trace.toFile());
            JsonNode events = root.isArray() ? root : root.path("traceEvents");
            for (JsonNode e : events) {
                if ("X".equals(e.path("ph").asText()) && e.has("dur")) {
                    ms.merge(e.path("name").asText(), e.path("dur").asDouble() / 1000.0, Double::sum);
                }
            }
            List<Map.Entry<String, Double>> top = new ArrayList<>(ms.entrySet());
            top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            return top.subList(0, Math.min(15, top.size()));
        } finally {
            Files.deleteIfExists(trace);
        }
    }
}
