package org.convlab.algebra.worksheet;

import java.util.List;

/**
 * The answers the worksheet ({@code shared/seed}, EECS 182 Spring 2023 Discussion 4, question 1)
 * prints, recorded as data so that convlab can compare its own, computed, figures with them.
 * Nothing here is used to compute an answer.
 */
final class PrintedAnswers {
    private PrintedAnswers() {
    }

    // (a)
    static final String A_SIZE = "9 - 3 + 1 = 7";
    static final long A_SIZE_VALUE = 7;
    static final String A_FIRST = "k1x1 + k2x2 + k3x3";
    static final String A_LAST = "k1x7 + k2x8 + k3x9";

    // (b)
    static final String B_SIZE = "9 by the definition of same padding";
    static final long B_SIZE_VALUE = 9;
    static final String B_FIRST = "k2x1 + k3x2";
    static final String B_LAST = "k1x8 + k2x9";

    // (c)
    static final String C_SHAPE = "R7x9";
    static final long[] C_SHAPE_VALUE = {7, 9};
    static final List<String> C_ROWS = List.of(
            "k1 k2 k3 0 0 ... 0",
            "0 k1 k2 k3 0 ... 0",
            "...",
            "0 ... 0 k1 k2 k3 0",
            "0 ... 0 0 k1 k2 k3");

    // (d)
    static final String D_SHAPE = "R9x9";
    static final long[] D_SHAPE_VALUE = {9, 9};
    static final List<String> D_ROWS = List.of(
            "k2 k3 0 0 0 ... 0",
            "k1 k2 k3 0 0 ... 0",
            "0 k1 k2 k3 0 ... 0",
            "...",
            "0 ... 0 k1 k2 k3 0",
            "0 ... 0 0 k1 k2 k3",
            "0 ... 0 0 0 k1 k2");

    // (e)
    static final String E_COUNT = "(9 - 3 + 1) * 3 = 21";
    static final long E_COUNT_VALUE = 21;
    static final List<String> E_ROWS = List.of(
            "k1 k2 k3 0 ... 0 0 0",
            "0 k4 k5 k6 ... 0 0 0",
            "...",
            "0 ... 0 0 k16 k17 k18 0",
            "0 ... 0 0 0 k19 k20 k21");

    // (f)
    static final String F_VALID = "W' = W - K + 1";
    static final String F_GENERAL = "floor((W + 2p - K) / s) + 1";

    /** The worksheet's formula (f) for stride 1 and no padding. */
    static long fValid(long w, long k) {
        return w - k + 1;
    }

    /** The worksheet's formula (f) for stride s and padding p. */
    static long fGeneral(long w, long k, long s, long p) {
        return Math.floorDiv(w + 2 * p - k, s) + 1;
    }

    // (g)
    static final String G_INPUT = "3 x 256 x 256";
    static final int[] G_INPUT_VALUE = {3, 256, 256};
    static final String G_KERNEL = "3 x 5 x 5";
    static final int[] G_KERNEL_VALUE = {3, 5, 5};

    // (h)
    static final String H_SIZE = "floor((256 - 5) / 2) + 1 = 126";
    static final long H_SIZE_VALUE = 126;
    static final String H_OUTPUT = "32 x 126 x 126";
    static final int[] H_OUTPUT_VALUE = {32, 126, 126};
    static final String H_WEIGHTS = "32 * (3 * 5 * 5) = 2400";
    static final long H_WEIGHTS_VALUE = 2400;
    static final String H_INPUT_FLAT = "a 196608 dimensional vector";
    static final long H_INPUT_FLAT_VALUE = 196_608;
    static final String H_OUTPUT_FLAT = "a 508302 vector";
    static final long H_OUTPUT_FLAT_VALUE = 508_302;
    static final String H_DENSE = "196608 * 508302 ~ 9.9936 * 10^10";
    /** The dense figure as printed: 9.9936 * 10^10, five significant digits. */
    static final String H_DENSE_VALUE = "9.9936 * 10^10";
    static final int H_DENSE_DIGITS = 5;
}
