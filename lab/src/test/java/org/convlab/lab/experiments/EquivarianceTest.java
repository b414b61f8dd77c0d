package org.convlab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.data.DataSet;
import org.convlab.lab.reporting.Figure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquivarianceTest {
    @TempDir
    static Path out;
    static Equivariance.Result result;

    @BeforeAll
    static void run() {
        DataSet d = LabFixtures.synthetic(28, 100, 20);
        result = Equivariance.run(LabFixtures.context(d, LabFixtures.tinySettings(), out), 0);
    }

    @Test
    void untrainedCnnIsEquivariantInTheInteriorToRounding() {
        assertThat(result.positions()).hasSize(49);
        assertThat(result.cnnInteriorMax()).isLessThan(1e-5);
    }

    @Test
    void untrainedMlpIsNotEquivariant() {
        assertThat(result.mlpInteriorMin()).isGreaterThan(0.1);
        assertThat(result.mlpInteriorMedian()).isGreaterThan(0.3);
    }

    @Test
    void subsamplingIsExactForEvenShiftsAndAliasedForOdd() {
        for (Equivariance.Alias a : result.aliasing()) {
            assertThat(a.plain()).isLessThan(1e-5);
            if (a.shift() % 2 == 0) {
                assertThat(a.pooled()).isLessThan(1e-5);
                assertThat(a.strided()).isLessThan(1e-5);
            } else {
                assertThat(a.pooled()).isGreaterThan(1e-3);
                assertThat(a.strided()).isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void writesItsFigures() {
        for (Figure f : result.figures()) {
            assertThat(out.resolve(f.file())).isRegularFile();
        }
        assertThat(result.figures()).extracting(Figure::file).contains("equivariance.gif", "equivariance-grid.png");
        System.out.println(result.findings());
    }
}
