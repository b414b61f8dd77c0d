package org.convlab.algebra.symbolic;

import java.util.Arrays;

/**
 * The printed name of one kernel weight, input or output: a letter and 1-based indices, written
 * {@code k1} (plain, the worksheet's 1-D form) or {@code k[2,1,3]} (indexed), and in LaTeX
 * {@code k_{1}} or {@code k_{2,1,3}}.
 *
 * @param letter the symbol, e.g. {@code k}, {@code x}, {@code y}
 * @param index  1-based indices
 * @param plain  whether the name is written {@code k1} rather than {@code k[1]}
 */
public record Name(String letter, int[] index, boolean plain) {

    public Name {
        index = index.clone();
    }

    @Override
    public int[] index() {
        return index.clone();
    }

    /** The name as text: {@code k1} or {@code k[1,2]}. */
    public String text() {
        StringBuilder s = new StringBuilder(letter);
        if (plain) {
            for (int i : index) {
                s.append(i);
            }
            return s.toString();
        }
        s.append('[');
        appendIndices(s);
        return s.append(']').toString();
    }

    /** The name in LaTeX: {@code k_{1}} or {@code k_{1,2}}. */
    public String latex() {
        StringBuilder s = new StringBuilder(letter).append("_{");
        appendIndices(s);
        return s.append('}').toString();
    }

    private void appendIndices(StringBuilder s) {
        for (int i = 0; i < index.length; i++) {
            s.append(i > 0 ? "," : "").append(index[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && n.letter.equals(letter) && n.plain == plain && Arrays.equals(n.index, index);
    }

    @Override
    public int hashCode() {
        return 31 * letter.hashCode() + Arrays.hashCode(index);
    }

    @Override
    public String toString() {
        return text();
    }
}
