package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.convlab.lab.equivariance.EquivarianceError;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.EquivarianceCnn;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/images}, {@code /api/equivariance} and its PNGs through a real HTTP client. */
class EquivarianceApiTest {
    @TempDir
    static Path reports;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(reports);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode eq(String query) {
        TestServer.Reply r = server.get("/api/equivariance?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static BufferedImage png(String url) throws IOException {
        TestServer.Reply r = server.get(url);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void theCatalogueNamesTheSourceAndItsExamples() {
        JsonNode c = server.get("/api/images").json();
        assertThat(c.get("size").asInt()).isEqualTo(40);
        assertThat(c.get("positions").asInt()).isEqualTo(49);
        assertThat(c.get("description").asText())
                .startsWith("synthetic glyphs, test split (40 images of 1x28x28; synthetic glyphs, generated (seed 1))");
        assertThat(c.get("examples")).hasSize(10);
        assertThat(c.get("examples").get(0).get("name").asText()).isEqualTo("ring");
        assertThat(c.get("examples").get(3).get("name").asText()).isEqualTo("plus");
        assertThat(c.get("examples").get(3).get("index").asInt()).isEqualTo(3);
    }

    @Test
    void positionsRunRowByRowInStepsOfFour() {
        assertThat(eq("position=0").get("top").asInt()).isZero();
        JsonNode p = eq("position=12");
        assertThat(p.get("top").asInt()).isEqualTo(4);
        assertThat(p.get("left").asInt()).isEqualTo(20);
        JsonNode last = eq("position=48");
        assertThat(last.get("top").asInt()).isEqualTo(24);
        assertThat(last.get("left").asInt()).isEqualTo(24);
    }

    @Test
    void theFirstPositionHasNoErrorAndTheImagesAreTheCanvas() throws IOException {
        JsonNode p = eq("image=1&seed=3&position=0");
        assertThat(p.get("errors").get("cnn").get("whole").asDouble()).isZero();
        assertThat(p.get("errors").get("mlp").get("interior").asDouble()).isZero();
        assertThat(p.get("label").asText()).isEqualTo("disc");
        BufferedImage input = png(p.get("images").get("input").asText());
        assertThat(input.getWidth()).isEqualTo(56);
        assertThat(input.getHeight()).isEqualTo(56);
        // the glyph is in the top-left 28 x 28 and is the data set's image; the rest of the canvas is black
        float[] image = TestServer.IMAGES.image(1);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int grey = input.getRGB(x, y) & 0xff;
                int expected = y < 28 && x < 28 ? Math.round(255 * image[y * 28 + x]) : 0;
                assertThat(grey).as("pixel (%d, %d)", y, x).isEqualTo(expected);
            }
        }
    }

    /** The notebook's finding, measured: the CNN commutes with the shift away from borders, the MLP does not. */
    @ParameterizedTest
    @CsvSource({"0,7,1", "0,7,24", "1,7,48", "2,11,30", "3,0,6"})
    void theCnnIsEquivariantInTheInteriorAndTheMlpIsNot(int image, long seed, int position) {
        JsonNode p = eq("image=" + image + "&seed=" + seed + "&position=" + position);
        JsonNode cnn = p.get("errors").get("cnn");
        JsonNode mlp = p.get("errors").get("mlp");
        assertThat(cnn.get("interior").asDouble()).as("CNN interior error").isLessThan(1e-5);
        assertThat(mlp.get("interior").asDouble()).as("MLP interior error").isGreaterThan(0.3);
        assertThat(mlp.get("whole").asDouble()).isGreaterThan(cnn.get("whole").asDouble());
        assertThat(p.get("margin").asInt()).isEqualTo(3);
    }

    @Test
    void theCnnErrorAgreesWithTheMetricOnTheServedResults() {
        EquivarianceService.Result base = server.server().equivariance().result(0, 7, 0);
        EquivarianceService.Result moved = server.server().equivariance().result(0, 7, 9);
        assertThat(moved.top()).isEqualTo(4);
        assertThat(moved.left()).isEqualTo(8);
        // the content moved by (4, 8): in the interior, output pixel (30, 30) equals base pixel (26, 22)
        assertThat(moved.cnn()[30 * 56 + 30]).isEqualTo(base.cnn()[26 * 56 + 22]);
        EquivarianceError.Result e = EquivarianceError.measure(Tensor.wrap(base.cnn(), 1, 56, 56),
                Tensor.wrap(moved.cnn(), 1, 56, 56), 4, 8, 3);
        assertThat(moved.cnnInterior()).isEqualTo(e.interior());
        assertThat(moved.cnnWhole()).isEqualTo(e.whole());
        assertThat(moved.input()[4 * 56 + 8 + 13 * 56 + 13]).isEqualTo(base.input()[13 * 56 + 13]);
    }

    @Test
    void theInteriorMarginIsTheReceptiveRadiusOfTheCnn() {
        EquivarianceCnn cnn = new EquivarianceCnn(new Rng(7));
        assertThat(EquivarianceError.receptiveRadius(cnn, cnn.size() - 1, 56, 56)).isEqualTo(EquivarianceService.MARGIN);
    }

    @Test
    void imagesChangeWithThePositionAndTheSeed() throws IOException {
        BufferedImage a = png("/api/equivariance/cnn.png?image=0&seed=7&position=0");
        BufferedImage b = png("/api/equivariance/cnn.png?image=0&seed=7&position=20");
        BufferedImage c = png("/api/equivariance/mlp.png?image=0&seed=8&position=20");
        BufferedImage d = png("/api/equivariance/mlp.png?image=0&seed=9&position=20");
        assertThat(pixels(a)).isNotEqualTo(pixels(b));
        assertThat(pixels(c)).isNotEqualTo(pixels(d));
        assertThat(pixels(png("/api/equivariance/cnn.png?image=0&seed=7&position=20"))).isEqualTo(pixels(b));
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/equivariance?position=49           | 400 | position: expected an integer from 0 to 48, got '49'",
        "/api/equivariance?position=-1           | 400 | position: expected an integer from 0 to 48, got '-1'",
        "/api/equivariance?position=1.5          | 400 | position: expected an integer from 0 to 48, got '1.5'",
        "/api/equivariance?seed=-1               | 400 | seed: expected an integer from 0 to 2147483647, got '-1'",
        "/api/equivariance?seed=99999999999      | 400 | seed: expected an integer from 0 to 2147483647, got '99999999999'",
        "/api/equivariance?seed=NaN              | 400 | seed: expected an integer from 0 to 2147483647, got 'NaN'",
        "/api/equivariance?image=40              | 400 | image: expected an integer from 0 to 39, got '40'",
        "/api/equivariance?imgae=1               | 400 | imgae: unknown parameter; this page takes image, position, seed",
        "/api/equivariance/weights.png           | 404 | not found: /api/equivariance/weights.png (the images are input.png, cnn.png and mlp.png)",
        "/api/equivariance/cnn.gif               | 404 | not found: /api/equivariance/cnn.gif",
        "/api/equivariance/cnn.png?position=77   | 400 | position: expected an integer from 0 to 48, got '77'",
    })
    void badRequestsGetOneLineOfJson(String url, int status, String message) {
        TestServer.Reply r = server.get(url.trim());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).startsWith(message.trim());
        assertThat(server.log()).isEmpty();
    }

    @Test
    void theDefaultSeedIsTheNotebooks() {
        assertThat(eq("").get("seed").asLong()).isEqualTo(7);
        assertThat(Arrays.asList(eq("").get("images").get("cnn").asText().split("[?&]"))).contains("seed=7");
    }
}
