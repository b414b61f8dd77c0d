package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    static final String[] TINY = {"--data", "synthetic:size=12,train=300,test=100", "--val", "100", "--eval-every", "2"};

    @TempDir
    Path dir;

    /** {@code train}, the tiny data, small layers ({@code --hidden} for an MLP, else {@code --channels}), then {@code more}. */
    static String[] args(String... more) {
        boolean mlp = java.util.Arrays.asList(more).contains("mlp");
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("train"));
        a.addAll(java.util.List.of(TINY));
        a.addAll(mlp ? java.util.List.of("--hidden", "16") : java.util.List.of("--channels", "4,2"));
        a.addAll(java.util.List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void jsonHasTheContractKeysAndNothingElseOnStandardOutput() throws Exception {
        Cli r = Cli.run(args("--model", "cnn", "--epochs", "2", "--json", "--quiet"));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("model").asText()).isEqualTo("cnn");
        assertThat(j.get("params").asLong()).isEqualTo(4 * 25 + 4 + 2 * 4 * 9 + 2 + 2 * 144 * 10 + 10);
        assertThat(j.get("val_accuracy").size()).isEqualTo(2);
        assertThat(j.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("seconds").asDouble()).isPositive();
        assertThat(j.get("curve").size()).isGreaterThan(2);
        assertThat(j.get("data").get("synthetic").asBoolean()).isTrue();
    }

    @Test
    void textShowsEpochsTestAccuracyAndPlainProgressOnStandardError() {
        Cli r = Cli.run(args("--model", "mlp", "--epochs", "1"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 1/1  val accuracy", "test accuracy", "MLP-16 (hidden 16): 2,762 parameters");
        assertThat(r.err()).contains("mlp-16 seed 7  epoch 1/1  iter 2/4");
    }

    @Test
    void saveThenResumeContinuesToTheSameResult() throws Exception {
        Path ckpt = dir.resolve("run.ckpt");
        Cli whole = Cli.run(args("--model", "cnn", "--epochs", "2", "--json", "--quiet"));
        Cli first = Cli.run(args("--model", "cnn", "--epochs", "1", "--save", ckpt.toString(), "--quiet"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("saved      " + ckpt);
        Cli rest = Cli.run(args("--model", "cnn", "--epochs", "2", "--resume", ckpt.toString(), "--json", "--quiet"));
        assertThat(rest.exit()).as(rest.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(rest.out()).get("val_accuracy")).isEqualTo(m.readTree(whole.out()).get("val_accuracy"));
        assertThat(m.readTree(rest.out()).get("test_accuracy")).isEqualTo(m.readTree(whole.out()).get("test_accuracy"));
    }

    @Test
    void aDivergingRunExitsWithOneLineNamingStepAndLayer() {
        Cli r = Cli.run(args("--model", "mlp", "--lr", "1e30", "--quiet"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("convlab train: training diverged at step ")
                .contains("first layer with a non-finite output: fc").doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void badArgumentsExitTwoNamingTheOption() {
        assertThat(Cli.run(args("--model", "resnet")).err()).contains("--model: expected one of cnn, mlp");
        assertThat(Cli.run(args("--model", "resnet")).exit()).isEqualTo(2);
        assertThat(Cli.run(args("--epochs", "0")).err()).contains("--epochs");
        assertThat(Cli.run(args("--optimizer", "rmsprop")).err()).contains("--optimizer");
        assertThat(Cli.run(args("--channels", "4")).err()).contains("--channels");
        assertThat(Cli.run(args("--threads", "0")).err()).contains("--threads");
        Cli missing = Cli.run(args("--resume", dir.resolve("none.ckpt").toString()));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("--resume");
    }
}
