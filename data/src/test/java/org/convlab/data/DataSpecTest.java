package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.convlab.core.BadParameterException;
import org.convlab.data.synthetic.SyntheticOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSpecTest {
    @ParameterizedTest
    @CsvSource({
        "auto, AUTO, ",
        "AUTO, AUTO, ",
        "fashion-mnist, FASHION_MNIST, ",
        "fashion-mnist:/data/fm, FASHION_MNIST, /data/fm",
        "mnist:/data/mnist, MNIST, /data/mnist",
        "kmnist:rel/dir, KMNIST, rel/dir",
        "idx:/x, IDX, /x",
        "cifar10:/c, CIFAR10, /c",
        "cifar-10:/c, CIFAR10, /c",
        "synthetic, SYNTHETIC, ",
    })
    void kindsAndDirectories(String text, DataSpec.Kind kind, String dir) {
        DataSpec s = DataSpec.parse(text);
        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.dir()).isEqualTo(dir == null ? null : Path.of(dir));
    }

    @Test
    void syntheticOptions() {
        SyntheticOptions d = DataSpec.parse("synthetic").synthetic();
        assertThat(d).isEqualTo(new SyntheticOptions(1, 28, 21_000, 4_000, 1));
        SyntheticOptions rgb = DataSpec.parse("synthetic:rgb").synthetic();
        assertThat(rgb).isEqualTo(new SyntheticOptions(3, 32, 21_000, 4_000, 1));
        SyntheticOptions all = DataSpec.parse("synthetic: RGB , size=20, train=500,test=100,seed=-3").synthetic();
        assertThat(all).isEqualTo(new SyntheticOptions(3, 20, 500, 100, -3));
        assertThat(DataSpec.parse("synthetic:train=500,test=100,seed=-3,size=20,rgb").toString())
                .isEqualTo("synthetic:rgb,size=20,train=500,test=100,seed=-3");
        assertThat(DataSpec.parse(all.spec()).synthetic()).isEqualTo(all);
    }

    @Test
    void homeDirectoryIsExpanded() {
        assertThat(DataSpec.parse("mnist:~/m").dir()).isEqualTo(Path.of(System.getProperty("user.home"), "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "imagenet", "mnist", "mnist:", "kmnist: ", "idx", "cifar10", "auto:x",
        "synthetic:rgb,", "synthetic:size=8", "synthetic:size=257", "synthetic:train=0", "synthetic:test=-1",
        "synthetic:train=abc", "synthetic:seed=", "synthetic:grey=1", "synthetic:train", "synthetic:blue",
        "synthetic:train=99999999999", "synthetic:rgb,size=256,train=1000000"})
    void badSpecsNameTheOption(String text) {
        assertThatThrownBy(() -> DataSpec.parse(text))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("dataSpec: ");
    }

    @Test
    void unknownKindListsTheChoices() {
        assertThatThrownBy(() -> DataSpec.parse("imagenet"))
                .hasMessage("dataSpec: expected " + DataSpec.SYNTAX + ", got 'imagenet'");
        assertThatThrownBy(() -> DataSpec.parse("mnist"))
                .hasMessage("dataSpec: expected mnist:DIR, the directory with the four IDX files, got 'mnist'");
    }
}
