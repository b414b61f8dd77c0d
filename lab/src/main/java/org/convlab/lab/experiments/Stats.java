package org.convlab.lab.experiments;

import java.util.Arrays;
import java.util.List;

/**
 * Mean and spread of repeated measurements.
 *
 * @param n      how many
 * @param mean   arithmetic mean
 * @param sd     sample standard deviation (n - 1 in the denominator; 0 for one value)
 * @param min    smallest
 * @param max    largest
 * @param values the measurements
 */
public record Stats(int n, double mean, double sd, double min, double max, List<Double> values) {
    public Stats {
        values = List.copyOf(values);
    }

    /** The statistics of {@code values} (NaN entries are ignored). */
    public static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        }
        double mean = Arrays.stream(v).sum() / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return new Stats(v.length, mean, sd, Arrays.stream(v).min().orElse(Double.NaN),
                Arrays.stream(v).max().orElse(Double.NaN), values);
    }

    /**
     * Whether the difference of the means of {@code a} and {@code b} is within the larger of their
     * standard deviations (only with several measurements each): too close to call.
     */
    public static boolean withinSpread(Stats a, Stats b) {
        return a.n() > 1 && b.n() > 1 && Math.abs(a.mean() - b.mean()) <= Math.max(a.sd(), b.sd());
    }

    /** As a percentage with its spread: {@code 86.1% ± 0.3} (one value: {@code 86.1%}). */
    public String percent() {
        if (n == 0) {
            return "-";
        }
        return n > 1 ? String.format("%.1f%% ± %.1f", 100 * mean, 100 * sd) : String.format("%.1f%%", 100 * mean);
    }
}
