package org.convlab.core;

/**
 * A parameter value that cannot work, reported as
 * {@code "<parameter>: expected <what>, got <value>"} with exit code 2.
 */
public class BadParameterException extends ConvlabException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter as the user knows it, e.g. {@code "--stride"} or {@code "stride"}
     * @param expected  what would have been accepted, e.g. {@code "a positive integer"}
     * @param given     what was given; rendered with {@link String#valueOf(Object)}, text cut to
     *                  {@link StrictNumbers#prefix a short prefix}
     */
    public BadParameterException(String parameter, String expected, Object given) {
        super(EXIT_USAGE, parameter + ": expected " + expected + ", got " + render(given));
        this.parameter = parameter;
    }

    /** A combination of values that cannot work together, explained in {@code message}. */
    public BadParameterException(String parameter, String message) {
        super(EXIT_USAGE, parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The name of the offending parameter. */
    public String parameter() {
        return parameter;
    }

    private static String render(Object given) {
        if (given instanceof CharSequence) {
            return "'" + StrictNumbers.prefix((CharSequence) given) + "'";
        }
        return String.valueOf(given);
    }
}
