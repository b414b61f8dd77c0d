package org.convlab.algebra.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convlab.algebra.Close.F64;
import static org.convlab.algebra.Close.assertClose;

import java.util.Random;
import java.util.stream.IntStream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.DirectConv;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.algebra.RandomGeometry;
import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** K against the direct convolution: hand cases, a random sweep, the edges. */
class ConvMatrixTest {

    private static ConvGeometry conv1d(int n, int k, String padding, PaddingMode mode) {
        return ConvGeometry.builder().size(n).kernel(k).padding(Padding.parse(padding, 1)).paddingMode(mode).build();
    }

    @Test
    void worksheetToeplitzSevenByNine() {
        ConvMatrix k = ConvMatrix.shared(conv1d(9, 3, "valid", PaddingMode.ZEROS));
        String text = new MatrixWriter(k, null, false).toString(MatrixFormat.TEXT);
        assertThat(text.lines()).containsExactly(
                "k1 k2 k3  0  0  0  0  0  0",
                " 0 k1 k2 k3  0  0  0  0  0",
                " 0  0 k1 k2 k3  0  0  0  0",
                " 0  0  0 k1 k2 k3  0  0  0",
                " 0  0  0  0 k1 k2 k3  0  0",
                " 0  0  0  0  0 k1 k2 k3  0",
                " 0  0  0  0  0  0 k1 k2 k3");
        assertThat(k.rows()).isEqualTo(7);
        assertThat(k.cols()).isEqualTo(9);
        assertThat(k.nonZeros()).isEqualTo(21);
    }

    @Test
    void worksheetSamePaddingAddsAFirstAndALastRow() {
        ConvMatrix k = ConvMatrix.shared(conv1d(9, 3, "same", PaddingMode.ZEROS));
        var lines = new MatrixWriter(k, null, false).toString(MatrixFormat.TEXT).lines().toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("k2 k3  0  0  0  0  0  0  0");
        assertThat(lines.get(8)).isEqualTo(" 0  0  0  0  0  0  0 k1 k2");
    }

    @Test
    void worksheetUnsharedHasTwentyOneWeights() {
        ConvMatrix k = ConvMatrix.unshared(conv1d(9, 3, "valid", PaddingMode.ZEROS));
        assertThat(k.weightCount()).isEqualTo(21);
        var lines = new MatrixWriter(k, null, false).toString(MatrixFormat.TEXT).lines().toList();
        assertThat(lines.get(0)).isEqualTo(" k1  k2  k3   0   0   0   0   0   0");
        assertThat(lines.get(6)).isEqualTo("  0   0   0   0   0   0 k19 k20 k21");
    }

    @Test
    void unsharedSkipsTapsOnPaddedZerosButKeepsReflectedOnes() {
        assertThat(ConvMatrix.unshared(conv1d(9, 3, "same", PaddingMode.ZEROS)).weightCount()).isEqualTo(25);
        ConvMatrix reflect = ConvMatrix.unshared(conv1d(9, 3, "same", PaddingMode.REFLECT));
        assertThat(reflect.weightCount()).isEqualTo(27);
        // y1 reads x2 x1 x2: its first and third weights land on x2
        assertThat(new MatrixWriter(reflect, null, false).toString(MatrixFormat.CSV).lines().findFirst().orElseThrow())
                .isEqualTo("k2,k1+k3,0,0,0,0,0,0,0");
    }

    @Test
    void reflectSumsTwoTapsOnOneInput() {
        ConvMatrix k = ConvMatrix.shared(conv1d(4, 3, "1", PaddingMode.REFLECT));
        String csv = new MatrixWriter(k, null, false).toString(MatrixFormat.CSV);
        assertThat(csv.lines()).containsExactly("k2,k1+k3,0,0", "k1,k2,k3,0", "0,k1,k2,k3", "0,0,k1+k3,k2");
        String numeric = new MatrixWriter(k, new double[] {1, 10, 100}, false).toString(MatrixFormat.CSV);
        assertThat(numeric.lines().findFirst().orElseThrow()).isEqualTo("10,101,0,0");
    }

