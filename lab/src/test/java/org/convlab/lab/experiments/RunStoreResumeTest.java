package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.train.TrainingListener;
import org.convlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab run killed part-way and started again on the same output folder continues from the runs
 * it finished (and from the checkpoint of the one it was in) and ends with the same numbers, to
 * the last bit, as an uninterrupted run; a changed argument trains again only what it touches,
 * and says so.
 */
class RunStoreResumeTest {
    @TempDir
    Path tmp;

    static final DataSet DATA = LabFixtures.synthetic(12, 300, 100);

    /** Two epochs (a checkpoint after the first), two seeds, cnn-vs-mlp and the sharing study. */
    static LabSettings settings() {
        return LabFixtures.tinySettings().withSeeds(List.of(7L, 8L)).withHiddens(List.of(16))
                .withBase(LabFixtures.tinySettings().base().withEpochs(2)).withSharing(150, 60, 1);
    }

    /** Stops the run when the {@code run}-th training (1-based) reaches global step {@code step}. */
    static final class Kill implements TrainingListener {
        final int run;
        final long step;
        int started;

        Kill(int run, long step) {
            this.run = run;
            this.step = step;
        }

        @Override
        public void started(String name, int epochs, int batchesPerEpoch, int firstEpoch) {
            started++;
        }

        @Override
        public void beforeStep(long s, Sequential model) {
            if (started == run && s == step) {
                throw new Killed();
            }
        }
    }

    static final class Killed extends RuntimeException {
        Killed() {
            super("killed for the test");
        }
    }

    /** Runs cnn-vs-mlp and the sharing study into {@code out} and returns results.json's numbers. */
    static JsonNode run(Path out, LabSettings s, TrainingListener listener, StringWriter log) throws IOException {
        PrintWriter w = new PrintWriter(log);
        LabContext ctx = new LabContext(DATA, s, out, w, new RunCache(listener, RunStore.in(out), w, null));
        List<ExperimentResult> results = List.of(CnnVsMlp.run(ctx), Sharing.run(ctx));
        LabReport.write(ctx, results, 1.0);
        return numbers(LabJson.mapper().readTree(out.resolve(LabReport.RESULTS).toFile()));
    }

    /** The JSON without what measures time (wall clock) or names the date. */
    static JsonNode numbers(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> drop = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.contains("second") || f.equals("date") || f.equals("timings") || f.equals("tables")
                        || f.equals("summary") || f.equals("timing")) {
                    drop.add(f);
                }
            }
            o.remove(drop);
            o.forEach(RunStoreResumeTest::numbers);
        } else if (n.isArray()) {
            n.forEach(RunStoreResumeTest::numbers);
        }
        return n;
    }

    @Test
    void aRunKilledMidwayAndStartedAgainEndsWithTheNumbersOfAnUninterruptedRun() throws IOException {
        JsonNode whole = run(tmp.resolve("whole"), settings(), TrainingListener.NONE, new StringWriter());

        Path out = tmp.resolve("killed");
        // Run 3 (mlp-16 seed 7) is killed in its second epoch: 5 batches per epoch, so step 7.
        assertThatThrownBy(() -> run(out, settings(), new Kill(3, 7), new StringWriter())).isInstanceOf(Killed.class);
        try (Stream<Path> files = Files.list(out.resolve(RunStore.DIR))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names.stream().filter(f -> f.endsWith(".json"))).hasSize(2);
            assertThat(names).anyMatch(f -> f.startsWith("mlp-16-seed7-") && f.endsWith(".ckpt"));
            assertThat(names).noneMatch(f -> f.startsWith("mlp-16-seed7-") && f.endsWith(".json"));
        }

        StringWriter log = new StringWriter();
        JsonNode resumed = run(out, settings(), TrainingListener.NONE, log);
        assertThat(log.toString()).contains("cnn seed 7: kept in runs/cnn-seed7-", "cnn seed 8: kept in",
                "mlp-16 seed 7: continuing from its checkpoint runs/mlp-16-seed7-");
        assertThat(resumed).isEqualTo(whole);
        assertThat(resumed.path("experiments").path("cnn-vs-mlp").path("runs")).hasSize(4);

        // Once more: every run is kept, nothing trains, the numbers stay.
        StringWriter again = new StringWriter();
        assertThat(run(out, settings(), new TrainingListener() {
            @Override
            public void beforeStep(long s, Sequential model) {
                throw new AssertionError("nothing should train");
            }
        }, again)).isEqualTo(whole);
        assertThat(again.toString()).doesNotContain("continuing", "training again");
    }

    @Test
    void aChangedArgumentTrainsAgainOnlyTheRunsItTouchesAndSaysWhy() throws IOException {
        Path out = tmp.resolve("changed");
        LabSettings s = settings().withSharing(150, 60, 1);
        run(out, s, TrainingListener.NONE, new StringWriter());

        StringWriter log = new StringWriter();
        LabSettings wider = s.withHiddens(List.of(24));
        run(out, wider, TrainingListener.NONE, log);
        assertThat(log.toString()).contains("cnn seed 7: kept in", "lc seed 7: kept in")
                .doesNotContain("mlp-24 seed 7: kept");

        StringWriter lr = new StringWriter();
        run(out, s.withBase(s.base().withLr(0.01)), TrainingListener.NONE, lr);
        assertThat(lr.toString()).contains("cnn seed 7: the kept run runs/cnn-seed7-")
                .contains("had lr 0.003, now 0.01: training again").doesNotContain("kept in");
    }

    @Test
    void otherDataTrainsEverythingAgainAndNamesTheFingerprints() throws IOException {
        Path out = tmp.resolve("data");
        LabSettings s = settings();
        PrintWriter quiet = new PrintWriter(new StringWriter());
        LabContext first = new LabContext(DATA, s, out, quiet, new RunCache(TrainingListener.NONE, RunStore.in(out),
                quiet, null));
        CnnVsMlp.run(first);
        DataSet other = LabFixtures.synthetic(12, 299, 100);
        StringWriter log = new StringWriter();
        PrintWriter w = new PrintWriter(log);
        CnnVsMlp.run(new LabContext(other, s, out, w, new RunCache(TrainingListener.NONE, RunStore.in(out), w, null)));
        assertThat(log.toString()).contains("cnn seed 7: the kept run runs/cnn-seed7-")
                .contains("had other data (fingerprint sha256:").doesNotContain("kept in");
    }
}
