package org.convlab.lab.progress;

import java.util.function.LongSupplier;
import org.convlab.lab.train.TrainingListener;

/**
 * Progress of a whole lab run made of many training runs: the fraction of the planned work done
 * and an estimate of the time left, e.g. {@code all 37% · run 5/21 · 8:12 elapsed · eta 14:05}.
 *
 * <p>Each run has a weight (its estimated cost, e.g. multiply-adds); runs kept from an earlier,
 * interrupted invocation (and the epochs a continued run had done) count as done but not
 * towards the speed, so the
 * estimate is the time spent so far divided by the work done in this invocation, times the work
 * left. Inside a run, the fraction of its steps done counts (it follows the run as a
 * {@link TrainingListener}).
 */
public final class OverallProgress implements TrainingListener {
    private final LongSupplier nanos;
    private final long startNanos;
    private double total;
    private double kept;
    private double finished;
    private int runs;
    private int runsDone;
    private double current;
    private double currentFraction;
    private double resumedFraction;
    private long steps;
    private long stepsDone;

    /** Progress measured with the system clock. */
    public OverallProgress() {
        this(System::nanoTime);
    }

    /** Progress measured with {@code nanos} (tests give a fake clock). */
    public OverallProgress(LongSupplier nanos) {
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
    }

    /** Adds a planned run of cost {@code weight}; {@code kept} when it is already done (kept from before). */
    public void plan(double weight, boolean isKept) {
        total += weight;
        runs++;
        if (isKept) {
            kept += weight;
            runsDone++;
        }
    }

    /** A planned run of cost {@code weight} starts training. */
    public void begin(double weight) {
        current = weight;
        currentFraction = 0;
        resumedFraction = 0;
    }

    /** The run begun last has ended (trained, or taken from the store). */
    public void end(boolean wasKept) {
        if (!wasKept) {
            finished += current * (1 - resumedFraction);
            kept += current * resumedFraction;
            runsDone = Math.min(runs, runsDone + 1);
        }
        current = 0;
        currentFraction = 0;
        resumedFraction = 0;
    }

    @Override
    public void started(String run, int epochs, int batchesPerEpoch, int firstEpoch) {
        steps = (long) epochs * batchesPerEpoch;
        stepsDone = (long) firstEpoch * batchesPerEpoch;
        currentFraction = steps == 0 ? 0 : (double) stepsDone / steps;
        resumedFraction = currentFraction;
    }

    @Override
    public void stepped(int epoch, int batch, double loss, double accuracy) {
        stepsDone++;
        currentFraction = steps == 0 ? 0 : Math.min(1, (double) stepsDone / steps);
    }

    /** The fraction of the planned work done, 0..1 (NaN before anything is planned). */
    public double fraction() {
        return total > 0 ? Math.min(1, (kept + finished + current * currentFraction) / total) : Double.NaN;
    }

    /** Seconds since this progress was made. */
    public double elapsed() {
        return (nanos.getAsLong() - startNanos) / 1e9;
    }

    /** Estimated seconds left: the time spent per unit of work done in this invocation, times the work left. */
    public double eta() {
        double doneHere = finished + current * (currentFraction - resumedFraction);
        double left = total - kept - finished - current * currentFraction;
        return doneHere > 0 ? Math.max(0, elapsed() / doneHere * left) : Double.NaN;
    }

    /** {@code all 37% · run 5/21 · 8:12 elapsed · eta 14:05}. */
    public String text() {
        return "all " + Progress.percent(fraction()) + " · run " + Math.min(runs, runsDone + 1) + "/"
                + runs + " · " + Progress.duration(elapsed()) + " elapsed · eta " + Progress.duration(eta());
    }

    /** {@code all 37.0% eta 14:05}, for a progress bar's message. */
    public String shortText() {
        return "all " + Progress.percent(fraction()) + " eta " + Progress.duration(eta());
    }

    /** Whether any run was planned. */
    public boolean planned() {
        return runs > 0;
    }
}
