package org.convlab.algebra.matrix;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.symbolic.Name;
import org.convlab.algebra.symbolic.Naming;
import org.convlab.core.BadParameterException;

/**
 * The matrix K of a convolution, {@code vec(y) = K vec(x)} (bias not included), kept sparse:
 * each row is computed from the {@link ConvTaps} when it is asked for.
 *
 * <p>Rows are the outputs {@code (C_out, out_1, ..., out_D)} and columns the inputs
 * {@code (C_in, n_1, ..., n_D)}, both row-major; for 1-D this is the Toeplitz matrix of the
 * worksheet, for 2-D multi-channel the doubly-block Toeplitz one (a block per pair of
 * channels, Toeplitz blocks of Toeplitz rows). Entry {@code (r, c)} is the sum of the weights
 * whose tap in row {@code r} reads input {@code c}.
 *
 * <p>The shared K uses PyTorch's weights {@code (C_out, C_in/groups, k_1..k_D)} in that order.
 * The unshared K (a locally connected layer with the same windows) has the same sparsity with a
 * fresh weight for every (row, tap) that reads a real input, numbered row by row in tap order;
 * a tap on a padded zero gets none, a tap on a reflected/replicated/circular copy gets its own.
 */
public final class ConvMatrix {
    /** The largest dense matrix convlab writes out: 10 million entries. */
    public static final long DENSE_LIMIT = 10_000_000L;

    private final ConvTaps taps;
    private final Naming naming;
    private final boolean unshared;
    private final long weightCount;

    private ConvMatrix(ConvGeometry g, boolean unshared) {
        this.taps = new ConvTaps(g);
        this.naming = new Naming(taps);
        this.unshared = unshared;
        this.weightCount = unshared ? taps.realTapsTotal() : taps.sharedWeights();
    }

    /** K with shared weights: an ordinary convolution. */
    public static ConvMatrix shared(ConvGeometry g) {
        return new ConvMatrix(g, false);
    }

    /** K with a fresh weight per (row, tap): the locally connected layer with the same windows. */
    public static ConvMatrix unshared(ConvGeometry g) {
        return new ConvMatrix(g, true);
    }

    /** K for {@code g}, shared or unshared. */
    public static ConvMatrix of(ConvGeometry g, boolean unshared) {
        return new ConvMatrix(g, unshared);
    }

    public ConvTaps taps() {
        return taps;
    }

    public ConvGeometry geometry() {
        return taps.geometry();
    }

    public Naming naming() {
        return naming;
    }

    public boolean isUnshared() {
        return unshared;
    }

    /** Rows: output elements. */
    public long rows() {
        return taps.rows();
    }

    /** Columns: input elements. */
    public long cols() {
        return taps.cols();
    }

    /** The distinct weights in K: {@code C_out * C_in/groups * k_1...k_D} shared, one per real tap unshared. */
    public long weightCount() {
        return weightCount;
    }

    /** The printed name of weight {@code id}. */
    public Name weightName(long id) {
        return unshared ? naming.unsharedWeight(id) : naming.weight(id);
    }

    /** Entries of a dense K, {@code rows * cols}, exact. */
    public BigInteger denseEntries() {
        return BigInteger.valueOf(rows()).multiply(BigInteger.valueOf(cols()));
    }

    /**
     * Refuses a dense K over {@link #DENSE_LIMIT} entries, naming {@code parameter} (the one
     * that asked for the dense form) and pointing to the sparse formats with {@code sparseAdvice},
     * which may name the parameters {@code mentions}.
     */
    public void checkDense(String parameter, String sparseAdvice, String... mentions) {
        BigInteger n = denseEntries();
        if (n.compareTo(BigInteger.valueOf(DENSE_LIMIT)) > 0) {
            throw new BadParameterException(parameter, "expected a dense K of at most "
                    + NumberText.grouped(DENSE_LIMIT) + " entries, got " + NumberText.grouped(rows()) + " x "
                    + NumberText.grouped(cols()) + " = " + NumberText.grouped(n) + " entries; " + sparseAdvice)
                    .mentioning(mentions);
        }
    }

    /** Receives one row of K. */
    @FunctionalInterface
    public interface RowVisitor {
        /** Row {@code r}'s entries, columns increasing. */
        void visit(long r, List<Entry> entries);
    }

