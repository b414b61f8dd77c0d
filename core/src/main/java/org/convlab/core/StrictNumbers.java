package org.convlab.core;

import java.util.regex.Pattern;

/**
 * Parses numbers written the way convlab's help shows them, and nothing else: ASCII digits with
 * an optional sign, and for decimals an optional fraction and exponent ({@code 3e-3},
 * {@code 0.25}, {@code -1.5E+2}).
 *
 * <p>Java's own parsers also take forms nobody means on a command line or in a URL:
 * {@code Double.parseDouble} accepts {@code 3e-3f}, {@code 1d}, {@code 0x1p-3}, surrounding
 * spaces and {@code Infinity}; {@code Integer.parseInt} accepts non-ASCII digits such as
 * Arabic-Indic {@code ٣}. Every parser here refuses those with a {@link NumberFormatException}
 * (whose message is a {@link #prefix short prefix} of the text), so callers keep their own
 * wording of what was expected.
 */
public final class StrictNumbers {
    /** The most characters of a bad value an error message repeats. */
    public static final int ECHO_LIMIT = 40;

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private StrictNumbers() {
    }

    /** Whether {@code text} is an optionally signed run of ASCII digits. */
    public static boolean isInteger(CharSequence text) {
        return text != null && INTEGER.matcher(text).matches();
    }

    /** Whether {@code text} is an ASCII decimal, optionally with a fraction and an exponent. */
    public static boolean isDecimal(CharSequence text) {
        return text != null && DECIMAL.matcher(text).matches();
    }

    /** {@code text} as an int; refuses anything but ASCII digits with an optional sign, and overflow. */
    public static int parseInt(String text) {
        long v = parseLong(text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NumberFormatException(prefix(text));
        }
        return (int) v;
    }

    /** {@code text} as a long; refuses anything but ASCII digits with an optional sign, and overflow. */
    public static long parseLong(String text) {
        if (!isInteger(text)) {
            throw new NumberFormatException(prefix(text));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(prefix(text));
        }
    }

    /**
     * {@code text} as a double, for the ASCII decimal forms only; the result may still be
     * infinite ({@code 1e400}) — range checks are the caller's.
     */
    public static double parseDouble(String text) {
        if (!isDecimal(text)) {
            throw new NumberFormatException(prefix(text));
        }
        return Double.parseDouble(text);
    }

    /** {@code text} as a float, for the ASCII decimal forms only (see {@link #parseDouble}). */
    public static float parseFloat(String text) {
        if (!isDecimal(text)) {
            throw new NumberFormatException(prefix(text));
        }
        return Float.parseFloat(text);
    }

    /**
     * {@code text} itself when short, otherwise its first {@link #ECHO_LIMIT} characters and
     * how long it was, so that an error never repeats a megabyte of bad input.
     */
    public static String prefix(CharSequence text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= ECHO_LIMIT) {
            return text.toString();
        }
        int end = ECHO_LIMIT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(0, end) + "... (" + text.length() + " characters)";
    }
}
