package org.convlab.lab.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convlab.data.DataFingerprint;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.train.TrainConfig;
import org.convlab.lab.train.TrainResult;

/**
 * The training runs of a lab command kept in its output folder, so that a long run killed
 * part-way continues from what it finished: each run is a checkpoint
 * ({@code runs/<model>-seed<seed>-<key>.ckpt}, written by the trainer after every epoch, so the
 * model stays) and, once finished, a record beside it ({@code .json}: the specification and the
 * test accuracy). The key is a SHA-256 of the run's full specification: the training
 * configuration, the epochs and {@link DataFingerprint#of(DataSet)} of the data it reads. A
 * changed argument or data set gives another key, so only the runs it touches train again.
 */
public final class RunStore {
    /** The folder's name inside the output folder. */
    public static final String DIR = "runs";
    private static final int KEY_CHARS = 12;

    private final Path dir;
    private final Map<DataSet, String> fingerprints = new IdentityHashMap<>();

    /** A store in {@code dir} (created when the first run is saved). */
    public RunStore(Path dir) {
        this.dir = dir;
    }

    /** The store of the output folder {@code out}: {@code out/runs}. */
    public static RunStore in(Path out) {
        return new RunStore(out.resolve(DIR));
    }

    /**
     * One run's place in the store.
     *
     * @param name       {@code cnn seed 7}
     * @param key        the first hex digits of the specification's SHA-256
     * @param spec       the specification: configuration, epochs, data fingerprint
     * @param checkpoint the trainer's checkpoint
     * @param record     written when the run has finished
     */
    public record Entry(String name, String key, Map<String, String> spec, Path checkpoint, Path record) {
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The entry of {@code config} trained on {@code data}. */
    public Entry entry(DataSet data, TrainConfig config) {
        Map<String, String> spec = new LinkedHashMap<>(config.identity());
        spec.put("epochs", Integer.toString(config.epochs()));
        spec.put("data", fingerprints.computeIfAbsent(data, DataFingerprint::of));
        String key = sha256(spec.toString()).substring(0, KEY_CHARS);
        String stem = config.model().id() + "-seed" + config.seed();
        return new Entry(config.model().id() + " seed " + config.seed(), key, spec,
                dir.resolve(stem + "-" + key + ".ckpt"), dir.resolve(stem + "-" + key + ".json"));
    }

    /** Whether the run finished (its record and checkpoint are both there). */
    public boolean finished(Entry e) {
        return Files.isRegularFile(e.record()) && Files.isRegularFile(e.checkpoint());
    }

    /** Whether a checkpoint of the run is there (finished, or stopped after an epoch). */
    public boolean started(Entry e) {
        return Files.isRegularFile(e.checkpoint());
    }

    /** Creates the folder (before the trainer writes the first checkpoint). */
    public void prepare() {
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + dir, ex);
        }
    }

    /** Writes the record of a finished run (atomically: a half-written record is never read). */
    public void finish(Entry e, TrainResult r) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("run", e.name());
        rec.put("key", e.key());
        rec.put("spec", e.spec());
        rec.put("checkpoint", e.checkpoint().getFileName().toString());
        rec.put("train_images", r.trainImages());
        rec.put("test_images", r.testImages());
        rec.put("test_accuracy", r.testAccuracy());
        rec.put("seconds", r.seconds());
        Path tmp = e.record().resolveSibling(e.record().getFileName() + ".tmp");
        try {
            prepare();
            Files.writeString(tmp, LabJson.write(rec) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, e.record(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException ex) {
                Files.move(tmp, e.record(), StandardCopyOption.REPLACE_EXISTING);
            }
            // The checkpoint writer keeps the previous epoch's file as .bak; a finished run needs only the last.
            Files.deleteIfExists(e.checkpoint().resolveSibling(e.checkpoint().getFileName() + ".bak"));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + e.record(), ex);
        }
    }

    /**
     * Why a kept run of the same model and seed does not serve {@code e}: e.g. {@code "cnn seed 7:
     * the kept run (runs/cnn-seed7-0a1b2c3d4e5f.json) had lr 0.01, now 0.003: training again"}; null
     * when no other run of that model and seed is kept.
     */
    public String invalidated(Entry e) {
        String prefix = e.record().getFileName().toString();
        prefix = prefix.substring(0, prefix.length() - KEY_CHARS - ".json".length());
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Iterator<Path> it = files.sorted().iterator(); it.hasNext(); ) {
                Path p = it.next();
                String f = p.getFileName().toString();
                if (!f.startsWith(prefix) || !f.endsWith(".json") || p.equals(e.record())
                        || f.length() != prefix.length() + KEY_CHARS + ".json".length()) {
                    continue;
                }
                reasons.add(difference(p, e.spec()));
            }
        } catch (IOException ex) {
            return null;
        }
        return reasons.isEmpty() ? null : e.name() + ": " + String.join("; ", reasons) + ": training again";
    }

    /** What differs between the record in {@code file} and {@code now}, in words. */
    private String difference(Path file, Map<String, String> now) {
        String shown = dir.getFileName().resolve(file.getFileName()).toString();
        try {
            JsonNode old = LabJson.mapper().readTree(file.toFile()).path("spec");
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, String> kv : now.entrySet()) {
                String was = old.path(kv.getKey()).asText(null);
                if (!kv.getValue().equals(was)) {
                    changed.add(kv.getKey().equals("data") ? "other data (fingerprint " + abbreviate(was) + ", now "
                            + abbreviate(kv.getValue()) + ")" : kv.getKey() + " " + was + ", now " + kv.getValue());
                }
            }
            return "the kept run " + shown + " had " + (changed.isEmpty() ? "another specification"
                    : String.join(", ", changed));
        } catch (IOException ex) {
            return "the kept run " + shown + " is unreadable";
        }
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.length() > 19 ? fingerprint.substring(0, 19) + "…" : fingerprint;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
