package org.convlab.app;

import org.convlab.core.StrictNumbers;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters of every numeric option: ASCII decimal as the help shows it ({@code 64},
 * {@code 3e-3}, {@code 0.4914}) and nothing else, so that {@code 3e-3f}, {@code 0x1p-3},
 * {@code 1d} and non-ASCII digits are usage errors, and an error repeats only a short prefix
 * of a huge value.
 */
final class NumberConverters {
    private NumberConverters() {
    }

    /** Installs the strict converters for int, long, float and double (boxed and primitive) on {@code cli}. */
    static void install(CommandLine cli) {
        ITypeConverter<Integer> ints = text -> convert(text, "an integer (ASCII digits, below 2^31)",
                StrictNumbers::parseInt);
        ITypeConverter<Long> longs = text -> convert(text, "an integer (ASCII digits, below 2^63)",
                StrictNumbers::parseLong);
        ITypeConverter<Float> floats = text -> convert(text, "a number in ASCII like 0.5 or 3e-3", StrictNumbers::parseFloat);
        ITypeConverter<Double> doubles = text -> convert(text, "a number in ASCII like 0.5 or 3e-3", StrictNumbers::parseDouble);
        cli.registerConverter(Integer.class, ints);
        cli.registerConverter(Integer.TYPE, ints);
        cli.registerConverter(Long.class, longs);
        cli.registerConverter(Long.TYPE, longs);
        cli.registerConverter(Float.class, floats);
        cli.registerConverter(Float.TYPE, floats);
        cli.registerConverter(Double.class, doubles);
        cli.registerConverter(Double.TYPE, doubles);
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T convert(String text, String expected, Parser<T> parser) {
        try {
            return parser.parse(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected " + expected + ", got '" + StrictNumbers.prefix(text) + "'");
        }
    }
}
