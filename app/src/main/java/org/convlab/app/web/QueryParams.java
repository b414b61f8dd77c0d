package org.convlab.app.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * The query parameters of one request, read with bounds: every value is at most
 * {@link Limits#PARAMETER} printable characters, given at most once, and only the parameters an
 * endpoint knows are accepted. Failures are {@link BadParameterException}s naming the parameter
 * ({@code "kernel: expected an integer from 1 to 16, got '0'"}), which the server answers with 400.
 */
public final class QueryParams {
    private final Map<String, List<String>> values;

    /**
     * Checks {@code values} (as decoded by the server) against the parameter names an endpoint knows.
     *
     * @throws BadParameterException for an unknown or repeated parameter, or a value too long or not printable
     */
    public QueryParams(Map<String, List<String>> values, Set<String> known) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String name = e.getKey();
            if (!known.contains(name)) {
                throw new BadParameterException(shown(name), "unknown parameter; this page takes "
                        + String.join(", ", new TreeSet<>(known)));
            }
            if (e.getValue().size() > 1) {
                throw new BadParameterException(name, "one value", e.getValue().size() + " values");
            }
            String v = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            if (v.length() > Limits.PARAMETER) {
                throw new BadParameterException(name, "at most " + Limits.PARAMETER + " characters",
                        v.length() + " characters");
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new BadParameterException(name, "printable characters", shown(v));
                }
            }
        }
        this.values = values;
    }

    /**
     * Parses a raw (still percent-encoded) query string such as {@code input=9&kernel=3}.
     *
     * @param rawQuery the query string, or null for none
     * @param known    the parameter names the endpoint takes
     * @throws BadParameterException for an unknown or repeated parameter, a bad value
     * @throws WebException          (400) for a malformed percent-encoding or bytes that are not UTF-8
     * @throws WebException          (414) for a query longer than {@link Limits#QUERY}
     */
    public static QueryParams parse(String rawQuery, Set<String> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            if (rawQuery.length() > Limits.QUERY) {
                throw new WebException(414, "query: expected at most " + Limits.QUERY + " characters, got "
                        + rawQuery.length());
            }
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name.isBlank()) {
                    throw new BadParameterException("query", "name=value pairs separated by &", shown(rawQuery));
                }
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParams(values, known);
    }

    private static String decode(String s) {
        return UrlDecoding.decode(s, true, "query");
    }

    /**
     * The value of {@code name}, trimmed, or {@code fallback} when it is absent. A parameter given
     * empty ({@code input=}) is the empty string, which every parser refuses, naming the parameter.
     */
    public String text(String name, String fallback) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        return v.get(0).trim();
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
    public long integer(String name, long fallback, long min, long max) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        String expected = "an integer from " + min + " to " + max;
        long n;
        try {
            n = StrictNumbers.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, expected, v);
        }
        if (n < min || n > max) {
            throw new BadParameterException(name, expected, v);
        }
        return n;
    }

    /** One of {@code choices} (case-insensitive), or {@code fallback} when absent. */
    public String choice(String name, String fallback, List<String> choices) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new BadParameterException(name, "one of " + String.join(", ", choices), v);
        }
        return lower;
    }

    /** {@code true}/{@code false} (also 1/0, yes/no, on/off), or {@code fallback} when absent. */
    public boolean flag(String name, boolean fallback) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                throw new BadParameterException(name, "true or false", v);
        }
    }

    /** A value as it may appear in a message: at most 40 characters, control characters as '?'. */
    static String shown(String v) {
        String s = v.length() > 40 ? v.substring(0, 37) + "..." : v;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
