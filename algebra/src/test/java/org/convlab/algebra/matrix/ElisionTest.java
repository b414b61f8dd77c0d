package org.convlab.algebra.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.RandomGeometry;
import org.junit.jupiter.api.Test;

/** K printed with dots as the worksheet prints it: first rows, a dotted row, last rows. */
class ElisionTest {

    private static String elided(ConvMatrix k, MatrixFormat f, Elision e, boolean labels) {
        StringWriter s = new StringWriter();
        new MatrixWriter(k, null, labels).writeElided(f, e, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void worksheetLookInText() {
        ConvMatrix k = ConvMatrix.shared(ConvGeometry.builder().size(12).kernel(3).build());
        assertThat(elided(k, MatrixFormat.TEXT, Elision.WORKSHEET, false)).isEqualTo("""
                 k1  k2  k3 ...   0   0   0
                  0  k1  k2 ...   0   0   0
                  :   :   :       :   :   :
                  0   0   0 ...  k2  k3   0
                  0   0   0 ...  k1  k2  k3
                """);
    }

    @Test
    void worksheetLookInLatex() {
        ConvMatrix k = ConvMatrix.shared(ConvGeometry.builder().size(12).kernel(3).build());
        assertThat(elided(k, MatrixFormat.LATEX, new Elision(1, 2), false)).isEqualTo("""
                \\begin{bmatrix}
                k_{1} & k_{2} & \\cdots & 0 & 0 \\\\
                \\vdots & \\vdots & \\ddots & \\vdots & \\vdots \\\\
                0 & 0 & \\cdots & k_{2} & k_{3}
                \\end{bmatrix}
                """);
    }

    @Test
    void aMatrixTooSmallToHideAnythingIsPrintedWhole() {
        ConvMatrix k = ConvMatrix.shared(ConvGeometry.builder().size(5).kernel(3).build());
        String whole = new MatrixWriter(k, null, false).toString(MatrixFormat.TEXT);
        assertThat(elided(k, MatrixFormat.TEXT, Elision.WORKSHEET, false)).isEqualTo(whole);
    }

    @Test
    void aHugeMatrixIsPrintedFromItsCornersOnly() {
        // the worksheet's (h) layer: 508,032 x 196,608, far past the dense limit
        ConvMatrix k = ConvMatrix.shared(ConvGeometry.builder().inChannels(3).outChannels(32).size(256, 256)
                .kernel(5).stride(2).build());
        List<String> lines = elided(k, MatrixFormat.TEXT, Elision.WORKSHEET, true).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("y[1,1,1]      | k[1,1,1,1] k[1,1,1,2] k[1,1,1,3] ...");
        assertThat(lines.get(4)).startsWith("y[32,126,126] |");
    }

    @Test
    void refusesFormatsForPrograms() {
        ConvMatrix k = ConvMatrix.shared(ConvGeometry.builder().size(12).kernel(3).build());
        assertThatThrownBy(() -> elided(k, MatrixFormat.CSV, Elision.WORKSHEET, false))
                .hasMessageStartingWith("format: expected text or latex");
        assertThatThrownBy(() -> new Elision(0, 2)).hasMessageStartingWith("rows:");
    }

    /** Every kept cell is the cell of the whole matrix at the same row and column. */
    @Test
    void keptCellsAreTheWholeMatrixsCellsOnRandomGeometries() {
        int checked = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            ConvGeometry g = RandomGeometry.draw(rnd);
            ConvMatrix k = ConvMatrix.of(g, rnd.nextBoolean());
            if (k.denseEntries().longValueExact() <= 200_000) {
                compare(k, new Elision(1 + rnd.nextInt(3), 1 + rnd.nextInt(4)), g);
                checked++;
            }
        }
        assertThat(checked).as("geometries small enough to print whole").isGreaterThan(30);
    }

    private static void compare(ConvMatrix k, Elision e, ConvGeometry g) {
        List<String[]> whole = new MatrixWriter(k, null, false).toString(MatrixFormat.TEXT).lines()
                .map(l -> l.trim().split(" +")).toList();
        List<String[]> part = elided(k, MatrixFormat.TEXT, e, false).lines().map(l -> l.trim().split(" +")).toList();
        long[] rows = Elision.kept(k.rows(), e.rows());
        long[] cols = Elision.kept(k.cols(), e.cols());
        assertThat(part).hasSize(rows.length);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0) {
                assertThat(part.get(i)).containsOnly(":");
                continue;
            }
            String[] expected = Arrays.stream(cols).mapToObj(c -> c < 0 ? "..." : null).toArray(String[]::new);
            for (int c = 0; c < cols.length; c++) {
                if (cols[c] >= 0) {
                    expected[c] = whole.get((int) rows[i])[(int) cols[c]];
                }
            }
            assertThat(part.get(i)).as("row " + rows[i] + " of " + g).containsExactly(expected);
        }
    }
}
