package org.convlab.bench.peers;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peers}: convlab side by side with PyTorch and ONNX Runtime in one run.
 *
 * <p>Run it through {@code bench/peers.sh}, which builds with {@code -Ppeers} and passes the
 * flags the peers need ({@code -Dai.djl.offline=true}, {@code OPT_OUT_TRACKING=true}, the
 * thread properties, the Vector API module).
 */
@Command(name = "peers", mixinStandardHelpOptions = true, sortOptions = false, version = "convlab peers 0.1.0",
        description = {"Trains and runs the notebook's models on convlab, PyTorch 2.7.1 (DJL), Debian's PyTorch 1.13 "
                + "(python3-torch + OpenBLAS-OpenMP) and ONNX Runtime with the same weights and batch, checks that they "
                + "agree, and times them interleaved; prints images/s, GFLOP/s, ratios and the fraction of the "
                + "measured GEMM peak."})
public final class PeersMain implements Callable<Integer> {
    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts, run in turn (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--workloads", split = ",", description = "Models: cnn-CxHxW, mlp-IN-HIDDEN (default: all of the issue: "
            + "cnn-3x32x32, cnn-1x28x28, mlp-784-4000, mlp-3072-4000, mlp-784-100, mlp-3072-100).")
    List<String> workloads;

    @Option(names = "--modes", split = ",", defaultValue = "train,infer", description = "train and/or infer (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--engines", split = ",", defaultValue = "convlab,pytorch-djl,pytorch-py,onnxruntime",
            description = "Engines, in column order (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--reps", defaultValue = "7", description = "Interleaved rounds per workload (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup", defaultValue = "1.0", description = "Warm-up seconds per engine and workload (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--rep-seconds", defaultValue = "0.3", description = "Target seconds of one repetition (default: ${DEFAULT-VALUE}).")
    double repSeconds;

    @Option(names = "--gemm-size", defaultValue = "1024", description = "n of the n x n x n peak GEMM; 0 skips it (default: ${DEFAULT-VALUE}).")
    int gemmSize;

    @Option(names = "--lr", defaultValue = "3e-3", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the weights; the batch uses seed + 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the results as JSON on standard output (progress still goes to standard error).")
    boolean json;

    @Option(names = "--save", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    java.nio.file.Path save;

    @Option(names = "--render", paramLabel = "FILE", description = "Print the tables of a run saved with --save (or --json) and exit; runs nothing.")
    java.nio.file.Path render;

    @Option(names = "--profile", description = "Before timing, print the top operators of one PyTorch training step per workload (both set-ups).")
    boolean profile;

    @Option(names = "--isa", defaultValue = HeldIsa.NATIVE, paramLabel = "native|avx2",
            description = "native: each engine's widest vectors; avx2: every engine held to AVX2 (a stand-in for an AVX2 "
                    + "machine): convlab pinned to 256 bits and its JIT to AVX2 (-XX:UseAVX=2: 16 vector registers), "
                    + "PyTorch through ATEN_CPU_CAPABILITY, ONEDNN_MAX_CPU_ISA, "
                    + "MKL_ENABLE_INSTRUCTIONS and OPENBLAS_CORETYPE, which ./convlab bench --peers --isa avx2 sets before "
                    + "the JVM starts; ONNX Runtime has no such switch and keeps its widest (default: ${DEFAULT-VALUE}).")
    String isa;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        if (render != null) {
            Results saved = Report.read(render);
            out.println(json ? Report.json(saved) : Report.text(saved, List.copyOf(saved.engines().keySet())));
            return 0;
        }
        if (reps < 1) {
            throw new BadParameterException("--reps", "a positive integer", reps);
        }
        if (!HeldIsa.NATIVE.equals(isa) && !HeldIsa.AVX2.equals(isa)) {
            throw new BadParameterException("--isa", HeldIsa.NATIVE + " or " + HeldIsa.AVX2, isa);
        }
        if (HeldIsa.AVX2.equals(isa)) {
            String problem = HeldIsa.problemHere();
            if (problem != null) {
                err.println("peers: " + problem);
                return ConvlabException.EXIT_USAGE;
            }
        }
        for (int t : threads) {
            if (t < 1) {
                throw new BadParameterException("--threads", "positive integers", t);
            }
        }
        List<Model> models = new ArrayList<>();
        for (String w : workloads == null ? Model.DEFAULTS : workloads) {
            models.add(Model.parse(w.trim()));
        }
        List<Mode> modeList = modes.stream().map(Mode::parse).toList();
        List<String> engineList = engines.stream().map(String::trim).toList();
        engineList.forEach(e -> {
            if (!Engines.ALL.contains(e)) {
                throw new BadParameterException("--engines", "some of " + String.join(",", Engines.ALL), e);
            }
        });
        if (profile) {
            Profiles.print(models, threads.get(0), seed, lr, err);
        }
        Comparison.Options options = new Comparison.Options(threads, models, modeList, engineList, reps, warmup,
                repSeconds, gemmSize, lr, seed);
        Results results = new Comparison(options, err).run();
        if (save != null) {
            java.nio.file.Files.writeString(save, Report.json(results) + System.lineSeparator());
        }
        out.println(json ? Report.json(results) : Report.text(results, engineList));
        long bad = results.checks().stream().filter(c -> !c.ok()).count();
        if (bad > 0) {
            err.println("peers: " + bad + " engine(s) disagree with the reference PyTorch beyond the tolerance (see the checks)");
            return ConvlabException.EXIT_RUNTIME;
        }
        return 0;
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PeersMain main = new PeersMain();
        main.out = out;
        main.err = err;
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, given) -> {
            err.println("peers: " + e.getMessage() + " (see: ./convlab bench --peers --help)");
            return ConvlabException.EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConvlabException c) {
                err.println("peers: " + c.getMessage());
                return c.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
