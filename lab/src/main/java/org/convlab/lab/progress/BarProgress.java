package org.convlab.lab.progress;

import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import org.convlab.lab.train.TrainingListener;

/**
 * A progress bar per epoch on a terminal (me.tongfei:progressbar), e.g.
 * <pre>
 * cnn seed 7 epoch 1/2  47% [=========>           ] 433/922 (0:00:21 / 0:00:23) loss 0.612 train 77% val 81%
 * </pre>
 * With an {@link OverallProgress} the message ends with the whole run's fraction and estimated
 * time left. The bar is closed at the end of each epoch, so lines printed between epochs do not mix with it.
 */
public final class BarProgress implements TrainingListener {
    private final PrintStream stream;
    private String run = "";
    private int epochs;
    private int batches;
    private ProgressBar bar;
    private double val = Double.NaN;

    private final OverallProgress overall;

    public BarProgress(PrintWriter err) {
        this(err, null);
    }

    /** Bars whose message also shows the whole run's progress from {@code overall} (may be null). */
    public BarProgress(PrintWriter err, OverallProgress overall) {
        this.stream = TerminalStream.of(err);
        this.overall = overall;
    }

    @Override
    public void started(String name, int totalEpochs, int batchesPerEpoch, int firstEpoch) {
        run = name;
        epochs = totalEpochs;
        batches = batchesPerEpoch;
    }

    @Override
    public void epochStarted(int epoch) {
        close();
        bar = TerminalStream.bar(stream, run + " epoch " + (epoch + 1) + "/" + epochs, batches);
    }

    @Override
    public void stepped(int epoch, int batch, double loss, double accuracy) {
        if (bar != null) {
            bar.stepTo(batch + 1);
            bar.setExtraMessage(String.format("%sloss %.3f train %s val %s",
                    overall == null || !overall.planned() ? "" : "[" + overall.shortText() + "] ", loss,
                    Progress.percent(accuracy), Progress.percent(val)));
        }
    }

    @Override
    public void validated(long iteration, double accuracy) {
        val = accuracy;
    }

    @Override
    public void epochEnded(org.convlab.lab.train.TrainResult.EpochResult result, int total) {
        close();
    }

    @Override
    public void finished() {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            stream.flush();
        }
    }
}
