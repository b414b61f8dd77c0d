package org.convlab.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.convlab.core.ConvlabException;

/**
 * The {@code tools/peers/torch_cpu_bench.py} process: Debian's PyTorch 1.13 run by
 * {@code /usr/bin/python3}, spoken to with one JSON object per line each way.
 *
 * <p>Environment of the process: {@code OMP_NUM_THREADS=threads}; {@code LD_LIBRARY_PATH}
 * starting with the OpenMP build of OpenBLAS ({@code /usr/lib/x86_64-linux-gnu/openblas-openmp},
 * so torch's {@code libblas.so.3} is that build whatever update-alternatives says); glibc's
 * {@code MALLOC_MMAP_THRESHOLD_=33554432} and {@code MALLOC_TRIM_THRESHOLD_=1073741824} (without
 * them every step returns its activations to the kernel and faults them in again). Its
 * standard error goes to a log file that is quoted when it fails.
 */
final class PythonWorker implements AutoCloseable {
    /** Debian's interpreter, the one with {@code python3-torch}. */
    static final String PYTHON = System.getProperty("convlab.peers.python", "/usr/bin/python3");
    static final String OPENBLAS_OPENMP = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
    static final Map<String, String> MALLOC_ENV = Map.of(
            "MALLOC_MMAP_THRESHOLD_", "33554432",
            "MALLOC_TRIM_THRESHOLD_", "1073741824");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path log;
    private final JsonNode hello;
    private final int threads;

    /** Starts the script with {@code threads} intra-op threads and waits for its greeting. */
    PythonWorker(int threads) throws IOException {
        this.threads = threads;
        Path script = script();
        log = Files.createTempFile("convlab-peers-torch", ".log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), "--threads", Integer.toString(threads));
        Map<String, String> env = pb.environment();
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        env.putAll(MALLOC_ENV);
        if (Files.isDirectory(Path.of(OPENBLAS_OPENMP))) {
            String old = env.get("LD_LIBRARY_PATH");
            env.put("LD_LIBRARY_PATH", OPENBLAS_OPENMP + (old == null || old.isEmpty() ? "" : ":" + old));
        }
        pb.redirectError(log.toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ConvlabException(ConvlabException.EXIT_RUNTIME,
                    "python torch: cannot start " + PYTHON + " (install python3-torch): " + e.getMessage());
        }
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        hello = read();
    }

    /** The script, from {@code -Dconvlab.peers.script}, else copied out of this jar. */
    private static Path script() throws IOException {
        String configured = System.getProperty("convlab.peers.script");
        if (configured != null) {
            return Path.of(configured);
        }
        Path tmp = Files.createTempFile("torch_cpu_bench", ".py");
        tmp.toFile().deleteOnExit();
        try (InputStream s = PythonWorker.class.getResourceAsStream("/peers/torch_cpu_bench.py")) {
            if (s == null) {
                throw new IOException("torch_cpu_bench.py is not on the class path");
            }
            Files.copy(s, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    int threads() {
        return threads;
    }

    /** The greeting: torch version, threads, BLAS libraries mapped, build configuration. */
    JsonNode hello() {
        return hello;
    }

    /** Sends {@code cmd} with the given fields and returns the reply; a failed reply throws. */
    JsonNode call(String cmd, Map<String, ?> fields) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("cmd", cmd);
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            request.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        in.write(JSON.writeValueAsString(request));
        in.write('\n');
        in.flush();
        JsonNode reply = read();
        if (!reply.path("ok").asBoolean(false)) {
            throw new ConvlabException(ConvlabException.EXIT_RUNTIME,
                    "python torch: " + cmd + " failed: " + reply.path("error").asText());
        }
        return reply;
    }

    JsonNode call(String cmd) throws IOException {
        return call(cmd, Map.of());
    }

    private JsonNode read() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new ConvlabException(ConvlabException.EXIT_RUNTIME,
                    "python torch: the process ended; its log " + log + " ends with:\n" + tail());
        }
        return JSON.readTree(line);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    @Override
    public void close() {
        try {
            in.write("{\"cmd\": \"quit\"}\n");
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.toFile().delete();
    }
}
