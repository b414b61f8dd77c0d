package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.train.ModelKind;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five experiments on tiny data (12x12 glyphs, small channels, one epoch, one seed), all
 * sharing one context as in {@code reproduce}, asserting what holds by construction, then the
 * report they write.
 */
class ExperimentsTest {
    @TempDir
    static Path out;
    static LabContext ctx;
    static CnnVsMlp.Result cnnVsMlp;
    static Equivariance.Result equivariance;
    static UntrainedFeatures.Result features;
    static FrozenCnn.Result frozen;
    static Sharing.Result sharing;
    static Path page;

    @BeforeAll
    static void runAll() {
        DataSet d = LabFixtures.synthetic(12, 300, 100);
        ctx = LabFixtures.context(d, LabFixtures.tinySettings().withSharing(200, 60, 1), out);
        cnnVsMlp = CnnVsMlp.run(ctx);
        equivariance = Equivariance.run(ctx, 0);
        features = UntrainedFeatures.run(ctx);
        frozen = FrozenCnn.run(ctx);
        sharing = Sharing.run(ctx);
        page = LabReport.write(ctx, List.of(cnnVsMlp, equivariance, features, frozen, sharing), 1.0);
    }

    @Test
    void cnnVsMlpComparesTheCnnWithEachMlpWidth() {
        assertThat(cnnVsMlp.models()).extracting(ModelStats::id).containsExactly("cnn", "mlp-16", "mlp-64");
        assertThat(cnnVsMlp.models().get(0).params()).isEqualTo(
                ctx.settings().spec(ModelKind.CNN, 100).build(1, 12, 12, 10, new Rng(1)).parameterCount());
        assertThat(cnnVsMlp.models().get(2).params()).isGreaterThan(cnnVsMlp.models().get(1).params());
        assertThat(cnnVsMlp.runs()).hasSize(3);
        for (ModelStats m : cnnVsMlp.models()) {
            assertThat(m.test().mean()).isBetween(0.0, 1.0);
            assertThat(m.curveMean()).isNotEmpty().hasSameSizeAs(m.curveEpochs());
        }
        assertThat(cnnVsMlp.findings().get(0)).contains("CNN " + cnnVsMlp.models().get(0).test().percent());
    }

    @Test
    void untrainedCnnIsEquivariantInTheInteriorToRoundingAndTheMlpIsNot() {
        assertThat(equivariance.positions()).hasSize(49);
        assertThat(equivariance.cnnInteriorMax()).isLessThan(1e-5);
        assertThat(equivariance.mlpInteriorMin()).isGreaterThan(0.1);
        assertThat(equivariance.cnnWholeMax()).isGreaterThan(equivariance.cnnInteriorMax());
        Equivariance.Position first = equivariance.positions().get(0);
        assertThat(first.cnnWhole()).isZero();
        assertThat(first.mlpWhole()).isZero();
    }

