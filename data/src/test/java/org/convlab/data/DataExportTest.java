package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataExportTest {
    @TempDir
    Path dir;

    @Test
    void greyExportLoadsBackAsTheSameSplits() {
        LoadOptions opts = LoadOptions.defaults().withValidation(40);
        DataSet d = DataSets.load(DataSpec.parse("synthetic:train=240,test=60,seed=4"), opts);
        assertThat(DataExport.write(d, dir.resolve("idx"))).hasSize(4);
        DataSet back = DataSets.load(DataSpec.parse("idx:" + dir.resolve("idx")), opts);
        assertSameImages(back.train(), d.train());
        assertSameImages(back.validation(), d.validation());
        assertSameImages(back.test(), d.test());
    }

    @Test
    void rgbExportIsCifarBatches() {
        LoadOptions opts = LoadOptions.defaults().withValidation(7);
        DataSet d = DataSets.load(DataSpec.parse("synthetic:rgb,train=53,test=9"), opts);
        assertThat(DataExport.write(d, dir)).hasSize(6);
        DataSet back = DataSets.load(DataSpec.parse("cifar10:" + dir), opts);
        assertSameImages(back.train(), d.train());
        assertSameImages(back.validation(), d.validation());
        assertSameImages(back.test(), d.test());
        assertThat(back.classNames().get(0)).isEqualTo("airplane"); // CIFAR-10 names: the format has no names
    }

    @Test
    void otherShapesCannotBeExported() {
        DataSet d = DataSets.load(DataSpec.parse("synthetic:rgb,size=20,train=30,test=5"),
                LoadOptions.defaults().withValidation(5));
        assertThatThrownBy(() -> DataExport.write(d, dir)).hasMessageStartingWith("dataSet: expected grey images");
    }

    private static void assertSameImages(ImageSet a, ImageSet b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.image(i)).isEqualTo(b.image(i));
            assertThat(a.label(i)).isEqualTo(b.label(i));
        }
    }
}
