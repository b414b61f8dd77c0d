package org.convlab.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import org.convlab.lab.equivariance.FeatureExtractor;
import org.convlab.lab.reporting.LabJson;
import org.convlab.nn.Module;
import org.convlab.nn.checkpoint.Checkpoints;

/**
 * The saved models the equivariance page offers: the files given to {@code serve --model} (ids
 * {@code model-1}, {@code model-2}, ...) and the checkpoints {@code ./convlab reproduce} keeps in
 * the report directory's {@code runs/} folder (ids {@code run-<file stem>}, named by the
 * {@code .json} record beside them: model, seed, test accuracy).
 *
 * <p>A client names a model only by an id from {@link #list()}; the server looks it up in the
 * list it made itself, so no path a client sends is ever opened. A checkpoint is opened only if
 * it is at most {@link Limits#CHECKPOINT} bytes; each is loaded once into a small cache (keyed by
 * its id, size and modification time, so a model {@code reproduce} rewrites is loaded again), and
 * a refusal (an MLP, a damaged file) is kept there too, as one line.
 */
public final class SavedModels {
    /** The folder of the report directory where {@code reproduce} keeps its runs. */
    public static final String RUNS = "runs";
    private static final Pattern RUN_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\\.ckpt");

    private final Path reports;
    private final List<Path> given;
    private final Map<Stamp, Loaded> cache = EquivarianceService.lru(4);

    /**
     * @param reports the report directory (may not exist)
     * @param given   the checkpoints given on the command line
     */
    public SavedModels(Path reports, List<Path> given) {
        this.reports = reports;
        this.given = List.copyOf(given);
    }

    /**
     * One model offered.
     *
     * @param id       what a client sends to choose it
     * @param name     what the page shows, e.g. {@code cnn seed 7, 2 epochs, test accuracy 48.8% (runs/cnn-seed7-84950bb1520d.ckpt)}
     * @param file     the checkpoint
     * @param origin   {@code --model} or {@code report}
     * @param bytes    the checkpoint's size
     * @param finished for a run of the report: whether its record is there (else it stopped part-way)
     */
    public record Entry(String id, String name, Path file, String origin, long bytes, boolean finished) {
    }

    /** A loaded model's feature extractor on the page's canvas, or why it has none (one line). */
    public record Loaded(Entry entry, FeatureExtractor features, String refusal) {
    }

    private record Stamp(String id, Path file, long bytes, long modified) {
    }

    /** The models offered now: the given files first, then the report's runs by file name (at most {@link Limits#MODELS}). */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Path f = given.get(i);
            out.add(new Entry("model-" + (i + 1), f.getFileName() + " (" + f + ")", f, "--model", size(f), true));
        }
        Path runs = reports.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runs)) {
            for (Path p : dir) {
                if (RUN_FILE.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        files.sort(null);
        for (Path p : files.subList(0, Math.min(files.size(), Limits.MODELS))) {
            String file = p.getFileName().toString();
            String stem = file.substring(0, file.length() - ".ckpt".length());
            Path record = p.resolveSibling(stem + ".json");
            boolean finished = Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS);
            out.add(new Entry("run-" + stem, runName(record, finished) + " (" + RUNS + "/" + file + ")", p, "report",
                    size(p), finished));
        }
        return out;
    }

    /** {@code cnn seed 7, 2 epochs, test accuracy 48.8%} from a run's record; {@code unfinished run} without one. */
    private static String runName(Path record, boolean finished) {
        if (!finished) {
            return "unfinished run";
        }
        try {
            if (Files.size(record) > Limits.RECORD) {
                return "run";
            }
            JsonNode r = LabJson.mapper().readTree(record.toFile());
            StringBuilder name = new StringBuilder(r.path("run").asText("run"));
            String epochs = r.path("spec").path("epochs").asText("");
            if (!epochs.isEmpty()) {
                name.append(", ").append(epochs).append(epochs.equals("1") ? " epoch" : " epochs");
            }
            JsonNode acc = r.path("test_accuracy");
            if (acc.isNumber()) {
                name.append(", test accuracy ").append(String.format(Locale.ROOT, "%.1f%%", 100 * acc.asDouble()));
            }
            return name.toString();
        } catch (IOException | RuntimeException e) {
            return "run (unreadable record)";
        }
    }

    /** The entry of {@code id}, from the list as it is now. */
    public Entry find(String id) {
        for (Entry e : list()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new BadParameterException("model", "an id listed by /api/models", id);
    }

    /**
     * The model {@code id}'s feature extractor on a {@code 1 x side x side} canvas, loaded now or
     * from the cache; its refusal when it has none or cannot be read.
     */
    public Loaded load(String id, int side) {
        Entry e = find(id);
        Stamp stamp = stamp(e);
        // Loaded under the lock, so that two requests for a new model load it once (a load is bounded by the cap).
        synchronized (cache) {
            return cache.computeIfAbsent(stamp, s -> read(e, side));
        }
    }

    private static Loaded read(Entry e, int side) {
        if (e.bytes() < 0) {
            return new Loaded(e, null, "model " + e.id() + ": " + e.file() + " cannot be read");
        }
        if (e.bytes() > Limits.CHECKPOINT) {
            return new Loaded(e, null, "model " + e.id() + ": " + e.file().getFileName() + " is " + e.bytes()
                    + " bytes; the explorer opens checkpoints of at most " + Limits.CHECKPOINT + " bytes");
        }
        try {
            Module model = Checkpoints.loadModel(e.file());
            return new Loaded(e, FeatureExtractor.of(model, 1, side, side), null);
        } catch (BadParameterException x) {
            return new Loaded(e, null, "model " + e.id() + ": " + x.problem());
        } catch (ConvlabException x) {
            return new Loaded(e, null, "model " + e.id() + ": " + x.getMessage());
        }
    }

    private static Stamp stamp(Entry e) {
        try {
            BasicFileAttributes a = Files.readAttributes(e.file(), BasicFileAttributes.class);
            return new Stamp(e.id(), e.file(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException x) {
            return new Stamp(e.id(), e.file(), -1, -1);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code GET /api/models}: the models offered, for the page's select. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("name", e.name());
            m.put("origin", e.origin());
            m.put("bytes", e.bytes());
            m.put("finished", e.finished());
            out.add(m);
        }
        return out;
    }
}
