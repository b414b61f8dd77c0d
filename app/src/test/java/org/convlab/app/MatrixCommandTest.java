package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixCommandTest {
    @Test
    void worksheetMatrixAlignedLikeTheWorksheet() {
        Cli r = Cli.run("matrix", "--input", "9", "--kernel", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("K: 7 x 9").contains("\nk1 k2 k3  0  0  0  0  0  0\n")
                .endsWith(" 0  0  0  0  0  0 k1 k2 k3\n");
    }

    @Test
    void unsharedHasK1ToK21() {
        Cli r = Cli.run("matrix", "--input", "9", "--kernel", "3", "--unshared");
        assertThat(r.out()).contains("weights, all windows x taps 21; weights touching real inputs 21, named k1..k21").contains("  0   0   0   0   0   0 k19 k20 k21");
    }

    /** The CSV contract: numeric K, one row per line, comma-separated, nothing else; K x is the convolution. */
    @Test
    void numericCsvIsOnlyTheMatrix() {
        // 2-D 3x3 input, 2x2 kernel [[1,2],[3,4]]: y[1,1] = x11 + 2 x12 + 3 x21 + 4 x22
        Cli r = Cli.run("matrix", "--input", "3x3", "--kernel", "2", "--weights", "1,2,3,4", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).containsExactly("1,2,0,3,4,0,0,0,0", "0,1,2,0,3,4,0,0,0", "0,0,0,1,2,0,3,4,0",
                "0,0,0,0,1,2,0,3,4");
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = lines.stream().mapToDouble(l -> {
            double[] row = Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray();
            double s = 0;
            for (int i = 0; i < row.length; i++) {
                s += row[i] * x[i];
            }
            return s;
        }).toArray();
        // direct: y11 = 1*1 + 2*2 + 3*4 + 4*5 = 37, each step right +10, each step down +30
        assertThat(y).containsExactly(37, 47, 67, 77);
    }

    @Test
    void latexCooAndJson() throws Exception {
        Cli tex = Cli.run("matrix", "--input", "4", "--kernel", "2", "--format", "latex");
        assertThat(tex.out()).isEqualTo("\\begin{bmatrix}\nk_{1} & k_{2} & 0 & 0 \\\\\n0 & k_{1} & k_{2} & 0 \\\\\n"
                + "0 & 0 & k_{1} & k_{2}\n\\end{bmatrix}\n");
        Cli coo = Cli.run("matrix", "--input", "4", "--kernel", "2", "--weights", "0.5,-1", "--format", "coo");
        assertThat(coo.out().lines()).startsWith("row,col,value", "0,0,0.5", "0,1,-1").hasSize(7);
        Cli json = Cli.run("matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "2", "--stride", "50",
                "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode n = Json.mapper().readTree(json.out());
        // 2 filters x 6 x 6 outputs, 75 taps each
        assertThat(n.get("rows").asLong()).isEqualTo(72);
        assertThat(n.get("cols").asLong()).isEqualTo(196_608);
        assertThat(n.get("nnz").asLong()).isEqualTo(72 * 75);
        assertThat(n.get("entries").get(0).toString()).isEqualTo("[0,0,\"k[1,1,1,1]\"]");
        Cli dense = Cli.run("matrix", "--input", "3", "--kernel", "2", "--weights", "1,2", "--format", "json",
                "--dense");
        assertThat(Json.mapper().readTree(dense.out()).get("dense").toString()).isEqualTo("[[1.0,2.0,0.0],[0.0,1.0,2.0]]");
    }

    @Test
    void tooLargeForDenseNamesTheSizeAndTheSparseFormats() {
        Cli r = Cli.run("matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("508,032 x 196,608 = 99,883,155,456 entries").contains("--format coo");
    }

    @Test
    void elidePrintsTheCornersOfAnyK() {
        Cli r = Cli.run("matrix", "--input", "3x256x256", "--kernel", "5", "--filters", "32", "--stride", "2",
                "--elide");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("K: 508032 x 196608").contains("y[1,1,1]      | k[1,1,1,1] k[1,1,1,2]");
        Cli small = Cli.run("matrix", "--input", "12", "--kernel", "3", "--elide", "1x2", "--format", "latex");
        assertThat(small.out()).contains("\\vdots & \\vdots & \\ddots");
        Cli csv = Cli.run("matrix", "--input", "12", "--kernel", "3", "--elide", "--format", "csv");
        assertThat(csv.exit()).isEqualTo(2);
        assertThat(csv.err()).startsWith("convlab matrix: --elide: only with --format text or latex");
        Cli bad = Cli.run("matrix", "--input", "12", "--kernel", "3", "--elide", "0x2");
        assertThat(bad.err().strip()).isEqualTo("convlab matrix: --elide: expected rows and columns kept at each "
                + "end, like 2x3 or 2 (positive integers), got '0x2'");
    }
}
