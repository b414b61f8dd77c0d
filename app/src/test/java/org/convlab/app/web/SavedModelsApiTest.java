package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/models} and a saved model's equivariance through a real HTTP client. */
class SavedModelsApiTest {
    @TempDir
    static Path tmp;

    static TestServer server;
    static List<Path> given;

    /** Four --model files, and in report/runs a finished run, an unfinished one, a damaged and an oversized file. */
    @BeforeAll
    static void start() throws IOException {
        Path reports = Files.createDirectories(tmp.resolve("report"));
        Path runs = Files.createDirectories(reports.resolve("runs"));
        given = SavedModelFiles.all(Files.createDirectories(tmp.resolve("models")));
        Files.copy(given.get(1), runs.resolve("cnn-seed7-0123456789ab.ckpt"));
        Files.writeString(runs.resolve("cnn-seed7-0123456789ab.json"),
                "{\"run\": \"cnn seed 7\", \"spec\": {\"epochs\": \"2\"}, \"test_accuracy\": 0.812}\n");
        Files.copy(given.get(0), runs.resolve("cnn-seed8-0123456789ab.ckpt"));
        Files.writeString(runs.resolve("damaged-seed1-0123456789ab.ckpt"), "not a checkpoint");
        try (RandomAccessFile f = new RandomAccessFile(runs.resolve("huge-seed1-0123456789ab.ckpt").toFile(), "rw")) {
            f.setLength(Limits.CHECKPOINT + 1); // sparse: no disk used
        }
        Files.writeString(runs.resolve("notes.txt"), "not offered");
        server = new TestServer(reports, given);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(String pathAndQuery) {
        TestServer.Reply r = server.get(pathAndQuery);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static String refused(String pathAndQuery) {
        TestServer.Reply r = server.get(pathAndQuery);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        return r.json().get("error").asText();
    }

    @Test
    void theListHasTheGivenFilesThenTheReportsRunsByIdNeverByPath() {
        JsonNode list = ok("/api/models").get("models");
        List<String> ids = new ArrayList<>();
        list.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("model-1", "model-2", "model-3", "model-4", "run-cnn-seed7-0123456789ab",
                "run-cnn-seed8-0123456789ab", "run-damaged-seed1-0123456789ab", "run-huge-seed1-0123456789ab");
        assertThat(list.get(0).get("name").asText()).startsWith("lab-cnn.ckpt (");
        assertThat(list.get(0).get("origin").asText()).isEqualTo("--model");
        assertThat(list.get(4).get("name").asText())
                .isEqualTo("cnn seed 7, 2 epochs, test accuracy 81.2% (runs/cnn-seed7-0123456789ab.ckpt)");
        assertThat(list.get(4).get("origin").asText()).isEqualTo("report");
        assertThat(list.get(4).get("finished").asBoolean()).isTrue();
        assertThat(list.get(5).get("name").asText()).isEqualTo("unfinished run (runs/cnn-seed8-0123456789ab.ckpt)");
        assertThat(list.get(5).get("finished").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../mlp.ckpt", "run-..%2F..%2Fmodels%2Fmlp", "model-0", "model-9", "%2Fetc%2Fpasswd",
        "run-notes"})
    void anIdTheServerDidNotListIsA400WithOneLine(String id) {
        String error = refused("/api/models/equivariance?model=" + id);
        assertThat(error).startsWith("model: expected an id listed by /api/models, got '");
    }

    @Test
    void noModelIsA400() {
        assertThat(refused("/api/models/equivariance?position=3"))
                .isEqualTo("model: expected an id listed by /api/models, got 'nothing'");
        assertThat(refused("/api/models/equivariance?model=model-1&seed=3"))
                .startsWith("seed: unknown parameter; this page takes image, model, position");
    }

    @Test
    void anMlpIsRefusedWithItsLine() {
        assertThat(refused("/api/models/equivariance?model=model-4&position=5")).isEqualTo("model model-4: has no "
                + "convolutional feature extractor: no 2-D convolution comes before its first other layer, flatten "
                + "(Flatten); only a network that starts with convolutions (and ReLUs, pooling) can be shifted");
        assertThat(server.get("/api/models/equivariance.png?model=model-4").status()).isEqualTo(400);
    }

    @Test
    void aDamagedOrOversizedCheckpointIsRefusedWithItsLine() {
        assertThat(refused("/api/models/equivariance?model=run-damaged-seed1-0123456789ab"))
                .startsWith("model run-damaged-seed1-0123456789ab: ").contains("damaged-seed1-0123456789ab.ckpt");
        assertThat(refused("/api/models/equivariance?model=run-huge-seed1-0123456789ab"))
                .isEqualTo("model run-huge-seed1-0123456789ab: huge-seed1-0123456789ab.ckpt is 33554433 bytes; "
                        + "the explorer opens checkpoints of at most 33554432 bytes");
    }

    @Test
    void theLabsCnnIsExactlyEquivariantInItsInteriorAtEveryPosition() {
        JsonNode first = ok("/api/models/equivariance?model=model-1&image=3&position=0");
        assertThat(first.get("layers").toString()).isEqualTo("[\"conv1\",\"relu1\",\"conv2\",\"relu2\"]");
        assertThat(first.get("features").toString()).isEqualTo("[3,56,56]");
        assertThat(first.get("stride").toString()).isEqualTo("[1,1]");
        assertThat(first.get("margin").asInt()).isEqualTo(3);
        assertThat(first.get("errors").get("whole").asDouble()).isZero();
        for (int position : new int[] {1, 9, 24, 48}) {
            JsonNode p = ok("/api/models/equivariance?model=model-1&image=3&position=" + position);
            assertThat(p.get("aligned").asBoolean()).isTrue();
            assertThat(p.get("feature_shift").get(0).asInt()).isEqualTo(p.get("top").asInt());
            assertThat(p.get("errors").get("interior").asDouble()).as("position " + position).isLessThan(1e-6);
            assertThat(p.get("errors").get("whole").asDouble()).as("position " + position).isGreaterThan(1e-4);
        }
        assertThat(ok("/api/models/equivariance?model=model-1&image=3&position=9").get("note").asText())
                .isEqualTo("the shift (4, 8) is (4, 8) feature pixels at total stride 1");
    }

    @Test
    void poolingHalvesTheShiftAndTheSameRunFromTheReportGivesTheSameErrors() {
        JsonNode p = ok("/api/models/equivariance?model=model-2&image=5&position=9");
        assertThat(p.get("stride").toString()).isEqualTo("[2,2]");
        assertThat(p.get("margin").asInt()).isEqualTo(2);
        assertThat(p.get("features").toString()).isEqualTo("[3,28,28]");
        assertThat(p.get("feature_shift").toString()).isEqualTo("[2,4]");
        assertThat(p.get("errors").get("interior").asDouble()).isLessThan(1e-6);
        JsonNode run = ok("/api/models/equivariance?model=run-cnn-seed7-0123456789ab&image=5&position=9");
        assertThat(run.get("errors")).isEqualTo(p.get("errors"));
    }

    @Test
    void aShiftThatIsNotAMultipleOfTheStrideIsSaidNotMeasured() {
        JsonNode p = ok("/api/models/equivariance?model=model-3&position=1");
        assertThat(p.get("stride").toString()).isEqualTo("[8,8]");
        assertThat(p.get("aligned").asBoolean()).isFalse();
        assertThat(p.get("feature_shift").isNull()).isTrue();
        assertThat(p.get("errors").get("interior").isNull()).isTrue();
        assertThat(p.get("note").asText()).isEqualTo("the shift (0, 4) is not a multiple of the total stride 8: "
                + "the features have no shifted counterpart on their coarser grid, so no error is measured");
        JsonNode aligned = ok("/api/models/equivariance?model=model-3&position=16"); // top 8, left 8
        assertThat(aligned.get("feature_shift").toString()).isEqualTo("[1,1]");
        assertThat(aligned.get("errors").get("whole").isNumber()).isTrue();
    }

    @Test
    void theFeatureMapsAreTiledOnePerChannel() throws IOException {
        JsonNode p = ok("/api/models/equivariance?model=model-1&image=2&position=10");
        assertThat(p.get("image_url").asText()).isEqualTo("/api/models/equivariance.png?model=model-1&image=2&position=10");
        TestServer.Reply r = server.get(p.get("image_url").asText());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/png");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(3 * 56 + 2 * Png.GAP);
        assertThat(img.getHeight()).isEqualTo(56);
        assertThat(img.getRGB(56, 10) & 0xffffff).isEqualTo(Png.GAP_COLOUR);
        assertThat(server.log()).isEmpty();
    }
}
