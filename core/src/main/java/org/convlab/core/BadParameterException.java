package org.convlab.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter value that cannot work, reported as
 * {@code "<parameter>: expected <what>, got <value>"} with exit code 2.
 *
 * <p>Libraries name the Java parameter ({@code stride}, {@code inChannels}, {@code weights});
 * a front end that knows other names for them (the command line's {@code --stride}) renders
 * the same message with {@link #messageFor(UnaryOperator)}. When the explanation mentions
 * other parameters too ("use sameMode tf"), the thrower lists them with {@link #mentioning}
 * so that they are renamed as well.
 */
public class BadParameterException extends ConvlabException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String problem;
    private final List<String> mentions = new ArrayList<>();

    /**
     * @param parameter the Java parameter at fault, e.g. {@code "stride"}
     * @param expected  what would have been accepted, e.g. {@code "a positive integer"}
     * @param given     what was given; rendered with {@link String#valueOf(Object)}, text cut to
     *                  {@link StrictNumbers#prefix a short prefix}
     */
    public BadParameterException(String parameter, String expected, Object given) {
        this(parameter, "expected " + expected + ", got " + render(given));
    }

    /** A combination of values that cannot work together, explained in {@code message}. */
    public BadParameterException(String parameter, String message) {
        super(EXIT_USAGE, parameter + ": " + message);
        this.parameter = parameter;
        this.problem = message;
    }

    /**
     * Records that the explanation names other parameters too (as whole words), so that
     * {@link #messageFor} renames them; returns this exception.
     */
    public BadParameterException mentioning(String... others) {
        Collections.addAll(mentions, others);
        return this;
    }

    /** The name of the offending parameter. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong, without the parameter's name: the message after {@code "<parameter>: "}. */
    public String problem() {
        return problem;
    }

    /** The other parameters the explanation names. */
    public List<String> mentions() {
        return List.copyOf(mentions);
    }

    /**
     * The message with the parameter and every mentioned parameter renamed by {@code names}
     * (e.g. Java names to command-line options); a name the function returns unchanged stays.
     */
    public String messageFor(UnaryOperator<String> names) {
        String text = problem;
        for (String m : mentions) {
            Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(m) + "(?![\\w-])");
            text = word.matcher(text).replaceAll(Matcher.quoteReplacement(names.apply(m)));
        }
        return names.apply(parameter) + ": " + text;
    }

    private static String render(Object given) {
        if (given instanceof CharSequence) {
            return "'" + StrictNumbers.prefix((CharSequence) given) + "'";
        }
        return String.valueOf(given);
    }
}
