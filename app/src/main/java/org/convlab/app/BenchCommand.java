package org.convlab.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.convlab.algebra.ConvGeometry;
import org.convlab.core.BadParameterException;
import org.convlab.core.ChildJvm;
import org.convlab.lab.bench.TrainingStep;
import org.convlab.lab.progress.Progress;
import org.convlab.lab.progress.StepProgress;
import org.convlab.nn.Module;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.models.ThreeLayerMLP;
import org.convlab.tensor.kernels.ConvKernels;
import org.convlab.tensor.kernels.ConvPlan;
import org.convlab.tensor.kernels.DenseKernels;
import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.Kernels;
import org.convlab.tensor.kernels.MachinePeak;
import org.convlab.tensor.kernels.Workspace;
import org.convlab.tensor.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convlab bench}: the speed of the main kernels (GEMM, convolution forward and backward,
 * linear) in GFLOP/s next to the machine's FMA peak measured in the same run, and training
 * images/s of the notebook's ThreeLayerConvNet (3x32x32 and 1x28x28) and an MLP, batch 64, on 1
 * and 2 threads, with the CPU, JDK and flags. FLOPs count multiply-adds as 2: a convolution pass
 * is {@code 2 n F (C/g) kH kW OH OW}. The peak is measured in bench's JVM and each section (GEMM,
 * convolutions, linear, training) in a child JVM of its own ({@link #inChildJvm}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Speed of the kernels (GFLOP/s, next to the machine's FMA peak) and training images/s of the "
                + "notebook's models, on 1 and 2 threads.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--quick", description = "Minimal timing (a smoke test; figures are rough).")
    boolean quick;

    @Option(names = "--peers",
            description = "Compare with PyTorch (DJL 2.7.1 and Debian's 1.13) and ONNX Runtime in one run: the "
                    + "./convlab launcher hands this to bench/peers.sh (bench/peers.sh --help for its options).")
    boolean peers;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--cpu-time",
            description = "Time 1-thread figures by the thread's CPU time rather than the wall clock: on a machine "
                    + "shared with other busy processes this shows what the kernels do when they get the core.")
    boolean cpuTime;

    /** What a run can measure. */
    enum Section { gemm, conv, linear, train }

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Measure only these, comma-separated: ${COMPLETION-CANDIDATES} (default: all; the FMA peak "
                    + "is always measured).")
    List<Section> only;

    @Option(names = "--in-this-jvm", hidden = true,
            description = "Measure the sections in this JVM, without the FMA peak, and print them as JSON (what "
                    + "bench runs in each child JVM).")
    boolean inThisJvm;

    /** How long a section's child JVM may run before bench gives up on it and measures here. */
    private static final long SECTION_TIMEOUT_SECONDS = 3600;

    /** One measured line: a name, work per call, and GFLOP/s per thread count. */
    record Row(String name, String unit, double[] values) {
    }

    @Override
    public Integer call() {
        if (peers) {
            throw new BadParameterException("--peers", "to be run through ./convlab or bench/peers.sh (the peers are "
                    + "not part of this jar)", "--peers");
        }
        for (int t : threads) {
            if (t < 1 || t > 256) {
                throw new BadParameterException("--threads", "thread counts between 1 and 256", t);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (inThisJvm) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("results", toJson(measureHere()));
            m.put("cpu_nanos", processCpuNanos());
            out.println(Json.write(m));
            return 0;
        }
        String load = loadAverage();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        List<Section> wanted = wanted();
        List<Row> rows = new ArrayList<>();
        long childCpu = 0;
        List<Section> here = new ArrayList<>();
        try (StepProgress progress = StepProgress.create(spec.commandLine().getErr(), Progress.terminal(), "bench",
                1 + wanted.size())) {
            progress.begin("the FMA peak");
            rows.add(peakRow());
            for (Section section : wanted) {
                progress.begin(section + " in its own JVM");
                Optional<SectionResult> child = inChildJvm(section);
                if (child.isPresent()) {
                    rows.addAll(child.get().rows());
                    childCpu += child.get().cpuNanos();
                } else {
                    here.add(section);
                    rows.addAll(measureHere(section));
                }
            }
        }
        double share = (processCpuNanos() - cpu0 + childCpu) / (double) (System.nanoTime() - wall0)
                / Runtime.getRuntime().availableProcessors();
        String context = String.format("load average at start %s; bench used %.0f%% of the machine's %d "
                + "cores during the run", load, 100 * share, Runtime.getRuntime().availableProcessors());
        if (!here.isEmpty()) {
            context += "; no child JVM could be started, so " + here + " ran in bench's own JVM";
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("machine", machine());
            m.put("threads", threads);
            m.put("results", toJson(rows));
            m.put("context", context);
            m.put("cpu_time", cpuTime);
            out.println(Json.write(m));
        } else {
            printTable(out, rows);
            out.println(context);
        }
        return 0;
    }

    /** What a section's child JVM measured, and the CPU time it used. */
    record SectionResult(List<Row> rows, long cpuNanos) {
    }

    /**
     * Measures {@code section} in a child JVM of its own ({@code bench --in-this-jvm}), or empty
     * when none could be started or it failed. Each section starts from a fresh JVM because the
     * Vector API kernels' compiled code depends on what ran before them in a JVM: after the
     * kernel sections the ConvNets' training sometimes read 4-10x slower than in a program that
     * only trains (JDK 17: one run in three or four; JDK 25: with the FMA peak measured in
     * another JVM), while a JVM that runs one section gives the figure a program doing only that
     * gets.
     */
    private Optional<SectionResult> inChildJvm(Section section) {
        List<String> args = new ArrayList<>(List.of("bench", "--in-this-jvm", "--only", section.name(), "--threads",
                String.join(",", threads.stream().map(String::valueOf).toList())));
        if (quick) {
            args.add("--quick");
        }
        if (cpuTime) {
            args.add("--cpu-time");
        }
        Optional<String> out = ChildJvm.output(Main.class.getName(), args,
                SECTION_TIMEOUT_SECONDS);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.mapper().readTree(out.get());
            List<Row> rows = new ArrayList<>();
            for (JsonNode r : root.get("results")) {
                double[] v = new double[r.get("values").size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get("values").get(i).asDouble(Double.NaN);
                }
                rows.add(new Row(r.get("name").asText(), r.get("unit").asText(), v));
            }
            return Optional.of(new SectionResult(rows, root.get("cpu_nanos").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The wanted sections measured in this JVM, one after the other. */
    private List<Row> measureHere() {
        List<Row> rows = new ArrayList<>();
        for (Section section : wanted()) {
            rows.addAll(measureHere(section));
        }
        return rows;
    }

    private List<Row> measureHere(Section section) {
        BenchTimer timer = quick ? new BenchTimer(0.02, 0.01, 1) : new BenchTimer(0.3, 0.1, 5);
        int before = Parallel.threads();
        try {
            return switch (section) {
                case gemm -> gemmRows(timer);
                case conv -> convRows(timer);
                case linear -> List.of(linearRow(timer));
                case train -> trainingRows(timer);
            };
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Sets the thread count, and CPU-time timing for one thread when asked. */
    private void use(BenchTimer timer, int n) {
        Parallel.setThreads(n);
        timer.cpuTime = cpuTime && n == 1;
    }

    /** The sections {@code --only} asks for (all by default), in bench's order. */
    private List<Section> wanted() {
        return Arrays.stream(Section.values())
                .filter(s -> only == null || only.isEmpty() || only.contains(s))
                .toList();
    }

    private Row peakRow() {
        double seconds = quick ? 1.0 : 1.5;
        double[] v = new double[threads.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = MachinePeak.gflops(threads.get(i), seconds);
        }
        return new Row("FMA peak (registers only)", "GFLOP/s", v);
    }

    private List<Row> gemmRows(BenchTimer timer) {
        String[][] shapes = {
            {"GEMM 1024x1024x1024", "1024", "1024", "1024", "N", "N"},
            {"GEMM 64x4000x3072 (x W^T)", "64", "4000", "3072", "N", "T"},
        };
        List<Row> rows = new ArrayList<>();
        Gemm gemm = Kernels.gemm();
        for (String[] s : shapes) {
            int m = Integer.parseInt(s[1]);
            int n = Integer.parseInt(s[2]);
            int k = Integer.parseInt(s[3]);
            boolean ta = s[4].equals("T");
            boolean tb = s[5].equals("T");
            Random r = new Random(7);
            float[] a = random(r, m * k);
            float[] b = random(r, k * n);
            float[] c = new float[m * n];
            double flops = 2.0 * m * n * k;
            double[] v = new double[threads.size()];
            for (int i = 0; i < v.length; i++) {
                use(timer, threads.get(i));
                v[i] = flops / 1e9 / timer.secondsPerCall(() -> gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k,
                        b, 0, tb ? k : n, 0f, c, 0, n));
            }
            rows.add(new Row(s[0], "GFLOP/s", v));
        }
        return rows;
    }

    /** The notebook's two convolutions, batch 64, and the MNIST variant of the first. */
    private List<Row> convRows(BenchTimer timer) {
        List<Row> rows = new ArrayList<>();
        Object[][] layers = {
            {"conv 3->32 5x5 32x32", 3, 32, 32, 5, 2},
            {"conv 32->16 3x3 32x32", 32, 16, 32, 3, 1},
            {"conv 1->32 5x5 28x28", 1, 32, 28, 5, 2},
        };
        int n = 64;
        ConvKernels conv = Kernels.conv();
        for (Object[] l : layers) {
            int c = (Integer) l[1];
            int f = (Integer) l[2];
            int size = (Integer) l[3];
            int k = (Integer) l[4];
            ConvPlan p = ConvPlan.of(ConvGeometry.builder().inChannels(c).outChannels(f).size(size, size).kernel(k)
                    .padding((Integer) l[5]).build());
            Random r = new Random(7);
            float[] x = random(r, n * p.inputSize());
            float[] w = random(r, p.weightSize());
            float[] bias = random(r, f);
            float[] y = new float[n * p.outputSize()];
            float[] dy = random(r, n * p.outputSize());
            float[] dx = new float[n * p.inputSize()];
            float[] dw = new float[p.weightSize()];
            Workspace ws = new Workspace();
            double flops = 2.0 * n * p.outputSize() * p.taps();
            String name = (String) l[0];
            rows.add(measure(timer, name + " forward", flops, () -> conv.forward(p, n, x, w, bias, y, ws)));
            rows.add(measure(timer, name + " input grad", flops,
                    () -> conv.backward(p, n, x, w, dy, dx, null, null, ws)));
            rows.add(measure(timer, name + " weight grad", flops,
                    () -> conv.backward(p, n, x, w, dy, null, dw, null, ws)));
        }
        return rows;
    }

    /** The MLP's first layer, 3072 -> 4000, batch 64: forward, input and weight gradients. */
    private Row linearRow(BenchTimer timer) {
        int n = 64;
        int in = 3072;
        int out = 4000;
        Random r = new Random(7);
        float[] x = random(r, n * in);
        float[] w = random(r, out * in);
        float[] bias = random(r, out);
        float[] y = new float[n * out];
        float[] dy = random(r, n * out);
        float[] dx = new float[n * in];
        float[] dw = new float[out * in];
        float[] db = new float[out];
        DenseKernels dense = Kernels.dense();
        return measure(timer, "linear 3072->4000 fwd+bwd", 3 * 2.0 * n * in * out, () -> {
            dense.forward(n, in, out, x, w, bias, y);
            dense.backward(n, in, out, x, w, dy, dx, dw, db);
        });
    }

    private Row measure(BenchTimer timer, String name, double flops, Runnable op) {
        double[] v = new double[threads.size()];
        for (int i = 0; i < v.length; i++) {
            use(timer, threads.get(i));
            v[i] = flops / 1e9 / timer.secondsPerCall(op);
        }
        return new Row(name, "GFLOP/s", v);
    }

    /** Training steps (forward, loss, backward, SGD) of the notebook's models, batch 64. */
    private List<Row> trainingRows(BenchTimer timer) {
        List<Row> rows = new ArrayList<>();
        rows.add(training(timer, "train ThreeLayerConvNet 3x32x32", new int[] {3, 32, 32},
                rng -> new ThreeLayerConvNet(3, 32, 16, 10, 32, 32, rng)));
        rows.add(training(timer, "train ThreeLayerConvNet 1x28x28", new int[] {1, 28, 28},
                rng -> new ThreeLayerConvNet(1, 32, 16, 10, 28, 28, rng)));
        rows.add(training(timer, "train MLP 3072-4000-4000-10", new int[] {3072},
                rng -> new ThreeLayerMLP(3072, 4000, 10, rng)));
        return rows;
    }

    private Row training(BenchTimer timer, String name, int[] sample, java.util.function.Function<Rng, Module> build) {
        double[] v = new double[threads.size()];
        for (int i = 0; i < v.length; i++) {
            use(timer, threads.get(i));
            TrainingStep step = TrainingStep.synthetic(build, sample);
            v[i] = step.images() / timer.secondsPerCall(step::run);
        }
        return new Row(name, "images/s", v);
    }

    private void printTable(PrintWriter out, List<Row> rows) {
        out.println(machine());
        out.printf("timing: %s%s; other processes on the machine lower the figures%n",
                quick ? "--quick (one short run, rough)" : "warm-up, then the median of 5 runs",
                cpuTime ? ", 1-thread figures by thread CPU time" : ", wall clock");
        StringBuilder head = new StringBuilder(String.format("%-36s", "kernel"));
        for (int t : threads) {
            head.append(String.format("  %18s", t + (t == 1 ? " thread" : " threads")));
        }
        out.println(head);
        double[] peak = rows.get(0).values();
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-36s", row.name()));
            for (int i = 0; i < row.values().length; i++) {
                String cell = String.format("%.1f %s", row.values()[i], row.unit());
                if (row != rows.get(0) && row.unit().equals("GFLOP/s") && !Double.isNaN(peak[i])) {
                    cell += String.format(" %3.0f%%", 100 * row.values()[i] / peak[i]);
                } else {
                    cell += "     ";
                }
                line.append(String.format("  %18s", cell));
            }
            out.println(line);
        }
        out.println("(%) = fraction of the FMA peak measured above with the same thread count; GFLOP/s count a"
                + " convolution's direct multiply-adds, so a pass in Winograd's form (the 3x3 layers: 16 per 2x2"
                + " outputs and channel pair instead of 36) can read above 100%");
    }

    private static List<Map<String, Object>> toJson(List<Row> rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", row.name());
            r.put("unit", row.unit());
            r.put("values", row.values());
            list.add(r);
        }
        return list;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU, cores, JDK, vector kernels and JVM flags in one line. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: keep "unknown CPU".
        }
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return String.format("%s, %d cores; %s %s; kernels %s; JVM flags: %s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Kernels.vectorDescription(),
                flags.isEmpty() ? "(none)" : String.join(" ", flags));
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() - 0.5f;
        }
        return x;
    }
}
