package org.convlab.algebra.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;

/**
 * The output elements of a convolution as symbolic expressions, shared or unshared.
 *
 * <p>{@code y[o,p] = sum over taps t of k[o,t] * x[src(p, t)]}, padded zeros dropped (bias not
 * included). In the unshared (locally connected) variant every (output, tap) pair that reads
 * a real input has its own weight, numbered {@code k1, k2, ...} row by row.
 */
public final class Elements {
    private final ConvTaps taps;
    private final Naming naming;
    private final boolean unshared;

    /** The elements of {@code g}; {@code unshared} gives each output its own weights. */
    public Elements(ConvGeometry g, boolean unshared) {
        this.taps = new ConvTaps(g);
        this.naming = new Naming(taps);
        this.unshared = unshared;
    }

    public ConvTaps taps() {
        return taps;
    }

    public Naming naming() {
        return naming;
    }

    public boolean unshared() {
        return unshared;
    }

    /** The expression of output row {@code r} (0-based, row-major over {@code (C_out, out_1, ...)}). */
    public OutputElement at(long r) {
        int n = taps.taps();
        long[] weight = new long[n];
        long[] input = new long[n];
        taps.row(r, weight, input);
        long next = unshared ? taps.realTapsBefore(r) : 0;
        List<Term> terms = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (input[t] < 0) {
                continue;
            }
            long id = unshared ? next++ : weight[t];
            Name w = unshared ? naming.unsharedWeight(id) : naming.weight(id);
            terms.add(new Term(id, w, input[t], naming.input(input[t])));
        }
        return new OutputElement(r, naming.output(r), terms);
    }
}