    @Test
    void circularWrapsAround() {
        ConvMatrix k = ConvMatrix.shared(conv1d(4, 3, "1", PaddingMode.CIRCULAR));
        assertThat(new MatrixWriter(k, null, false).toString(MatrixFormat.CSV).lines())
                .containsExactly("k2,k3,0,k1", "k1,k2,k3,0", "0,k1,k2,k3", "k3,0,k1,k2");
    }

    @Test
    void twoChannelTwoDimensionalIsDoublyBlockToeplitz() {
        // 2 input channels of 3x3, 1 filter 2x2 -> 1 x 2 x 2; columns (c, h, w)
        ConvGeometry g = ConvGeometry.builder().inChannels(2).size(3, 3).kernel(2).build();
        ConvMatrix k = ConvMatrix.shared(g);
        var rows = new MatrixWriter(k, null, false).toString(MatrixFormat.CSV).lines().toList();
        assertThat(rows.get(0)).isEqualTo(
                "k[1,1,1],k[1,1,2],0,k[1,2,1],k[1,2,2],0,0,0,0,k[2,1,1],k[2,1,2],0,k[2,2,1],k[2,2,2],0,0,0,0");
        assertThat(rows.get(3)).isEqualTo(
                "0,0,0,0,k[1,1,1],k[1,1,2],0,k[1,2,1],k[1,2,2],0,0,0,0,k[2,1,1],k[2,1,2],0,k[2,2,1],k[2,2,2]");
    }

    @Test
    void groupsKeepChannelsApart() {
        // 2 channels, 2 groups (depthwise), kernel 1: K is diagonal with k[1] on channel 1, k[2] on channel 2
        ConvGeometry g = ConvGeometry.builder().inChannels(2).outChannels(2).groups(2).size(2).kernel(1).build();
        var rows = new MatrixWriter(ConvMatrix.shared(g), null, false).toString(MatrixFormat.CSV).lines().toList();
        assertThat(rows).containsExactly("k[1,1],0,0,0", "0,k[1,1],0,0", "0,0,k[2,1],0", "0,0,0,k[2,1]");
    }

    @Test
    void latexIsABmatrixWithEnoughColumns() {
        String tex = new MatrixWriter(ConvMatrix.shared(conv1d(12, 3, "valid", PaddingMode.ZEROS)), null, false)
                .toString(MatrixFormat.LATEX);
        assertThat(tex).startsWith("\\setcounter{MaxMatrixCols}{12}\n\\begin{bmatrix}\n"
                + "k_{1} & k_{2} & k_{3} & 0 & 0 & 0 & 0 & 0 & 0 & 0 & 0 & 0 \\\\\n").endsWith("\\end{bmatrix}\n");
    }

    @Test
    void cooListsTheNonZerosZeroBased() {
        String coo = new MatrixWriter(ConvMatrix.shared(conv1d(3, 2, "valid", PaddingMode.ZEROS)),
                new double[] {0.5, -2}, false).toString(MatrixFormat.COO);
        assertThat(coo.lines()).containsExactly("row,col,value", "0,0,0.5", "0,1,-2", "1,1,0.5", "1,2,-2");
    }

    @Test
    void denseOverTenMillionEntriesIsRefusedWithItsSize() {
        ConvGeometry g = ConvGeometry.builder().inChannels(3).outChannels(32).size(256, 256).kernel(5).stride(2)
                .build();
        ConvMatrix k = ConvMatrix.shared(g);
        assertThatThrownBy(() -> new MatrixWriter(k, null, false).write(MatrixFormat.TEXT,
                new java.io.PrintWriter(java.io.Writer.nullWriter())))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("508,032 x 196,608 = 99,883,155,456 entries")
                .hasMessageContaining("format coo");
    }

    @Test
    void wrongNumberOfWeightsNamesTheWeightShape() {
        ConvMatrix k = ConvMatrix.shared(conv1d(9, 3, "valid", PaddingMode.ZEROS));
        assertThatThrownBy(() -> k.multiply(new double[2], new double[9]))
                .hasMessage("weights: expected 3 numbers (the weight tensor 1 x 1 x 3 in PyTorch order), got 2");
    }

