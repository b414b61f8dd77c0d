package org.convlab.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import org.convlab.nn.check.GradCheck;
import org.convlab.nn.check.GradCheckResult;
import org.convlab.nn.check.GradCheckSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convlab gradcheck}: every layer's analytic gradients against central differences in
 * double precision, and the float32 engine against its double-precision twin.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Checks every layer's gradients: the double-precision analytic gradients against central "
                + "differences, and the float32 engine (the kernels training uses) against that double twin.",
            "Exit code 0 when every check passes, 1 otherwise."})
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the random inputs, parameters and random configurations (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--random", paramLabel = "N",
            description = "Random convolution and locally connected configurations added to the fixed ones (default: ${DEFAULT-VALUE}).")
    int random = 6;

    @Option(names = "--verbose", description = "Also print each module's hyper-parameters.")
    boolean verbose;

    @Option(names = "--json", description = "Print one JSON object with every check.")
    boolean json;

    @Override
    public Integer call() {
        if (random < 0 || random > 1000) {
            throw new BadParameterException("--random", "a number of configurations from 0 to 1000", random);
        }
        long start = System.nanoTime();
        List<GradCheckResult> results = GradCheckSuite.run(seed, random);
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = results.stream().filter(r -> !r.passed()).count();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(results, failed == 0)));
        } else {
            printText(out, results, failed, seconds);
        }
        out.flush();
        return failed == 0 ? 0 : ConvlabException.EXIT_RUNTIME;
    }

    private Map<String, Object> toJson(List<GradCheckResult> results, boolean passed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("fd_step", GradCheck.FD_STEP);
        m.put("fd_tolerance", GradCheck.FD_TOLERANCE);
        m.put("float_tolerance", GradCheck.FLOAT_TOLERANCE);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (GradCheckResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.name());
            c.put("module", r.module());
            c.put("input", r.input());
            c.put("parameters", r.parameters());
            c.put("fd_error", r.fdError());
            c.put("float_error", r.floatError());
            c.put("passed", r.passed());
            checks.add(c);
        }
        m.put("checks", checks);
        m.put("passed", passed);
        return m;
    }

    private void printText(PrintWriter out, List<GradCheckResult> results, long failed, double seconds) {
        out.printf("Gradient check, seed %d: error = max |a - b| / max |b| per tensor, the largest over the output,%n"
                + "the input gradient and every parameter gradient.%n"
                + "  fd:      double analytic gradients vs central differences (h = %.0e), pass <= %.0e%n"
                + "  float32: the engine's float32 kernels vs the double twin, pass <= %.0e%n%n",
                seed, GradCheck.FD_STEP, GradCheck.FD_TOLERANCE, GradCheck.FLOAT_TOLERANCE);
        out.printf("%-40s %-15s %7s %10s %10s  %s%n", "check", "input", "params", "fd", "float32", "result");
        for (GradCheckResult r : results) {
            out.printf("%-40s %-15s %7d %10.2e %10.2e  %s%n", r.name(), r.input(), r.parameters(), r.fdError(),
                    r.floatError(), r.passed() ? "pass" : "FAIL");
            if (verbose) {
                out.printf("    %s%n", r.module().replace("\n", "\n    "));
            }
        }
        out.printf("%n%d checks: %d passed, %d failed (%.1f s)%n", results.size(), results.size() - failed, failed,
                seconds);
    }
}
