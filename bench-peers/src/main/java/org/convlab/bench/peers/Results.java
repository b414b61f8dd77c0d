package org.convlab.bench.peers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, in the shape the JSON output has.
 *
 * @param machine     the CPU: model, nominal clock, CPU count
 * @param environment JDK, JVM flags, relevant environment variables and properties
 * @param engines     per engine name, its description ("n/a: ..." when not available)
 * @param fmaPeaks    per thread count, the FMA peak measured in this run (GFLOP/s; the yardstick of every "% of peak")
 * @param peaks       the GEMM peak per thread count and path
 * @param checks      the correctness checks
 * @param rows        the timed workloads
 */
public record Results(Machine machine, Map<String, String> environment, Map<String, String> engines,
                      Map<Integer, Double> fmaPeaks, List<Peak> peaks, List<Check> checks, List<Row> rows) {

    /**
     * The practical peak through one GEMM path.
     *
     * @param threads    thread count
     * @param path       which GEMM
     * @param n          matrix size
     * @param gflops     median GFLOP/s
     * @param samples    GFLOP/s of every repetition
     */
    // A file saved before the yardstick became the measured FMA peak also has "theoretical"
    // (nominal clock x an assumed flops per cycle); it is read and dropped.
    @JsonIgnoreProperties("theoretical")
    public record Peak(int threads, String path, int n, double gflops, List<Double> samples) {
    }

    /**
     * How far an engine's numbers are from the reference PyTorch's on the same weights and batch.
     *
     * @param workload      model name
     * @param mode          train or infer
     * @param threads       thread count
     * @param engine        the engine checked
     * @param reference     the engine it is compared with
     * @param logitsDiff    max |z - z_ref| of the forward logits before any step
     * @param scale         max |z_ref|, the scale the tolerance is relative to
     * @param lossDiff      |loss - loss_ref| of the first step (NaN in inference mode)
     * @param afterStepDiff max |z - z_ref| of the logits after that step (NaN in inference mode)
     * @param ok            whether all differences are within {@link Comparison#TOLERANCE} x max(1, scale)
     */
    public record Check(String workload, String mode, int threads, String engine, String reference,
                        double logitsDiff, double scale, double lossDiff, double afterStepDiff, boolean ok) {
    }

    /**
     * One timed workload at one thread count.
     *
     * @param workload      model name
     * @param mode          train or infer
     * @param threads       thread count
     * @param flopsPerImage analytic FLOPs per image ({@link Flops})
     * @param peakGflops    the FMA peak measured at this thread count
     * @param engines       per engine, its measurement
     * @param ratios        per pair "a/b", the median over rounds of images/s of a over b
     */
    public record Row(String workload, String mode, int threads, long flopsPerImage, double peakGflops,
                      Map<String, Measurement> engines, Map<String, Double> ratios) {
    }

    /**
     * One engine on one workload.
     *
     * @param imagesPerSecond median images/s
     * @param samples         images/s of every repetition
     * @param stepsPerRep     steps in one repetition
     * @param gflops          median GFLOP/s (analytic FLOPs x images/s)
     * @param fractionOfPeak  gflops / the FMA peak measured at this thread count
     * @param liveHeapBytes   the Java heap live before its repetitions, after a full GC (-1: not measured)
     * @param peakHeapBytes   the highest Java heap in use during its repetitions (-1: not measured)
     * @param allocatedBytesPerStep bytes allocated on the Java heap per step, the median over its
     *                              repetitions (-1: not measured)
     * @param mostAllocatedBytesPerStep the same in its repetition that allocated most (-1: not measured)
     */
    public record Measurement(double imagesPerSecond, List<Double> samples, int stepsPerRep, double gflops,
                              double fractionOfPeak, long liveHeapBytes, long peakHeapBytes,
                              double allocatedBytesPerStep, double mostAllocatedBytesPerStep) {
    }
}