    static IntStream seeds() {
        return IntStream.range(0, 300);
    }

    /** K x = conv(x), dense K x = K x, and K^T dy = the scatter backward, on random geometries. */
    @ParameterizedTest
    @MethodSource("seeds")
    void kTimesXIsTheConvolutionAndKTransposeIsItsGradient(int seed) {
        Random rnd = new Random(seed);
        ConvGeometry g = RandomGeometry.draw(rnd);
        ConvMatrix k = ConvMatrix.shared(g);
        double[] w = RandomGeometry.values(rnd, k.weightCount());
        double[] x = RandomGeometry.values(rnd, k.cols());
        double[] dy = RandomGeometry.values(rnd, k.rows());
        String what = g.toString();
        assertClose(DirectConv.forward(g, w, x), k.multiply(w, x), F64, "K x vs direct conv, " + what);
        assertClose(DirectConv.backward(g, w, dy), k.multiplyTransposed(w, dy), F64, "K^T dy vs scatter, " + what);
        double[][] dense = k.dense(w);
        double[] viaDense = new double[dense.length];
        for (int r = 0; r < dense.length; r++) {
            for (int c = 0; c < dense[r].length; c++) {
                viaDense[r] += dense[r][c] * x[c];
            }
        }
        assertClose(k.multiply(w, x), viaDense, F64, "dense K x, " + what);
    }

    /** The references agree with each other: {@code <conv(x), dy> = <x, backward(dy)>}. */
    @ParameterizedTest
    @MethodSource("seeds")
    void directForwardAndScatterBackwardAreAdjoint(int seed) {
        Random rnd = new Random(10_000 + seed);
        ConvGeometry g = RandomGeometry.draw(rnd);
        double[] w = RandomGeometry.values(rnd, g.outChannels() * g.tapsPerOutput());
        double[] x = RandomGeometry.values(rnd, g.inputElements());
        double[] dy = RandomGeometry.values(rnd, g.outputElements());
        double lhs = dot(DirectConv.forward(g, w, x), dy);
        double rhs = dot(x, DirectConv.backward(g, w, dy));
        assertClose(new double[] {lhs}, new double[] {rhs}, F64 * 100, "adjoint identity, " + g);
    }

    /** The unshared K: same sparsity, and with every fresh weight set to its shared value it is the shared K. */
    @ParameterizedTest
    @MethodSource("seeds")
    void unsharedHasTheSparsityOfKAndReducesToItWhenWeightsAreTied(int seed) {
        Random rnd = new Random(20_000 + seed);
        ConvGeometry g = RandomGeometry.draw(rnd);
        ConvMatrix shared = ConvMatrix.shared(g);
        ConvMatrix unshared = ConvMatrix.unshared(g);
        double[] w = RandomGeometry.values(rnd, shared.weightCount());
        double[] tied = new double[Math.toIntExact(unshared.weightCount())];
        long[] next = {0};
        shared.forEachRow((r, entries) -> {
            var fresh = unshared.row(r);
            assertThat(fresh).extracting(Entry::col).containsExactlyElementsOf(
                    entries.stream().map(Entry::col).toList());
            assertThat(unshared.taps().realTapsBefore(r)).as("first unshared weight of row %d", r).isEqualTo(next[0]);
            java.util.List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                for (int j = 0; j < entries.get(i).size(); j++) {
                    ids.add(fresh.get(i).weight(j));
                    tied[(int) fresh.get(i).weight(j)] = w[(int) entries.get(i).weight(j)];
                }
            }
            // each row's fresh weights are the next ones in order (numbered in tap order within the row)
            assertThat(ids).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.range(next[0], next[0] + ids.size()).boxed().toList());
            next[0] += ids.size();
        });
        assertThat(next[0]).isEqualTo(unshared.weightCount());
        double[] x = RandomGeometry.values(rnd, shared.cols());
        assertClose(shared.multiply(w, x), unshared.multiply(tied, x), F64, "tied unshared K x, " + g);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