    /** Visits every row in order (rows are computed one at a time; nothing of size rows*cols is held). */
    public void forEachRow(RowVisitor visitor) {
        int n = taps.taps();
        long[] weight = new long[n];
        long[] input = new long[n];
        long next = 0;
        for (long r = 0; r < rows(); r++) {
            taps.row(r, weight, input);
            List<Entry> entries = entries(weight, input, next);
            if (unshared) {
                for (int t = 0; t < n; t++) {
                    if (input[t] >= 0) {
                        next++;
                    }
                }
            }
            visitor.visit(r, entries);
        }
    }

    /** Row {@code r}'s entries, columns increasing. */
    public List<Entry> row(long r) {
        int n = taps.taps();
        long[] weight = new long[n];
        long[] input = new long[n];
        taps.row(r, weight, input);
        return entries(weight, input, unshared ? taps.realTapsBefore(r) : 0);
    }

    /** Groups the taps of one row by input column; unshared ids start at {@code firstId}. */
    private List<Entry> entries(long[] weight, long[] input, long firstId) {
        int n = weight.length;
        long[] ids = new long[n];
        Integer[] order = new Integer[n];
        int real = 0;
        long next = firstId;
        for (int t = 0; t < n; t++) {
            if (input[t] >= 0) {
                ids[t] = unshared ? next++ : weight[t];
                order[real++] = t;
            }
        }
        java.util.Arrays.sort(order, 0, real, (a, b) -> input[a] != input[b] ? Long.compare(input[a], input[b])
                : Integer.compare(a, b));
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        while (i < real) {
            int j = i;
            while (j < real && input[order[j]] == input[order[i]]) {
                j++;
            }
            long[] w = new long[j - i];
            for (int m = i; m < j; m++) {
                w[m - i] = ids[order[m]];
            }
            entries.add(new Entry(input[order[i]], w));
            i = j;
        }
        return entries;
    }

    /** The number of non-zero (structural) entries of K. */
    public long nonZeros() {
        long[] count = {0};
        forEachRow((r, entries) -> count[0] += entries.size());
        return count[0];
    }

    /**
     * {@code y = K x} for numeric weights {@code w}, in double precision, sparse.
     *
     * @param w weights: {@link #weightCount()} of them, in K's weight order
     * @param x input, {@code (C_in, n_1, ..., n_D)} flattened
     * @return {@code (C_out, out_1, ..., out_D)} flattened
     */
    public double[] multiply(double[] w, double[] x) {
        checkWeights(w);
        checkLength("x", x.length, cols());
        double[] y = new double[Math.toIntExact(rows())];
        forEachRow((r, entries) -> {
            double sum = 0;
            for (Entry e : entries) {
                sum += e.value(w) * x[(int) e.col()];
            }
            y[(int) r] = sum;
        });
        return y;
    }

    /**
     * {@code dx = K^T dy}: the gradient of a loss with respect to the input, given its gradient
     * {@code dy} with respect to the output.
     */
    public double[] multiplyTransposed(double[] w, double[] dy) {
        checkWeights(w);
        checkLength("dy", dy.length, rows());
        double[] dx = new double[Math.toIntExact(cols())];
        forEachRow((r, entries) -> {
            for (Entry e : entries) {
                dx[(int) e.col()] += e.value(w) * dy[(int) r];
            }
        });
        return dx;
    }

    /** The dense K for numeric weights {@code w}, refused over {@link #DENSE_LIMIT} entries. */
    public double[][] dense(double[] w) {
        checkWeights(w);
        checkDense("dense K", "use the sparse rows");
        double[][] k = new double[(int) rows()][(int) cols()];
        forEachRow((r, entries) -> {
            for (Entry e : entries) {
                k[(int) r][(int) e.col()] = e.value(w);
            }
        });
        return k;
    }

    /** Checks that {@code weights} holds one value per weight. */
    public void checkWeights(double[] weights) {
        if (weights.length != weightCount) {
            throw new BadParameterException("weights", "expected " + weightCount + " numbers" + (unshared
                    ? " (one per unshared weight k1..k" + weightCount + ")"
                    : " (the weight tensor " + shape(geometry().weightShape()) + " in PyTorch order)") + ", got "
                    + weights.length);
        }
    }

    private static void checkLength(String what, int length, long expected) {
        if (length != expected) {
            throw new BadParameterException(what, expected + " values", length + " values");
        }
    }

    private static String shape(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int v : s) {
            b.append(b.length() > 0 ? " x " : "").append(v);
        }
        return b.toString();
    }
}
