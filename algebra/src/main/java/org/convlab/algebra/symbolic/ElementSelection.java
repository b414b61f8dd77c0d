package org.convlab.algebra.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * Which output elements to show, parsed from {@code --at} values; 1-based like the names.
 *
 * <p>Grammar (values may be repeated, and one value may hold several selections separated by
 * {@code ;}):
 * <ul>
 *   <li>{@code first}, {@code last}, {@code all}, or several of them joined by commas
 *       ({@code first,last});</li>
 *   <li>an index of the output: for one filter the spatial position ({@code 5} in 1-D,
 *       {@code 2,3} in 2-D: row 2, column 3); with a filter number first ({@code 4,2,3}: filter 4,
 *       row 2, column 3). A spatial position without the filter selects it in every filter;</li>
 *   <li>in the worksheet's plain 1-D case (one input and one output channel) a comma list mixes
 *       keywords and positions freely: {@code first,5,last}.</li>
 * </ul>
 */
public final class ElementSelection {
    /** The most elements one command prints. */
    public static final long MAX_SELECTED = 100_000;

    private ElementSelection() {
    }

    /** The rows (0-based) the values {@code at} select, in order, without repeats. */
    public static List<Long> parse(List<String> at, ConvTaps taps) {
        Set<Long> rows = new LinkedHashSet<>();
        for (String value : at) {
            for (String item : value.split(";")) {
                if (!item.isBlank()) {
                    select(item.trim(), taps, rows);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new BadParameterException("at", expected(taps), String.join(" ", at));
        }
        return new ArrayList<>(rows);
    }

    private static void select(String item, ConvTaps taps, Set<Long> rows) {
        ConvGeometry g = taps.geometry();
        String[] tokens = item.toLowerCase(Locale.ROOT).split(",", -1);
        boolean plain = g.spatialDims() == 1 && g.outChannels() == 1;
        boolean anyNumber = false;
        boolean anyKeyword = false;
        for (String t : tokens) {
            if (isKeyword(t.trim())) {
                anyKeyword = true;
            } else {
                anyNumber = true;
            }
        }
        if (plain || !anyNumber) {
            for (String t : tokens) {
                String token = t.trim();
                if (isKeyword(token)) {
                    keyword(token, taps, rows);
                } else {
                    int p = number(token, item, taps);
                    rows.add(taps.rowOf(new int[] {0, checked(p, g.axis(0).output(), "position", item, taps) - 1}));
                }
                checkCount(rows, item);
            }
            return;
        }
        if (anyKeyword) {
            throw new BadParameterException("at", expected(taps), item);
        }
        int d = g.spatialDims();
        int[] v = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            v[i] = number(tokens[i].trim(), item, taps);
        }
        int[] out = g.outputSpatial();
        if (v.length == d + 1) {
            int[] idx = new int[d + 1];
            idx[0] = checked(v[0], g.outChannels(), "filter", item, taps) - 1;
            for (int a = 0; a < d; a++) {
                idx[a + 1] = checked(v[a + 1], out[a], "position", item, taps) - 1;
            }
            rows.add(taps.rowOf(idx));
        } else if (v.length == d) {
            for (int o = 0; o < g.outChannels(); o++) {
                int[] idx = new int[d + 1];
                idx[0] = o;
                for (int a = 0; a < d; a++) {
                    idx[a + 1] = checked(v[a], out[a], "position", item, taps) - 1;
                }
                rows.add(taps.rowOf(idx));
                checkCount(rows, item);
            }
        } else {
            throw new BadParameterException("at", expected(taps), item);
        }
        checkCount(rows, item);
    }

    private static boolean isKeyword(String t) {
        return t.equals("first") || t.equals("last") || t.equals("all");
    }

    private static void keyword(String t, ConvTaps taps, Set<Long> rows) {
        switch (t) {
            case "first" -> rows.add(0L);
            case "last" -> rows.add(taps.rows() - 1);
            default -> {
                if (taps.rows() > MAX_SELECTED) {
                    throw new BadParameterException("at",
                            "'all' for at most " + MAX_SELECTED + " output elements (there are " + taps.rows()
                                    + "); select some with first, last or an index", "all");
                }
                for (long r = 0; r < taps.rows(); r++) {
                    rows.add(r);
                }
            }
        }
    }

    private static int number(String token, String item, ConvTaps taps) {
        try {
            return StrictNumbers.parseInt(token);
        } catch (NumberFormatException e) {
            throw new BadParameterException("at", expected(taps), item);
        }
    }

    private static int checked(int v, int size, String what, String item, ConvTaps taps) {
        if (v < 1 || v > size) {
            throw new BadParameterException("at", what + " numbers from 1 to " + size + " (1-based; output "
                    + shape(taps.geometry()) + ")", item);
        }
        return v;
    }

    private static void checkCount(Set<Long> rows, String item) {
        if (rows.size() > MAX_SELECTED) {
            throw new BadParameterException("at", "at most " + MAX_SELECTED + " output elements", item);
        }
    }

    private static String shape(ConvGeometry g) {
        StringBuilder s = new StringBuilder();
        for (int v : g.outputShape()) {
            s.append(s.length() > 0 ? "x" : "").append(v);
        }
        return s.toString();
    }

    /** What {@code --at} accepts for this geometry, for error messages. */
    static String expected(ConvTaps taps) {
        ConvGeometry g = taps.geometry();
        int d = g.spatialDims();
        String pos = d == 1 ? "N" : d == 2 ? "I,J" : "P1,..,P" + d;
        if (d == 1 && g.outChannels() == 1) {
            return "first, last, all or a position 1.." + g.axis(0).output() + ", comma-separated";
        }
        return "first, last, all, " + pos + " or FILTER," + pos + " (1-based; output " + shape(g) + ")";
    }
}
