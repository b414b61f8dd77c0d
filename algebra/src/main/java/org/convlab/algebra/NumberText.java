package org.convlab.algebra;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How convlab writes numbers for people: exact integers with thousands separators, short decimals. */
public final class NumberText {
    private NumberText() {
    }

    /**
     * A double in its shortest plain form: {@code 2}, {@code -0.5}, {@code 1.25}; exponent form
     * ({@code 1.0E-7}) only for very small or large magnitudes.
     */
    public static String decimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-6 || a >= 1e15) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code 99,883,155,456}. */
    public static String grouped(BigInteger v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /**
     * {@code a / b} rounded half-up to one decimal, grouped, a trailing {@code .0} dropped
     * ({@code 1,234.5}, {@code 27}); {@code "-"} when {@code b} is 0.
     */
    public static String ratio(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            return "-";
        }
        BigDecimal r = new BigDecimal(a).divide(new BigDecimal(b), 1, RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%,.1f", r).replaceAll("\\.0$", "");
    }

    /** {@code 99,883,155,456}. */
    public static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /**
     * Scientific notation with {@code digits} significant digits, as the worksheet writes it:
     * {@code 9.9883 * 10^10} (rounded half-up).
     */
    public static String scientific(BigInteger v, int digits) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_UP));
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent);
        return mantissa.toPlainString() + " * 10^" + exponent;
    }
}