    @Test
    void subsamplingIsExactForEvenShiftsAndAliasedForOddOnes() {
        assertThat(equivariance.aliasing()).hasSize(Equivariance.MAX_SHIFT + 1);
        for (Equivariance.Alias a : equivariance.aliasing()) {
            assertThat(a.plain()).isLessThan(1e-5);
            if (a.shift() % 2 == 0) {
                assertThat(a.pooled()).as("pooled, shift %d", a.shift()).isLessThan(1e-5);
                assertThat(a.strided()).as("strided, shift %d", a.shift()).isLessThan(1e-5);
            } else {
                assertThat(a.pooled()).as("pooled, shift %d", a.shift()).isGreaterThan(1e-3);
                assertThat(a.strided()).as("strided, shift %d", a.shift()).isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void untrainedFeatureMapsAreEquivariantPerLayer() {
        assertThat(features.layers()).hasSize(2);
        for (UntrainedFeatures.Layer l : features.layers()) {
            assertThat(l.interiorMax()).as(l.layer()).isLessThan(1e-5);
        }
        assertThat(features.layers().get(0).channels()).isEqualTo(4);
        assertThat(features.models()).extracting(ModelStats::id)
                .containsExactly("linear", "frozen-conv1", "frozen-cnn", "cnn");
        assertThat(features.models().get(0).params()).isEqualTo(12 * 12 * 10 + 10);
    }

    @Test
    void frozenCnnTrainsOnlyItsClassifierAndReusesTheSharedRuns() {
        ModelStats f = frozen.models().get(0);
        assertThat(f.id()).isEqualTo("frozen-cnn");
        assertThat(f.trainableParams()).isEqualTo(2 * 12 * 12 * 10 + 10);
        assertThat(f.params()).isGreaterThan(f.trainableParams());
        // The CNN of 2(a) and of 2(d) is one run: same numbers.
        assertThat(frozen.models().get(1).test()).isEqualTo(cnnVsMlp.models().get(0).test());
        assertThat(frozen.models()).extracting(ModelStats::id).endsWith("frozen-mlp-16", "linear");
    }

    @Test
    void locallyConnectedNetHasMoreParametersThanTheCnnAndTheSameOutputShape() {
        Sharing.Net cnn = sharing.nets().get(0);
        Sharing.Net lc = sharing.nets().get(1);
        assertThat(lc.params()).isGreaterThan(cnn.params());
        Sequential c = ctx.settings().spec(ModelKind.CNN, 100).build(1, 12, 12, 10, new Rng(7));
        Sequential l = ctx.settings().spec(ModelKind.LC, 100).build(1, 12, 12, 10, new Rng(7));
        Tensor x = Tensor.zeros(3, 1, 12, 12);
        assertThat(l.forward(x).shape()).isEqualTo(c.forward(x).shape());
        assertThat(l.output(2).shape()).isEqualTo(c.output(2).shape());
    }

    @Test
    void sharingMeasuresShiftedAccuracyAndFeatureEquivariance() {
        assertThat(sharing.trainImages()).isEqualTo(200);
        assertThat(sharing.testImages()).isEqualTo(60);
        for (Sharing.Net n : sharing.nets()) {
            assertThat(n.shifted()).hasSize(Sharing.MAX_SHIFT + 1);
            assertThat(n.shifted().get(0)).isEqualTo(n.test().mean());
        }
        assertThat(sharing.nets().get(0).featureError()).isLessThan(1e-5);
        assertThat(sharing.nets().get(1).featureError()).isGreaterThan(1e-3);
        assertThat(sharing.nets().get(2).featureError()).isNaN();
        // One seed: the report says so instead of showing a spread it does not have.
        assertThat(sharing.seeds()).containsExactly(7L);
        assertThat(sharing.findings().get(1)).contains("after training on 200 images, testing on 60 (one run, seed 7,"
                + " so no spread)");
        assertThat(sharing.answer()).contains("One run per network (seed 7)");
    }

    @Test
    void aNetNearChanceIsNamedSoItsSmallLossUnderShiftsIsNotReadAsRobustness() {
        assertThat(Sharing.nearChance(0.065, 10)).isTrue();
        assertThat(Sharing.nearChance(0.149, 10)).isTrue();
        assertThat(Sharing.nearChance(0.15, 10)).isFalse();
        assertThat(Sharing.nearChance(0.40, 2)).isTrue();
        List<Sharing.Net> nets = List.of(net("CNN", 0.47), net("MLP-100", 0.065));
        assertThat(Sharing.chanceNote(nets, 10)).isEqualTo(" Near chance (guessing gives 10.0%): MLP-100 6.5%; with"
                + " nothing learned there is nothing to lose, so a small loss under shifts is not robustness.");
        assertThat(Sharing.chanceNote(List.of(net("CNN", 0.47), net("MLP-100", 0.7)), 10)).isEmpty();
        assertThat(Sharing.seedNote(List.of(7L, 8L))).isEqualTo("mean ± sd over seeds [7, 8]");
    }

    private static Sharing.Net net(String title, double accuracy) {
        return new Sharing.Net(title.toLowerCase(java.util.Locale.ROOT), title, 1000, Stats.of(List.of(accuracy)),
                List.of(accuracy, accuracy), Double.NaN, 1, 1);
    }

    @Test
    void randomConv1PlusConv2FeaturesBelowThePixelsAreSaidToBeBelow() {
        assertThat(UntrainedFeatures.otherProbe(true, probe(0.739), probe(0.782))).isEqualTo(". On conv1+conv2"
                + " features it reaches 73.9%, 4.3 points below the pixels: a second random layer does not help here");
        assertThat(UntrainedFeatures.otherProbe(true, probe(0.80), probe(0.782)))
                .isEqualTo(". On conv1+conv2 features it reaches 80.0%");
        assertThat(UntrainedFeatures.otherProbe(false, probe(0.80), probe(0.782))).isEmpty();
    }

    @Test
    void whenABiggerMlpWinsTheExplanationIsOnlyForTheMlpOfTheCnnsSize() {
        List<ModelStats> models = List.of(model("CNN", 130_906, 0.488), model("MLP-100", 89_610, 0.166),
                model("MLP-4000", 19_184_010, 0.566));
        String a = CnnVsMlp.answer(models, "MLP-4000");
        assertThat(a).contains("The MLP-4000 scores highest.", "Why the CNN beats the MLP-100: the CNN's inductive")
                .doesNotContain("Why: ");
        assertThat(CnnVsMlp.answer(models.subList(0, 2), "CNN")).contains("The CNN performs best", "Why: the CNN's");
    }

    private static ModelStats model(String title, long params, double accuracy) {
        Stats s = Stats.of(List.of(accuracy));
        return new ModelStats(title.toLowerCase(java.util.Locale.ROOT), title, params, params, s, s, 1, 1, List.of(),
                List.of(), List.of());
    }

    private static ModelStats probe(double accuracy) {
        Stats s = Stats.of(List.of(accuracy));
        return new ModelStats("p", "p", 10, 10, s, s, 1, 1, List.of(), List.of(), List.of());
    }

    @Test
    void theDifferenceFigureSaysWhereTheCnnsDifferencesAre() {
        Figure diff = equivariance.figures().stream().filter(f -> f.file().equals("equivariance-difference.png"))
                .findFirst().orElseThrow();
        assertThat(diff.caption()).contains("where the shift fills in zeros", "over the interior the error is "
                + Fmt.sci(equivariance.positions().get(equivariance.positions().size() - 1).cnnInterior()));
    }

    @Test
    void everyFigureIsWrittenAndThePageLinksOnlyToFilesThatExist() throws Exception {
        for (ExperimentResult r : List.of(cnnVsMlp, equivariance, features, frozen, sharing)) {
            assertThat(r.figures()).as(r.name()).isNotEmpty();
            for (Figure f : r.figures()) {
                assertThat(out.resolve(f.file())).isRegularFile();
            }
            assertThat(r.findings()).isNotEmpty();
            assertThat(r.answer()).isNotBlank();
        }
        String html = Files.readString(page);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            links++;
            assertThat(m.group(1)).doesNotContain("://");
            assertThat(out.resolve(m.group(1))).as(m.group(1)).isRegularFile();
        }
        assertThat(links).isGreaterThanOrEqualTo(12);
        assertThat(html).doesNotContain("<script").contains("equivariance.gif");
    }

    @Test
    void resultsJsonParsesAndHasEveryExperiment() throws Exception {
        JsonNode root = LabJson.mapper().readTree(out.resolve(LabReport.RESULTS).toFile());
        assertThat(root.has("run")).isTrue();
        assertThat(root.get("run").get("synthetic").asBoolean()).isTrue();
        JsonNode ex = root.get("experiments");
        for (String name : List.of("cnn-vs-mlp", "equivariance", "untrained-features", "frozen-cnn", "sharing")) {
            assertThat(ex.has(name)).as(name).isTrue();
            assertThat(ex.get(name).get("findings").size()).isPositive();
        }
        assertThat(ex.get("cnn-vs-mlp").get("models").get(0).get("test").get("mean").asDouble())
                .isEqualTo(cnnVsMlp.models().get(0).test().mean());
        assertThat(ex.get("equivariance").get("cnn_interior_max").isNumber()).isTrue();
        assertThat(root.get("summary").get("rows").size()).isEqualTo(5);
    }
}
