package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An option that would change nothing is refused with one usage line naming it, before any
 * data is loaded: {@code --momentum} without {@code --optimizer momentum}, {@code --hidden}
 * without hidden layers, {@code --channels} without convolutions, {@code --image} and
 * {@code --sharing-*} on lab commands that do not run those experiments, and {@code --data}
 * spec keys that conflict or repeat.
 */
class NoEffectOptionsTableTest {
    private static final String DATA = "synthetic:train=1010,test=20";

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(of("--momentum", "train", "--momentum", "0.5"));
        c.add(of("--momentum", "train", "--optimizer", "sgd", "--momentum", "0.9"));
        c.add(of("--momentum", "train", "--optimizer", "adam", "--momentum", "0.9"));
        for (String model : List.of("cnn", "lc", "frozen-cnn", "frozen-conv1", "linear")) {
            c.add(of("--hidden", "train", "--model", model, "--hidden", "50"));
        }
        for (String model : List.of("mlp", "frozen-mlp", "linear")) {
            c.add(of("--channels", "train", "--model", model, "--channels", "8,4"));
        }
        for (String command : List.of("cnn-vs-mlp", "untrained-features", "frozen-cnn", "sharing")) {
            c.add(of("--image", command, "--image", "3"));
        }
        for (String command : List.of("cnn-vs-mlp", "untrained-features", "frozen-cnn", "equivariance")) {
            c.add(of("--sharing-train", command, "--sharing-train", "100"));
            c.add(of("--sharing-test", command, "--sharing-test", "100"));
            c.add(of("--sharing-seeds", command, "--sharing-seeds", "1"));
        }
        for (String spec : List.of("synthetic:grey,rgb", "synthetic:rgb,grey", "synthetic:rgb,colour",
                "synthetic:size=12,size=14", "synthetic:train=1010,train=2000", "synthetic:test=20,test=20",
                "synthetic:seed=1,seed=2", "synthetic:gray,grey")) {
            c.add(of("--data", "data", "--data", spec));
            c.add(of("--data", "train", "--data", spec));
        }
        return c.stream();
    }

    private static Arguments of(String culprit, String... args) {
        return Arguments.of(culprit, args);
    }

    @ParameterizedTest(name = "{index}: {0}: {1}")
    @MethodSource("cases")
    void anOptionWithNoEffectIsRefusedNamingIt(String culprit, String[] args) {
        Cli r = Cli.run(args);
        String shown = Arrays.toString(args);
        assertThat(r.exit()).as("exit of %s (stderr %s)", shown, r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout of %s", shown).isEmpty();
        assertThat(r.err().strip()).as("stderr of %s", shown).doesNotContain("\n").contains(culprit)
                .containsAnyOf("no effect", "conflict").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("meaningful")
    void theSameOptionsWhereTheyMatterAreAccepted(String[] args) {
        Cli r = Cli.run(args);
        assertThat(r.exit()).as("%s: %s", Arrays.toString(args), r.err()).isZero();
    }

    static Stream<Arguments> meaningful() {
        return Stream.of(
                Arguments.of((Object) new String[] {"data", "--data", "synthetic:rgb,size=12,train=1010,test=20,seed=3",
                    "--out", System.getProperty("java.io.tmpdir") + "/convlab-noeffect-" + ProcessHandle.current().pid()}),
                Arguments.of((Object) new String[] {"train", "--data", DATA, "--limit", "8", "--val", "1000",
                    "--model", "mlp", "--hidden", "4", "--optimizer", "momentum", "--momentum", "0.5", "--epochs", "1",
                    "--quiet", "--json"}),
                Arguments.of((Object) new String[] {"train", "--data", DATA, "--limit", "8", "--val", "1000",
                    "--model", "frozen-conv1", "--channels", "2,2", "--epochs", "1", "--quiet", "--json"}));
    }
}
