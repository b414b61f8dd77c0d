package org.convlab.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;

/**
 * A run's progress as checkpoint metadata, written by {@link Fit} after every epoch and read
 * back when it resumes (the same keys as checkpoint version 1, so those files resume too):
 * <pre>
 * epochs_done=E                     completed epochs; training resumes with epoch E+1
 * step=S                            global steps taken
 * history.curve=i,e,acc,loss;...    the validation measurements so far
 * history.epochs=e,acc,loss,acc,s;... the finished epochs
 * seconds, train_seconds            time spent so far
 * </pre>
 */
record FitHistory(int epochsDone, long step, List<CurvePoint> curve, List<EpochResult> epochs, double seconds,
                  double trainSeconds) {
    static final List<String> KEYS = List.of("epochs_done", "step", "history.curve", "history.epochs", "seconds",
            "train_seconds");

    void writeTo(Map<String, String> meta) {
        meta.put("epochs_done", Integer.toString(epochsDone));
        meta.put("step", Long.toString(step));
        StringBuilder c = new StringBuilder();
        for (CurvePoint p : curve) {
            c.append(c.length() == 0 ? "" : ";").append(p.iteration()).append(',').append(p.epoch()).append(',')
                    .append(p.valAccuracy()).append(',').append(p.trainLoss());
        }
        meta.put("history.curve", c.toString());
        StringBuilder e = new StringBuilder();
        for (EpochResult r : epochs) {
            e.append(e.length() == 0 ? "" : ";").append(r.epoch()).append(',').append(r.valAccuracy()).append(',')
                    .append(r.trainLoss()).append(',').append(r.trainAccuracy()).append(',').append(r.seconds());
        }
        meta.put("history.epochs", e.toString());
        meta.put("seconds", Double.toString(seconds));
        meta.put("train_seconds", Double.toString(trainSeconds));
    }

    /** Reads what {@link #writeTo} wrote. @throws BadFileException naming the key and what was found */
    static FitHistory readFrom(Path file, Map<String, String> meta) {
        int done = (int) Math.min(Integer.MAX_VALUE, parseLong(file, "epochs_done", meta));
        long step = parseLong(file, "step", meta);
        List<CurvePoint> curve = new ArrayList<>();
        for (String[] f : records(file, "history.curve", meta.getOrDefault("history.curve", ""), 4)) {
            curve.add(new CurvePoint(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3])));
        }
        List<EpochResult> epochs = new ArrayList<>();
        for (String[] f : records(file, "history.epochs", meta.getOrDefault("history.epochs", ""), 5)) {
            epochs.add(new EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        return new FitHistory(done, step, curve, epochs, parseDouble(file, "seconds", meta),
                parseDouble(file, "train_seconds", meta));
    }

    private static List<String[]> records(Path file, String key, String text, int fields) {
        List<String[]> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String r : text.split(";")) {
            String[] f = r.split(",");
            if (f.length != fields) {
                throw new BadFileException(file, "metadata " + key + ": expected records of " + fields
                        + " numbers, found '" + r + "'");
            }
            try {
                Long.parseLong(f[0]);
                for (String x : f) {
                    Double.parseDouble(x);
                }
            } catch (NumberFormatException e) {
                throw new BadFileException(file, "metadata " + key + ": expected numbers, found '" + r + "'");
            }
            out.add(f);
        }
        return out;
    }

    static long parseLong(Path file, String key, Map<String, String> meta) {
        String v = meta.get(key);
        try {
            long x = Long.parseLong(v == null ? "" : v);
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "metadata " + key + ": expected a non-negative integer, found "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
    }

    private static double parseDouble(Path file, String key, Map<String, String> meta) {
        String v = meta.get(key);
        try {
            return Double.parseDouble(v == null ? "" : v);
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "metadata " + key + ": expected a number, found "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
    }
}
