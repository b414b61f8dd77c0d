package org.convlab.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.tensor.Tensor;

/**
 * Debian's PyTorch 1.13 ({@code python3-torch}, oneDNN 2.6 for convolutions, OpenBLAS with
 * OpenMP for matrix multiplies) in a {@code /usr/bin/python3} subprocess running
 * {@code tools/peers/torch_cpu_bench.py}; see {@link PythonWorker} for its environment.
 *
 * <p>The weights and the batch go to the process through a little-endian float32 file; the
 * model is the notebook's {@code nn.Module} with those weights loaded by {@code load_state_dict};
 * a step is {@code zero_grad(set_to_none=True)}, {@code cross_entropy}, {@code backward},
 * {@code torch.optim.SGD.step}. Timed loops run inside the process ({@code perf_counter}), so
 * the pipe's latency is not counted. A new process is started when the thread count changes.
 */
public final class PythonTorchEngine implements Engine {
    private PythonWorker worker;
    private Path data;

    @Override
    public String name() {
        return "pytorch-py";
    }

    @Override
    public String describe() {
        if (worker == null) {
            return "PyTorch (python3-torch) not started";
        }
        JsonNode h = worker.hello();
        String warning = warning();
        return "PyTorch " + h.path("torch").asText() + " (Debian python3-torch, Python " + h.path("python").asText()
                + "), intra-op threads " + h.path("threads").asInt() + ", inter-op threads "
                + h.path("interop_threads").asInt() + ", libraries " + h.path("blas_libraries")
                + ", malloc " + h.path("malloc_env")
                + (warning == null ? "" : "; WARNING: " + warning);
    }

    @Override
    public String warning() {
        return worker == null ? null : referenceBlasWarning(worker.hello().path("blas_libraries"));
    }

    /**
     * A warning when a BLAS among the process's mapped {@code libraries} is the reference (netlib)
     * one, Debian's fallback when no OpenBLAS is installed: torch's matrix multiplies then run
     * tens of times slower (a 1024³ product 4.7-7.6 GFLOP/s on an AMD Zen 5, where OpenBLAS gives
     * 115), so its linear layers' figures are not PyTorch's. A {@code libblas} counts as the
     * reference one unless its path names an optimised BLAS (OpenBLAS, BLIS, ATLAS, MKL): an
     * OpenBLAS mapped beside it (another library's) does not serve torch's {@code libblas.so.3}.
     */
    static String referenceBlasWarning(JsonNode libraries) {
        for (JsonNode l : libraries) {
            String path = l.asText();
            String file = Path.of(path).getFileName().toString();
            if (file.startsWith("libblas") && !path.matches(".*(openblas|blis|atlas|mkl).*")) {
                return "torch's matrix multiplies run on the reference BLAS (" + path
                        + "), not OpenBLAS: its linear layers and GEMM are far below PyTorch's speed"
                        + " (apt-get install libopenblas0-openmp)";
            }
        }
        return null;
    }

    /** The process's greeting (torch build configuration, libraries), or null before the first prepare. */
    public JsonNode hello() {
        return worker == null ? null : worker.hello();
    }

    @Override
    public boolean canTrain() {
        return true;
    }

    /** The worker for {@code threads}, restarted when the count changes. */
    PythonWorker worker(int threads) throws IOException {
        if (worker != null && worker.threads() != threads) {
            worker.close();
            worker = null;
        }
        if (worker == null) {
            worker = new PythonWorker(threads);
        }
        return worker;
    }

    @Override
    public void prepare(Model model, Weights weights, Batch batch, float learningRate, int threads)
            throws IOException {
        PythonWorker w = worker(threads);
        deleteData();
        data = Files.createTempFile("convlab-peers", ".f32");
        List<Map<String, Object>> tensors = new ArrayList<>();
        long offset = 0;
        try (OutputStream os = Files.newOutputStream(data); DataOutputStream dos = new DataOutputStream(os)) {
            for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
                tensors.add(spec(e.getKey(), e.getValue(), offset));
                offset += write(dos, e.getValue());
            }
            Map<String, Object> x = spec("x", batch.x(), offset);
            write(dos, batch.x());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("layers", layers(model));
            fields.put("input", List.of(model.channels(), model.height(), model.width()));
            fields.put("file", data.toString());
            fields.put("tensors", tensors);
            fields.put("x", x);
            fields.put("labels", batch.labels());
            fields.put("lr", learningRate);
            dos.flush();
            w.call("prepare", fields);
        }
    }

    private static List<Map<String, Object>> layers(Model model) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", l.isConv() ? "conv" : "linear");
            m.put("in", l.in());
            m.put("out", l.out());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> spec(String name, Tensor t, long offset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("shape", t.shape().dims());
        m.put("offset", offset);
        return m;
    }

    private static int write(DataOutputStream dos, Tensor t) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data(), 0, t.size());
        dos.write(b.array());
        return t.size();
    }

    @Override
    public float[] logits() throws IOException {
        JsonNode z = worker.call("logits").path("logits");
        float[] out = new float[z.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) z.get(i).asDouble();
        }
        return out;
    }

    @Override
    public float trainStep() throws IOException {
        return (float) worker.call("train", Map.of("steps", 1)).path("loss").asDouble();
    }

    @Override
    public void infer() throws IOException {
        worker.call("infer", Map.of("steps", 1));
    }

    @Override
    public double timeTrain(int steps) throws IOException {
        return worker.call("train", Map.of("steps", steps)).path("seconds").asDouble();
    }

    @Override
    public double timeInfer(int steps) throws IOException {
        return worker.call("infer", Map.of("steps", steps)).path("seconds").asDouble();
    }

    /** The top operators (name, self CPU ms) of one training step, from PyTorch's profiler. */
    public JsonNode profileStep() throws IOException {
        return worker.call("profile").path("ops");
    }

    /** {@code torch.matmul} of two {@code (n, n)} float32 matrices in the same process set-up. */
    public GemmPeak gemmPeak() {
        return new GemmPeak() {
            private PythonWorker w;

            @Override
            public String name() {
                return "pytorch-py matmul";
            }

            @Override
            public void prepare(int n, int threads) throws IOException {
                w = worker(threads);
                w.call("gemm_prepare", Map.of("n", n));
            }

            @Override
            public double time(int calls) throws IOException {
                return w.call("gemm", Map.of("calls", calls)).path("seconds").asDouble();
            }

            @Override
            public void close() {
                // the worker belongs to the engine
            }
        };
    }

    private void deleteData() {
        if (data != null) {
            data.toFile().delete();
            data = null;
        }
    }

    @Override
    public void close() {
        deleteData();
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }
}
