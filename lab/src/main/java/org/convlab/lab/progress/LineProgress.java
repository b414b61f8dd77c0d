package org.convlab.lab.progress;

import java.io.PrintWriter;
import org.convlab.lab.train.TrainResult;
import org.convlab.lab.train.TrainingListener;

/**
 * Plain progress lines for logs (standard error not a terminal): one at every validation
 * point, e.g.
 * <pre>
 * cnn seed 7  epoch 1/2  iter 300/922  loss 0.6120  train 77.4%  val 80.9%  212 img/s  eta 0:52
 * </pre>
 * and one per finished epoch; with an {@link OverallProgress}, each line ends with the whole
 * run's fraction and estimated time left ({@code | all 37.0% · run 5/21 · 8:12 elapsed · eta 14:05}).
 */
public final class LineProgress implements TrainingListener {
    private final PrintWriter out;
    private String run = "";
    private int epochs;
    private int batches;
    private long startNanos;
    private long stepsDone;
    private long stepsLeft;
    private int epoch;
    private int batch;
    private double loss;
    private double accuracy;

    private final OverallProgress overall;

    public LineProgress(PrintWriter out) {
        this(out, null);
    }

    /** Lines that also end with the whole run's progress from {@code overall} (may be null). */
    public LineProgress(PrintWriter out, OverallProgress overall) {
        this.out = out;
        this.overall = overall;
    }

    @Override
    public void started(String name, int totalEpochs, int batchesPerEpoch, int firstEpoch) {
        run = name;
        epochs = totalEpochs;
        batches = batchesPerEpoch;
        startNanos = System.nanoTime();
        stepsDone = 0;
        stepsLeft = (long) (totalEpochs - firstEpoch) * batchesPerEpoch;
    }

    @Override
    public void stepped(int e, int b, double l, double a) {
        epoch = e;
        batch = b;
        loss = l;
        accuracy = a;
        stepsDone++;
    }

    @Override
    public void validated(long iteration, double val) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = stepsDone == 0 ? Double.NaN : elapsed / stepsDone * (stepsLeft - stepsDone);
        out.printf("%s  epoch %d/%d  iter %d/%d  loss %.4f  train %s  val %s  eta %s%s%n", run, epoch + 1, epochs,
                batch + 1, batches, loss, Progress.percent(accuracy), Progress.percent(val), Progress.duration(eta),
                overall == null || !overall.planned() ? "" : "  |  " + overall.text());
        out.flush();
    }

    @Override
    public void epochEnded(TrainResult.EpochResult r, int total) {
        out.printf("%s  epoch %d/%d done in %s: loss %.4f, train %s, val %s%n", run, r.epoch(), total,
                Progress.duration(r.seconds()), r.trainLoss(), Progress.percent(r.trainAccuracy()),
                Progress.percent(r.valAccuracy()));
        out.flush();
    }
}
