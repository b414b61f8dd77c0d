package org.convlab.algebra.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One output element as an expression: {@code y1 = k1x1 + k2x2 + k3x3}.
 *
 * <p>The terms are in tap order (PyTorch's weight order); taps that read a padded zero are
 * dropped, and a tap that reads a reflected, replicated or circular padding is named by the
 * input it copies, so an input may appear in two terms (see {@link #combinedText()}).
 *
 * @param row   the output row, 0-based
 * @param name  the output's name, e.g. {@code y1} or {@code y[2,1,1]}
 * @param terms the products, in tap order
 */
public record OutputElement(long row, Name name, List<Term> terms) {

    public OutputElement {
        terms = List.copyOf(terms);
    }

    /** {@code k1x1 + k2x2 + k3x3}, or {@code 0} when every tap reads padding zeros. */
    public String text() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        for (Term t : terms) {
            s.append(s.length() > 0 ? " + " : "").append(t.text());
        }
        return s.toString();
    }

    /** The expression in LaTeX, {@code k_{1} x_{1} + k_{2} x_{2}}. */
    public String latex() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        for (Term t : terms) {
            s.append(s.length() > 0 ? " + " : "").append(t.latex());
        }
        return s.toString();
    }

    /** Whether some input appears in more than one term (reflect, replicate or circular padding). */
    public boolean hasRepeatedInputs() {
        return terms.stream().map(Term::inputCol).distinct().count() < terms.size();
    }

    /**
     * The expression with the terms of each input collected, inputs in increasing order:
     * {@code k2x1 + (k1 + k3)x2}. Equal to {@link #text()} in value.
     */
    public String combinedText() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Long, List<Term>> e : byInput().entrySet()) {
            List<Term> ts = e.getValue();
            s.append(s.length() > 0 ? " + " : "");
            if (ts.size() == 1) {
                s.append(ts.get(0).text());
            } else {
                s.append('(');
                for (int i = 0; i < ts.size(); i++) {
                    s.append(i > 0 ? " + " : "").append(ts.get(i).weight().text());
                }
                s.append(')').append(ts.get(0).input().text());
            }
        }
        return s.toString();
    }

    /** The terms grouped by input column, columns increasing, terms in tap order. */
    public Map<Long, List<Term>> byInput() {
        Map<Long, List<Term>> m = new TreeMap<>();
        for (Term t : terms) {
            m.computeIfAbsent(t.inputCol(), c -> new ArrayList<>()).add(t);
        }
        return new LinkedHashMap<>(m);
    }
}
