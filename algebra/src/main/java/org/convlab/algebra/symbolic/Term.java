package org.convlab.algebra.symbolic;

/**
 * One product {@code weight * input} of an output element.
 *
 * @param weightId   the weight's index: shared (into {@code (C_out, C_in/groups, k...)}) or unshared
 * @param weight     the weight's name
 * @param inputCol   the input column it multiplies, 0-based (a padded position is named by the input it copies)
 * @param input      the input's name
 */
public record Term(long weightId, Name weight, long inputCol, Name input) {

    /** {@code k1x1}: the worksheet writes a product by juxtaposition. */
    public String text() {
        return weight.text() + input.text();
    }

    /** {@code k_{1} x_{1}}. */
    public String latex() {
        return weight.latex() + " " + input.latex();
    }
}
