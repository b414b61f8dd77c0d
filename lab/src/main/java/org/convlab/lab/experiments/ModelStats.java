package org.convlab.lab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.convlab.lab.train.TrainResult;

/**
 * One model's results over the seeds of an experiment.
 *
 * @param id              the model's id ({@code cnn}, {@code mlp-100})
 * @param title           its name
 * @param params          parameters
 * @param trainableParams parameters trained
 * @param test            test accuracy over the seeds
 * @param val             final validation accuracy over the seeds
 * @param seconds         mean wall time of a run
 * @param imagesPerSecond mean training speed
 * @param curveEpochs     x of the mean validation curve (epochs)
 * @param curveMean       mean validation accuracy at those points
 * @param curveSd         its spread over the seeds
 */
public record ModelStats(String id, String title, long params, long trainableParams, Stats test, Stats val,
                         double seconds, double imagesPerSecond, List<Double> curveEpochs, List<Double> curveMean,
                         List<Double> curveSd) {
    /** The statistics of runs of one model (same data, different seeds). */
    public static ModelStats of(List<TrainResult> runs) {
        TrainResult first = runs.get(0);
        List<Double> xs = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        int points = runs.stream().mapToInt(r -> r.curve().size()).min().orElse(0);
        for (int i = 0; i < points; i++) {
            final int k = i;
            Stats s = Stats.of(runs.stream().map(r -> r.curve().get(k).valAccuracy()).toList());
            xs.add(first.curve().get(i).epoch());
            mean.add(s.mean());
            sd.add(s.sd());
        }
        return new ModelStats(first.model(), first.title(), first.params(), first.trainableParams(),
                Stats.of(runs.stream().map(TrainResult::testAccuracy).toList()),
                Stats.of(runs.stream().map(TrainResult::finalValAccuracy).toList()),
                runs.stream().mapToDouble(TrainResult::seconds).average().orElse(Double.NaN),
                runs.stream().mapToDouble(TrainResult::imagesPerSecond).average().orElse(Double.NaN), xs, mean, sd);
    }

    /** The mean validation curve as a chart series (error bars = spread over seeds when there are several). */
    public org.convlab.lab.reporting.Charts.Series curveSeries(String name) {
        double[] x = curveEpochs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = curveMean.stream().mapToDouble(v -> 100 * v).toArray();
        double[] e = curveSd.stream().mapToDouble(v -> 100 * v).toArray();
        return new org.convlab.lab.reporting.Charts.Series(name, x, y, test.n() > 1 ? e : null);
    }
}
