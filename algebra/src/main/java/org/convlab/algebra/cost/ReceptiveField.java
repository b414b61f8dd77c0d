package org.convlab.algebra.cost;

import org.convlab.core.BadParameterException;

/**
 * The receptive field of a stack of convolutions (or poolings) along one axis, by the standard
 * recurrence over layers {@code l = 1..L}:
 * <pre>
 *   r_l    = r_(l-1) + (k_l - 1) * d_l * j_(l-1)        r_0 = 1     (receptive field size)
 *   j_l    = j_(l-1) * s_l                              j_0 = 1     (jump: input step between neighbouring outputs)
 *   left_l = left_(l-1) - pBefore_l * j_(l-1)           left_0 = 0  (first input the first output sees, 0-based)
 * </pre>
 * Output {@code o} (0-based) of layer {@code l} sees inputs {@code left_l + o*j_l .. left_l + o*j_l + r_l - 1};
 * positions below 0 or past the input are padding.
 *
 * @param size  r, the number of input positions one output depends on
 * @param jump  j, the input distance between neighbouring outputs
 * @param left  the first input position of output 0 (0-based; negative in the padding), or null when a
 *              padding is not known (TensorFlow 'same' without an input size)
 */
public record ReceptiveField(long size, long jump, Long left) {

    /** The field of the input itself: one position, step 1, starting at 0. */
    public static final ReceptiveField INPUT = new ReceptiveField(1, 1, 0L);

    /** The field after one more layer with kernel {@code k}, stride {@code s}, dilation {@code d}, padding before {@code pBefore} (null if unknown). */
    public ReceptiveField then(int k, int s, int d, Integer pBefore) {
        try {
            long r = Math.addExact(size, Math.multiplyExact(Math.multiplyExact((long) k - 1, d), jump));
            long j = Math.multiplyExact(jump, s);
            Long l = left == null || pBefore == null ? null : Math.subtractExact(left, Math.multiplyExact(pBefore, jump));
            return new ReceptiveField(r, j, l);
        } catch (ArithmeticException e) {
            throw new BadParameterException("kernel", "a receptive field below 2^63", "an overflow");
        }
    }
}
